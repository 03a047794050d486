"""The monthly inspections in the admin: read only. They change through the inspection pages
(gridcity.inspection.monthly), and nothing of them is ever deleted: the archive of R9."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gridcity.read_only_admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Finding,
    FindingFile,
    GridSheet,
    MonthlyInspection,
    SheetEntry,
    UnitIneligibility,
    UnitResult,
)


class SheetInline(ReadOnlyInline):
    show_change_link = True
    model = GridSheet
    fields = ["position", "grid", "completed_by", "completed_at"]
    readonly_fields = fields


class UnitResultInline(ReadOnlyInline):
    model = UnitResult
    fields = ["unit", "deductions", "findings", "score", "passed"]
    readonly_fields = fields


@admin.register(MonthlyInspection)
class MonthlyInspectionAdmin(ReadOnlyAdmin):
    list_display = [
        "month",
        "jurisdiction",
        "state",
        "strategy",
        "grid_count",
        "seed",
        "opened_by",
        "closed_at",
    ]
    list_filter = ["state", "jurisdiction"]
    date_hierarchy = "month"
    fieldsets = [
        (None, {"fields": ["jurisdiction", "month", "state", "note"]}),
        (_("The draw"), {"fields": ["seed", "seed_given", "grid_count", "strategy", "pool"]}),
        (_("The team"), {"fields": ["team_units", "inspectors"]}),
        (None, {"fields": ["opened_by", "opened_at", "closed_by", "closed_at"]}),
    ]
    inlines = [SheetInline, UnitResultInline]


class EntryInline(ReadOnlyInline):
    show_change_link = True
    model = SheetEntry
    fields = ["party", "frontage_inspection", "recorded_by", "recorded_at"]
    readonly_fields = fields


@admin.register(GridSheet)
class GridSheetAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "grid", "completed_by", "completed_at"]
    list_filter = ["inspection__jurisdiction"]
    list_select_related = ["inspection__jurisdiction", "grid", "completed_by"]
    inlines = [EntryInline]


@admin.display(description=_("file"))
def file_link(stored):
    # The files are served by the inspection's own view, which checks who may see them.
    return format_html('<a href="{}">{}</a>', reverse("inspection:file", args=[stored.pk]), stored.file.name)


class FileInline(ReadOnlyInline):
    show_change_link = True
    model = FindingFile
    fields = [file_link, "media_type", "size", "taken_at", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["pk", "inspection", "sheet", "minor_class", "unit", "party", "deduction", "case"]
    list_filter = ["inspection__jurisdiction", "inspection__month"]
    search_fields = ["description", "address", "case__number"]
    list_select_related = [
        "inspection__jurisdiction",
        "sheet__grid",
        "minor_class__major",
        "unit",
        "party",
        "case",
    ]
    inlines = [FileInline]


@admin.register(FindingFile)
class FindingFileAdmin(ReadOnlyAdmin):
    list_display = [file_link, "finding", "media_type", "size", "uploaded_at"]
    fields = [file_link, "finding", "media_type", "size", "taken_at", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(SheetEntry)
class SheetEntryAdmin(ReadOnlyAdmin):
    list_display = ["sheet", "party", "frontage_inspection", "recorded_by", "recorded_at"]
    list_select_related = [
        "sheet__inspection__jurisdiction",
        "sheet__grid",
        "party",
        "frontage_inspection__party",
    ]


@admin.register(UnitResult)
class UnitResultAdmin(ReadOnlyAdmin):
    list_display = ["unit", "inspection", "deductions", "score", "passed"]
    list_filter = ["passed", "unit__kind", "inspection__jurisdiction"]
    list_select_related = ["unit", "inspection__jurisdiction"]


@admin.register(UnitIneligibility)
class UnitIneligibilityAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "since", "computed_at"]
    list_filter = ["year", "unit__kind"]
    list_select_related = ["unit"]
