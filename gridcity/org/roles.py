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

# Model permissions per role, as "app_label.model". The system administrator manages the
# organisation, the grid layer, the catalogue, the working calendar and the time limits; the
# evaluation office reads all of it and the cases. Cases themselves change only through the
# workflow, never through the admin.
ADMINISTERED_MODELS = [
    "org.jurisdiction",
    "org.unit",
    "org.user",
    "org.dutyrule",
    "grids.zone",
    "grids.grid",
    "catalog.majorclass",
    "catalog.minorclass",
    "catalog.condition",
    "catalog.component",
    "worktime.workperiod",
    "worktime.dayoverride",
    "cases.stagelimit",
]
READ_ONLY_MODELS = ["cases.case", "cases.event", "cases.attachment"]
# 门前三包 (gridcity.frontage): the evaluation office leads it (细则 §四(一)) and keeps the register
# with the system administrator; histories, links, inspections and eligibility are read there.
FRONTAGE_MODELS = [
    "frontage.party",
    "frontage.agreement",
    "frontage.signingrule",
    "frontage.checklistitem",
    "frontage.sponsorship",
    "frontage.sponsorshipmember",
]
FRONTAGE_READ_ONLY_MODELS = [
    "frontage.agreementevent",
    "frontage.caseparty",
    "frontage.inspection",
    "frontage.inspectionresult",
    "frontage.ineligibility",
    "frontage.eligibilityoverride",
    "frontage.frontagerevision",
]

# Other systems (Open311, the 12345 exchange): the administrator registers the clients and their
# keys, the Open311 attributes and the hotline's class mapping, and watches the outgoing messages.
INTEROP_MODELS = ["clients.apiclient", "open311.serviceattribute", "hotline.classmapping"]
INTEROP_READ_ONLY_MODELS = ["clients.clientcase", "outbox.message", "outbox.delivery", "open311.intake"]

# Monthly inspection, public order days and evaluation: written by their pages' functions, read
# in the admin; the composites' weights, load tiers and quarterly weights are edited there.
INSPECTION_READ_ONLY_MODELS = [
    "inspection.monthlyinspection",
    "inspection.gridsheet",
    "inspection.sheetentry",
    "inspection.finding",
    "inspection.findingfile",
    "inspection.unitresult",
    "inspection.unitineligibility",
    "orderday.orderday",
    "orderday.gridrecord",
    "orderday.finding",
    "orderday.photo",
    "evaluation.overtimeappeal",
    "evaluation.dailyscore",
    "evaluation.evaluation",
    "evaluation.evaluationrow",
]
EVALUATION_MODELS = [
    "evaluation.scheme",
    "evaluation.term",
    "evaluation.loadtier",
    "evaluation.quarterlyweights",
]


def _permissions(models, actions):
    return [f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in models for action in actions]


ROLE_PERMISSIONS = {
    Role.SYSTEM_ADMIN: _permissions(ADMINISTERED_MODELS, ("add", "change", "delete", "view"))
    + _permissions(READ_ONLY_MODELS, ("view",))
    + ["auth.view_group", "auth.change_group"]
    + _permissions(FRONTAGE_MODELS, ("add", "change", "delete", "view"))
    + _permissions(FRONTAGE_READ_ONLY_MODELS, ("view",))
    + ["frontage.add_eligibilityoverride"]  # only the administrator lifts an ineligibility (R11)
    + _permissions(INTEROP_MODELS, ("add", "change", "delete", "view"))
    + _permissions(INTEROP_READ_ONLY_MODELS, ("view",))
    + ["outbox.resend_message"]  # dead letters are resent from the admin
    + _permissions(INSPECTION_READ_ONLY_MODELS + EVALUATION_MODELS, ("view",)),
    Role.EVALUATION_OFFICE: _permissions(ADMINISTERED_MODELS + READ_ONLY_MODELS, ("view",))
    + _permissions(FRONTAGE_MODELS, ("add", "change", "view"))
    + _permissions(FRONTAGE_READ_ONLY_MODELS, ("view",))
    + _permissions(INSPECTION_READ_ONLY_MODELS, ("view",))
    + _permissions(EVALUATION_MODELS, ("add", "change", "delete", "view")),
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
