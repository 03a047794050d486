import json

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .delivery import resend
from .models import Delivery, Message


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["attempt", "at", "duration_ms", "status_code", "response_excerpt", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Messages are written by the domain and sent by the worker; here they are read, and dead
    ones (filter by state) are sent again."""

    list_display = [
        "id",
        "topic",
        "subject",
        "client",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["state", "topic", "client"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    list_select_related = ["client"]
    fields = [
        "client",
        "topic",
        "subject",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "claimed_until",
        "delivered_at",
        "last_error",
        "formatted_body",
    ]
    readonly_fields = fields
    inlines = [DeliveryInline]
    actions = ["send_again"]

    @admin.display(description=_("body"))
    def formatted_body(self, message):
        try:
            text = json.dumps(json.loads(message.body), ensure_ascii=False, indent=2, sort_keys=True)
        except ValueError:
            text = message.body
        return format_html("<pre>{}</pre>", text)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.resend_message")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = resend(queryset)
        self.message_user(
            request,
            ngettext("%(count)d message will be sent again.", "%(count)d messages will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        waiting = queryset.count() - count
        if waiting > 0:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was still waiting to be sent and was left as it is.",
                    "%(count)d messages were still waiting to be sent and were left as they are.",
                    waiting,
                )
                % {"count": waiting},
                messages.INFO,
            )
