from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .access import issue_key
from .models import ApiClient, ClientCase, Scope


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    webhook_url = forms.URLField(
        label=_("webhook address"),
        required=False,
        assume_scheme="https",
        help_text=ApiClient._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = ApiClient
        fields = [
            "name",
            "jurisdiction",
            "source",
            "scopes",
            "rate_limit",
            "webhook_url",
            "is_active",
            "note",
        ]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "jurisdiction", "source", "scope_list", "rate_limit", "webhook_url", "is_active"]
    list_filter = ["jurisdiction", "source", "is_active"]
    search_fields = ["name", "key_prefix"]
    readonly_fields = ["key_prefix", "webhook_secret", "created_at"]
    actions = ["new_key"]

    @admin.display(description=_("scopes"))
    def scope_list(self, client):
        return ", ".join(str(Scope(scope).label) for scope in client.scopes if scope in Scope.values)

    def save_model(self, request, client, form, change):
        if change:
            client.save()
            return
        key = issue_key(client)
        self.message_user(
            request,
            _(
                "The key of “%(client)s” is %(key)s. Copy it now: it is stored hashed and cannot be shown again."
            )
            % {"client": client.name, "key": key},
            messages.WARNING,
        )

    @admin.action(description=_("Issue a new key (the old one stops working)"))
    def new_key(self, request, queryset):
        for client in queryset:
            key = issue_key(client)
            self.message_user(
                request,
                _("The new key of “%(client)s” is %(key)s. Copy it now: it cannot be shown again.")
                % {"client": client.name, "key": key},
                messages.WARNING,
            )


@admin.register(ClientCase)
class ClientCaseAdmin(admin.ModelAdmin):
    list_display = ["case", "client"]
    list_filter = ["client"]
    raw_id_fields = ["case"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
