"""The order days in the admin: read only. Days, records, checks and findings are written on the
order day's pages (gridcity.orderday.actions), which check who may act and validate every input;
nothing here is ever deleted, photos least of all."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gridcity.read_only_admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Finding, GridRecord, OrderDay, Photo


class GridRecordInline(ReadOnlyInline):
    show_change_link = True
    model = GridRecord
    fields = ["grid", "leader", "head_count", "participation_recorded_at", "passed", "score", "checked_by"]
    readonly_fields = fields


@admin.register(OrderDay)
class OrderDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "jurisdiction", "reason", "created_by", "created_at"]
    list_filter = ["jurisdiction"]
    date_hierarchy = "date"
    inlines = [GridRecordInline]


class FindingInline(ReadOnlyInline):
    show_change_link = True
    model = Finding
    fields = ["description", "found_by", "found_at", "case"]
    readonly_fields = fields


class PhotoInline(ReadOnlyInline):
    show_change_link = True
    model = Photo
    fields = ["kind", "file", "media_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(GridRecord)
class GridRecordAdmin(ReadOnlyAdmin):
    list_display = ["order_day", "grid", "leader", "head_count", "passed", "score"]
    list_filter = ["order_day__jurisdiction", "passed"]
    list_select_related = ["order_day__jurisdiction", "grid", "leader"]
    search_fields = ["grid__code", "grid__name"]
    fieldsets = [
        (
            _("Who took part"),
            {
                "fields": [
                    "order_day",
                    "grid",
                    "leader",
                    "units",
                    "parties",
                    "head_count",
                    "work_done",
                    "participation_recorded_by",
                    "participation_recorded_at",
                ]
            },
        ),
        (
            _("The leading group's check"),
            {"fields": ["checked_by", "checked_on", "passed", "score", "check_note", "check_recorded_at"]},
        ),
    ]
    inlines = [FindingInline, PhotoInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["record", "found_by", "found_at", "case"]
    list_select_related = ["record__order_day__jurisdiction", "record__grid", "found_by", "case"]
    search_fields = ["description", "case__number"]


@admin.register(Photo)
class PhotoAdmin(ReadOnlyAdmin):
    list_display = ["file", "kind", "record", "media_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "media_type"]
    list_select_related = ["record__order_day__jurisdiction", "record__grid", "uploaded_by"]
