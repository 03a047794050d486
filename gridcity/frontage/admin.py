from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gridcity.read_only_admin import ReadOnlyAdmin, ReadOnlyInline

from . import agreements
from .documents import agreement_pdf
from .inspections import may_override, override_ineligibility
from .models import (
    Agreement,
    AgreementEvent,
    CaseParty,
    ChecklistItem,
    EligibilityOverride,
    FrontageRevision,
    Ineligibility,
    Inspection,
    InspectionResult,
    Party,
    SigningRule,
    Sponsorship,
    SponsorshipMember,
)
from .parties import save_party
from .selectors import masked_contact


class AgreementInline(ReadOnlyInline):
    model = Agreement
    fields = ["number", "signing_unit", "state", "starts_on", "ends_on", "signed_on"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "identifier", "grid", "masked_person", "masked_phone", "is_active"]
    list_filter = ["kind", "place", "zone", "is_active", "jurisdiction"]
    search_fields = ["name", "credit_code", "licence_number", "address"]
    list_select_related = ["grid"]
    readonly_fields = ["grid", "zone", "frontage_length_m", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["jurisdiction", "kind", "name", "credit_code", "licence_number", "place", "address"]},
        ),
        (_("Contact (never public)"), {"fields": ["contact_person", "contact_phone"]}),
        (
            _("Location and frontage area"),
            {"fields": ["lon", "lat", "frontage", "depth_m", "frontage_length_m", "grid", "zone"]},
        ),
        (None, {"fields": ["is_active", "note", "created_at", "updated_at"]}),
    ]
    inlines = [AgreementInline]

    @admin.display(description=_("code"))
    def identifier(self, party):
        return party.identifier

    @admin.display(description=_("contact person"))
    def masked_person(self, party):
        return masked_contact(party)[0]

    @admin.display(description=_("contact phone"))
    def masked_phone(self, party):
        return masked_contact(party)[1]

    def save_model(self, request, obj, form, change):
        save_party(obj)


