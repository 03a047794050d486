"""The roles people play, as Django groups. docs/roles.md says what each may see and do."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # The group's name is the value; the label is what people read.
    COLLECTOR = "collector", _("Information collector")
    ACCEPTOR = "acceptor", _("Acceptor")
    SHIFT_LEADER = "shift_leader", _("Shift leader")
    DISPATCHER = "dispatcher", _("Dispatcher")
    UNIT_HANDLER = "unit_handler", _("Unit handler")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    INSPECTOR = "inspector", _("Inspector")
    EVALUATION_OFFICE = "evaluation_office", _("Evaluation office")
    COUNTY_LEADER = "county_leader", _("County leader")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles that work in the Django admin (they get is_staff and the model permissions below).
STAFF_ROLES = {Role.SYSTEM_ADMIN, Role.EVALUATION_OFFICE}

# Model permissions per role, as "app_label.codename". The system administrator manages
# the organisation and the grid layer; the evaluation office reads everything there.
ALL_ORG_AND_GRID_MODELS = ["org.jurisdiction", "org.unit", "org.user", "grids.zone", "grids.grid"]
ROLE_PERMISSIONS = {
    Role.SYSTEM_ADMIN: [
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model in ALL_ORG_AND_GRID_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    + ["auth.view_group", "auth.change_group"],
    Role.EVALUATION_OFFICE: [
        f"{model.split('.')[0]}.view_{model.split('.')[1]}" for model in ALL_ORG_AND_GRID_MODELS
    ],
}


def ensure_role_groups():
    """Create one group per role with its permissions; safe to run again."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS.get(role, [])
        permissions = []
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
        groups[role] = group
    return groups
