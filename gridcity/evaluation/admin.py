from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gridcity.read_only_admin import ReadOnlyAdmin

from .indicators import INDICATORS, LABELS
from .models import (
    DailyScore,
    Evaluation,
    EvaluationRow,
    LoadTier,
    OvertimeAppeal,
    QuarterlyWeights,
    Scheme,
    Term,
)


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["indicator", "scoring", "weight", "steps"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["object_kind", "jurisdiction", "min_cases", "terms_summary"]
    list_filter = ["jurisdiction", "object_kind"]
    inlines = [TermInline]

    @admin.display(description=_("terms"))
    def terms_summary(self, scheme):
        return " + ".join(
            f"{LABELS.get(t.indicator, t.indicator)} × {t.weight:g}%" for t in scheme.terms.all()
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            codes = ", ".join(f"{code} ({label})" for code, label in INDICATORS[obj.object_kind].items())
            form.base_fields["min_cases"].help_text = _("Indicators of this object: %(codes)s") % {
                "codes": codes
            }
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        total = sum(term.weight for term in form.instance.terms.all())
        if total != 100:
            self.message_user(
                request,
                _("The weights add up to %(total)s, not 100: the composite is divided by their sum.")
                % {"total": f"{total:g}"},
                level="warning",
            )


@admin.register(LoadTier)
class LoadTierAdmin(admin.ModelAdmin):
    list_display = ["name", "min_cases", "jurisdiction"]
    list_filter = ["jurisdiction"]


@admin.register(QuarterlyWeights)
class QuarterlyWeightsAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "cases", "daily", "inspection"]


@admin.register(OvertimeAppeal)
class OvertimeAppealAdmin(ReadOnlyAdmin):
    list_display = ["case", "unit", "state", "requested_at", "decided_at"]
    list_filter = ["state", "unit"]
    search_fields = ["case__number"]


@admin.register(DailyScore)
class DailyScoreAdmin(ReadOnlyAdmin):
    list_display = ["day", "unit", "score", "grade", "computed_at"]
    list_filter = ["jurisdiction", "unit"]
    date_hierarchy = "day"


class EvaluationRowInline(admin.TabularInline):
    model = EvaluationRow
    extra = 0
    can_delete = False
    fields = ["object_kind", "name", "score", "grade", "tier", "rank", "unranked_reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "jurisdiction", "state", "computed_at", "approved_at", "published_at"]
    list_filter = ["jurisdiction", "state", "period_kind"]
    inlines = [EvaluationRowInline]
