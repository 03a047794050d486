"""What every page's top bar needs: may this person report, and how many unread notifications."""

from gridcity.org.roles import Role

REPORTERS = {Role.COLLECTOR, Role.ACCEPTOR, Role.SHIFT_LEADER}


def console(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"console": {"may_report": bool(user.roles & REPORTERS), "unread": 0}}
