"""Who sees which cases in the console. Every console view reads cases through these."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from gridcity.cases.models import Case, Event
from gridcity.org.models import Jurisdiction
from gridcity.org.roles import Role

# Roles that see every case of their jurisdiction.
WHOLE_JURISDICTION = {
    Role.ACCEPTOR,
    Role.SHIFT_LEADER,
    Role.DISPATCHER,
    Role.INSPECTOR,
    Role.EVALUATION_OFFICE,
    Role.COUNTY_LEADER,
    Role.SYSTEM_ADMIN,
}
UNIT_ROLES = {Role.UNIT_HANDLER, Role.UNIT_LEADER}
# The reporter's phone number is for the command center, who may need to call back; nobody else.
PHONE_ROLES = {Role.ACCEPTOR, Role.SHIFT_LEADER, Role.DISPATCHER}


def staff_required(view):
    """Logged in and holding at least one role; otherwise 403 with a message."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.roles or request.user.is_superuser):
            raise PermissionDenied(_("Your account has no role yet; ask the system administrator."))
        return view(request, *args, **kwargs)

    return wrapper


def jurisdiction_of(user):
    """The jurisdiction a person works in; a superuser without one works on the first."""
    if user.jurisdiction_id:
        return user.jurisdiction
    jurisdiction = Jurisdiction.objects.order_by("pk").first()
    if jurisdiction is None:
        raise Http404(_("No jurisdiction is set up yet."))
    return jurisdiction


def visible_cases(user):
    """The cases this person may see.

    The command center, the evaluation office, inspectors and leaders see their whole
    jurisdiction; a unit sees the cases it holds or has held; a collector those of the zone
    he patrols and those he reported.
    """
    cases = Case.objects.all()
    if user.is_superuser and not user.jurisdiction_id:
        return cases
    cases = cases.filter(jurisdiction_id=user.jurisdiction_id)
    roles = user.roles
    if roles & WHOLE_JURISDICTION:
        return cases
    scope = Q(pk__in=[])
    if roles & UNIT_ROLES and user.unit_id:
        held = Event.objects.filter(actor_unit_id=user.unit_id).values("case_id")
        scope |= Q(current_unit_id=user.unit_id) | Q(pk__in=held)
    if Role.COLLECTOR in roles:
        scope |= Q(reporter_id=user.pk)
        if user.zone_id:
            scope |= Q(zone_id=user.zone_id)
    return cases.filter(scope)


def may_see_reporter_phone(user):
    return bool(user.roles & PHONE_ROLES)


def case_for(user, number):
    """The case with this number if the person may see it; 404 otherwise (no hint that it exists)."""
    case = visible_cases(user).filter(number=number).first()
    if case is None:
        raise Http404(_("No case %(number)s that you may see.") % {"number": number})
    return case
