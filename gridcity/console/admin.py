from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: whether and when a person was told; notifications are written by the console."""

    list_display = ["created_at", "recipient", "kind", "case", "state", "due_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["case__number", "recipient__username"]
    list_select_related = ["recipient", "case"]
    raw_id_fields = ["recipient", "case", "event"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
