from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .codes import split_class_code
from .forms import ComponentImportForm
from .models import Component, Condition, MajorClass, MinorClass
from .register import RegisterError, import_components, save_component

# A refused file can have a problem on every one of thousands of rows; the page shows this
# many and counts the rest (the management command prints them all).
MAX_PROBLEMS_SHOWN = 500

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class MinorClassInline(admin.TabularInline):
    model = MinorClass
    fields = ["code", "name", "synonyms", "photo_required", "is_active"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    show_change_link = True


@admin.register(MajorClass)
class MajorClassAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "minor_count"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    inlines = [MinorClassInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(minor_count=models.Count("minors"))

    @admin.display(description=_("minor classes"), ordering="minor_count")
    def minor_count(self, major):
        return major.minor_count


class ConditionInline(admin.TabularInline):
    model = Condition
    fields = ["number", "filing_condition", "time_limit", "limit_unit", "is_urgent", "closing_condition"]
    formfield_overrides = SHORT_TEXT
    extra = 0


@admin.register(MinorClass)
class MinorClassAdmin(admin.ModelAdmin):
    list_display = ["full_code", "name", "major", "synonyms", "photo_required", "is_active"]
    list_filter = ["major__kind", "major", "photo_required", "is_active"]
    search_fields = ["name", "synonyms", "code", "major__name"]
    list_select_related = ["major"]
    ordering = ["major__kind", "major__code", "code"]
    inlines = [ConditionInline]

    @admin.display(description=_("code"), ordering="major__code")
    def full_code(self, minor):
        return minor.full_code

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The code people know is the full one ("0101", "05-04"), which is not a column.
        code = split_class_code(search_term)
        if code:
            results |= queryset.filter(major__code=code[0], code=code[1])
        return results, may_have_duplicates


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ["code", "minor", "state", "grid", "maintenance_unit", "is_active"]
    list_filter = [
        "state",
        ("minor__major", admin.RelatedOnlyFieldListFilter),
        "jurisdiction",
        "is_active",
    ]
    search_fields = ["code"]
    list_select_related = ["minor__major", "grid", "maintenance_unit"]
    autocomplete_fields = ["minor", "competent_unit", "owner_unit", "maintenance_unit"]
    # The grid follows from the position: save_component sets it.
    readonly_fields = ["grid", "created_at", "updated_at"]
    fields = [
        "jurisdiction",
        "code",
        "minor",
        "lon",
        "lat",
        "grid",
        "state",
        "competent_unit",
        "owner_unit",
        "maintenance_unit",
        "owner_name",
        "note",
        "is_active",
        "created_at",
        "updated_at",
    ]
    change_list_template = "admin/catalog/component/change_list.html"

    def save_model(self, request, obj, form, change):
        save_component(obj)

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="catalog_component_import"),
        ] + super().get_urls()

    def import_view(self, request):
        if not (
            request.user.has_perm("catalog.add_component")
            and request.user.has_perm("catalog.change_component")
        ):
            messages.error(request, _("You may not change the component register."))
            return HttpResponseRedirect(reverse("admin:catalog_component_changelist"))
        problems = []
        form = ComponentImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                summary = import_components(
                    form.cleaned_data["file"].read(),
                    form.cleaned_data["format"],
                    form.cleaned_data["jurisdiction"],
                )
            except RegisterError as error:
                problems = error.problems
            else:
                messages.success(request, _("Components imported: %(summary)s") % {"summary": summary})
                return HttpResponseRedirect(reverse("admin:catalog_component_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import components (CSV or GeoJSON)"),
            "form": form,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "problems_left_out": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/catalog/component/import.html", context)
