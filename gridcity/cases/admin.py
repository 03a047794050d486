from django.contrib import admin

from gridcity.read_only_admin import ReadOnlyInline

from .models import Attachment, Case, Event, StageLimit


class EventInline(ReadOnlyInline):
    model = Event
    fields = ["at", "type", "actor", "actor_role", "actor_unit", "from_state", "to_state", "note", "data"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["kind", "file", "media_type", "size", "taken_at", "lon", "lat", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Cases are read here; they change only through the workflow (the console and the API)."""

    list_display = [
        "number",
        "minor_class",
        "state",
        "source",
        "zone",
        "current_unit",
        "reported_at",
        "stage_due_at",
    ]
    list_filter = ["state", "source", "jurisdiction", "zone", "current_unit", "supervised", "stage_breached"]
    search_fields = ["number", "description", "address", "external_id"]
    date_hierarchy = "reported_at"
    list_select_related = ["minor_class__major", "zone", "current_unit"]
    inlines = [EventInline, AttachmentInline]
    exclude = ["reporter_phone"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StageLimit)
class StageLimitAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "state", "amount", "unit", "urgent_amount"]
    list_filter = ["jurisdiction"]
