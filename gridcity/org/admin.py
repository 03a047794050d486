from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import DutyRule, Jurisdiction, Unit, User
from .roles import Role

admin.site.site_header = _("gridcity administration")
admin.site.site_title = _("gridcity")
admin.site.index_title = _("Platform administration")


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_member", "contact_person", "is_active"]
    list_filter = ["jurisdiction", "kind", "is_member", "is_active"]
    search_fields = ["name", "short_name", "code", "duties"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role_labels", "unit", "zone", "is_active"]
    list_filter = ["jurisdiction", "groups", "unit", "zone", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "phone"]
    list_select_related = ["unit", "zone"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Work"), {"fields": ("jurisdiction", "unit", "zone", "phone")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Work"), {"fields": ("last_name", "first_name", "jurisdiction", "unit", "zone", "groups")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("name"))
    def display_name(self, user):
        return user.display_name

    @admin.display(description=_("roles"))
    def role_labels(self, user):
        labels = dict(Role.choices)
        return "、".join(str(labels.get(group.name, group.name)) for group in user.groups.all())


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    list_display = ["name", "role_label"]

    @admin.display(description=_("role"))
    def role_label(self, group):
        return dict(Role.choices).get(group.name, "")


@admin.register(DutyRule)
class DutyRuleAdmin(admin.ModelAdmin):
    """The duty matrix (R3): which unit handles which class of problem at which kind of place."""

    list_display = ["major_class", "minor_class", "place", "unit", "informs", "reason"]
    list_filter = ["jurisdiction", "place", "unit", "major_class__kind"]
    search_fields = ["reason", "minor_class__name", "unit__name"]
    list_select_related = ["major_class", "minor_class__major", "unit", "informs"]
    autocomplete_fields = ["unit", "informs"]
