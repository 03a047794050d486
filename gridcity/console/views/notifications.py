"""The person's notifications: newest first; opening one shows its case and marks it read."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import notifications
from ..access import staff_required
from ..models import Notification

PER_PAGE = 30


@staff_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        # The only action here: "mark all read". Back to the list (POST/redirect/GET).
        notifications.mark_all_read(request.user)
        return redirect("console:notifications")
    opened = request.GET.get("open")
    if opened:
        notification = notifications.open_notification(request.user, opened) if opened.isdigit() else None
        if notification is None:
            raise Http404(_("No such notification of yours."))
        return redirect("console:case", number=notification.case.number)
    mine = (
        Notification.objects.for_person(request.user)
        .select_related("case", "case__minor_class")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "console/notifications.html", {"page": page, "notifications": list(page.object_list)}
    )