@admin.register(SigningRule)
class SigningRuleAdmin(admin.ModelAdmin):
    list_display = ["party_kind", "place", "zone", "unit", "reason"]
    list_filter = ["party_kind", "place", "unit", "jurisdiction"]
    list_select_related = ["zone", "unit"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["party_kind", "number", "guarantee", "text", "is_active"]
    list_filter = ["party_kind", "guarantee", "is_active", "jurisdiction"]
    search_fields = ["text"]
    ordering = ["jurisdiction", "party_kind", "number"]


class AgreementEventInline(ReadOnlyInline):
    model = AgreementEvent
    fields = ["at", "type", "actor", "from_state", "to_state", "note", "data"]
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """New agreements are drafts (agreements.draft_agreement); the state changes only through
    the transitions, offered here as actions."""

    list_display = ["number", "party", "signing_unit", "state", "starts_on", "ends_on", "pdf_link"]
    list_filter = ["state", "signing_unit", "jurisdiction"]
    search_fields = ["number", "party__name", "party__credit_code", "party__licence_number"]
    list_select_related = ["party", "signing_unit"]
    date_hierarchy = "ends_on"
    autocomplete_fields = ["party"]
    inlines = [AgreementEventInline]
    actions = ["sign_drafts", "renew_agreements"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["party", "signing_unit", "starts_on", "ends_on"]
        return [
            "number",
            "party",
            "signing_unit",
            "state",
            "starts_on",
            "ends_on",
            "signed_on",
            "party_signatory",
            "unit_signatory",
            "renews",
            "standards",
            "created_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return self.get_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            # Left empty, the signing table suggests the unit and the term is one year from today.
            for name in ("signing_unit", "starts_on", "ends_on"):
                form.base_fields[name].required = False
        return form

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            created = agreements.draft_agreement(
                obj.party,
                actor=request.user,
                signing_unit=obj.signing_unit,
                starts_on=obj.starts_on,
                ends_on=obj.ends_on,
            )
        except ValidationError as error:
            # The form checked the party, the unit and the term; what remains is a missing
            # signing rule or standard, which the message names.
            raise PermissionDenied("; ".join(error.messages)) from None
        obj.pk, obj.number = created.pk, created.number

    @admin.display(description=_("PDF"))
    def pdf_link(self, agreement):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:frontage_agreement_pdf", args=[agreement.pk]), _("print")
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="frontage_agreement_pdf",
            ),
            *super().get_urls(),
        ]

    def pdf_view(self, request, pk):
        agreement = get_object_or_404(Agreement.objects.select_related("party__grid", "signing_unit"), pk=pk)
        if not self.has_view_permission(request, agreement):
            raise PermissionDenied
        response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{agreement.number}.pdf"'
        return response

    @admin.action(description=_("Sign the selected drafts (signed today)"))
    def sign_drafts(self, request, queryset):
        self._act(request, queryset, lambda a: agreements.sign(a, actor=request.user))

    @admin.action(description=_("Draft renewals of the selected agreements"))
    def renew_agreements(self, request, queryset):
        self._act(request, queryset, lambda a: agreements.renew(a, actor=request.user))

    def _act(self, request, queryset, action):
        done = 0
        for agreement in queryset.select_related("party", "signing_unit"):
            try:
                action(agreement)
                done += 1
            except (agreements.AgreementError, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{agreement.number}: {message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)s agreement(s) done.") % {"count": done}, messages.SUCCESS)


@admin.register(AgreementEvent)
class AgreementEventAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "type", "at", "actor", "from_state", "to_state"]
    list_filter = ["type"]
    list_select_related = ["agreement", "actor"]
    date_hierarchy = "at"


@admin.register(CaseParty)
class CasePartyAdmin(ReadOnlyAdmin):
    list_display = ["case", "party", "distance_m", "linked_at"]
    list_select_related = ["case", "party"]
    search_fields = ["case__number", "party__name"]


class InspectionResultInline(ReadOnlyInline):
    model = InspectionResult
    fields = ["number", "guarantee", "text", "passed", "note"]
    readonly_fields = fields


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["party", "inspected_on", "score", "passed", "inspector"]
    list_filter = ["passed", "jurisdiction"]
    list_select_related = ["party", "inspector"]
    search_fields = ["party__name"]
    date_hierarchy = "inspected_on"
    inlines = [InspectionResultInline]


@admin.register(Ineligibility)
class IneligibilityAdmin(ReadOnlyAdmin):
    list_display = ["party", "year", "since", "reinstated"]
    list_filter = ["year"]
    list_select_related = ["party", "override"]
    search_fields = ["party__name"]

    @admin.display(description=_("reinstated"), boolean=True)
    def reinstated(self, ineligibility):
        return hasattr(ineligibility, "override")


@admin.register(EligibilityOverride)
class EligibilityOverrideAdmin(admin.ModelAdmin):
    """Lifting an ineligibility: only a system administrator, with a reason; never changed after."""

    list_display = ["ineligibility", "by", "at", "reason"]
    list_select_related = ["ineligibility__party", "by"]
    fields = ["ineligibility", "reason"]

    def has_add_permission(self, request):
        return may_override(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "ineligibility":
            kwargs["queryset"] = Ineligibility.objects.filter(override__isnull=True).select_related("party")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        created = override_ineligibility(
            obj.ineligibility, actor=request.user, reason=obj.reason, at=timezone.now()
        )
        obj.pk, obj.by, obj.at = created.pk, created.by, created.at


class SponsorshipMemberInline(admin.TabularInline):
    model = SponsorshipMember
    fields = ["unit", "party", "duties"]
    autocomplete_fields = ["party"]
    extra = 1


@admin.register(Sponsorship)
class SponsorshipAdmin(admin.ModelAdmin):
    list_display = ["grid", "leader", "starts_on", "ends_on", "signed_on"]
    list_filter = ["jurisdiction", "grid__zone"]
    list_select_related = ["grid", "leader"]
    inlines = [SponsorshipMemberInline]


@admin.register(FrontageRevision)
class FrontageRevisionAdmin(ReadOnlyAdmin):
    list_display = ["number"]
