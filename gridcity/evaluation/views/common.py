"""What the evaluation's pages share: the evaluation a person may see of a period, and how an
address names a period, a kind of object and a figure.

Who sees what is the evaluation's own rule (gridcity.evaluation.evaluations); how figures are
written is gridcity.evaluation.text."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gridcity.console.access import jurisdiction_of

from ..evaluations import may_see, may_see_figures
from ..models import Evaluation, ObjectKind
from ..periods import Period

# The figures a unit may appeal against (超期申诉): those an approved appeal takes the case out of.
OVERTIME_CODES = ("disposed_late", "overdue_open", "late_disposal_rate", "overdue_rate")


def check_may_see(user, kind, object_id):
    if not may_see_figures(user, kind, object_id):
        raise PermissionDenied(
            _("A post's figures are for the person holding it and for the evaluation office.")
        )


def period_from(text):
    try:
        return Period.parse(text)
    except ValueError as error:
        raise Http404(str(error)) from None


def kind_from(text):
    if text not in ObjectKind.values:
        raise Http404(_("“%(kind)s” is not a kind of evaluated object.") % {"kind": text})
    return ObjectKind(text)


def evaluation_for(user, period):
    """The evaluation of ``period`` in the person's jurisdiction if he may see it; 404 otherwise
    (no hint that an unpublished one exists)."""
    evaluation = Evaluation.objects.filter(
        jurisdiction=jurisdiction_of(user), period_kind=period.kind, starts_on=period.start
    ).first()
    if evaluation is None or not may_see(user, evaluation):
        raise Http404(_("No evaluation of %(period)s that you may see.") % {"period": period.label})
    return evaluation


def figure_url(period, kind, object_id, code):
    slug = period if isinstance(period, str) else period.slug
    return reverse("evaluation:figure", args=[slug, kind, object_id, code])
