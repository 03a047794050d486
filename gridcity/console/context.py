"""What every page's top bar needs: may this person report, and how many unread notifications."""

from gridcity.org.roles import Role

from .models import Notification

REPORTERS = {Role.COLLECTOR, Role.ACCEPTOR, Role.SHIFT_LEADER}


def console(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "console": {
            "may_report": bool(user.roles & REPORTERS),
            # One COUNT over the partial index notification_unread.
            "unread": Notification.objects.for_person(user).unread().count(),
        }
    }
