"""The case list (every case this person may see, filtered, sorted, paged) and its Excel export."""

from dataclasses import dataclass

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from gridcity.cases.deadlines import Light, traffic_light
from gridcity.cases.models import OPEN_STATES, Source, State
from gridcity.catalog.models import MajorClass

from .. import export as excel
from .. import filters
from ..access import staff_required, visible_cases
from ..filters import CaseFilterForm, for_list, list_page

# The columns people sort by clicking their heading, and the direction a first click gives.
SORTABLE = {"number": "-number", "reported_at": "-reported_at", "stage_due_at": "stage_due_at"}


@dataclass
class Row:
    case: object
    light: str | None
    light_label: str
    overdue: bool
    state: str
    source: str
    kind: str


class Labels:
    """Choice labels translated once per page, not once per row and column."""

    def __init__(self):
        self.states = {value: str(label) for value, label in State.choices}
        self.sources = {value: str(label) for value, label in Source.choices}
        self.kinds = {value: str(label) for value, label in MajorClass.Kind.choices}
        self.lights = {light: str(label) for light, label in Light.LABELS.items()}


def _row(case, now, labels):
    overdue = case.state in OPEN_STATES and (
        case.stage_breached or (case.stage_due_at is not None and case.stage_due_at < now)
    )
    light, _share = traffic_light(case, now)
    return Row(
        case,
        light,
        labels.lights.get(light, ""),
        overdue,
        labels.states.get(case.state, case.state),
        labels.sources.get(case.source, case.source),
        labels.kinds.get(case.minor_class.major.kind, ""),
    )


def _query(request, **changes):
    """The request's query string without empty parameters, some changed (None removes one)."""
    params = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in changes:
            params.setlist(key, [value for value in values if value])
    for key, value in changes.items():
        if value is not None:
            params[key] = value
    return params.urlencode()


def _partial(request):
    """htmx asks for the results only, except when it restores a page missing from its history cache."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _sort_links(request, current):
    links = {}
    base = reverse("console:case_list")
    for column, first in SORTABLE.items():
        if current.lstrip("-") == column:
            target = column if current.startswith("-") else f"-{column}"
            state = "descending" if current.startswith("-") else "ascending"
        else:
            target, state = first, "none"
        links[column] = {"url": f"{base}?{_query(request, sort=target, page=None)}", "aria": state}
    return links


def _context(request, form, now):
    page = None
    too_far = False
    if form.is_valid():
        if form.page_number > filters.max_page():
            too_far = True
        else:
            cases = form.apply(visible_cases(request.user), now)
            page = list_page(cases, form.ordering(), form.page_number)
            labels = Labels()
            page.rows = [_row(case, now, labels) for case in page.rows]
    base = reverse("console:case_list")
    open_states = "&".join(f"state={state}" for state in sorted(OPEN_STATES))
    return {
        "form": form,
        "page": page,
        "too_far": too_far,
        "sort": form.sort_key,
        "sort_links": _sort_links(request, form.sort_key),
        "chosen": form.chosen(),
        "total_text": f"{page.total:,}" if page else "",
        "count_cap_text": f"{filters.COUNT_CAP:,}",
        "export_cap_text": f"{excel.EXPORT_CAP:,}",
        "export_url": f"{reverse('console:case_export')}?{_query(request, page=None)}",
        "first_url": f"{base}?{_query(request, page=None)}",
        "previous_url": page and page.has_previous and f"{base}?{_query(request, page=str(page.number - 1))}",
        "next_url": page
        and page.has_next
        and not page.last_pageable
        and f"{base}?{_query(request, page=str(page.number + 1))}",
        "open_url": f"{base}?{open_states}",
        "overdue_url": f"{base}?overdue=1",
        "map_url": f"{reverse('console:case_map')}?{_query(request, page=None, sort=None)}",
        "list_labels": {
            "failed": _("The cases could not be loaded (%(status)s). Your filters are kept; try again."),
            "offline": _(
                "No connection to the server. Your filters are kept; try again when you are online."
            ),
        },
    }


@staff_required
def case_list(request):
    form = CaseFilterForm(request.GET, jurisdiction_id=request.user.jurisdiction_id)
    context = _context(request, form, timezone.now())
    template = "console/case_list_results.html" if _partial(request) else "console/case_list.html"
    response = render(request, template, context)
    if template.endswith("_results.html"):
        # The address bar shows the filters without the empty fields (and the default order)
        # that the form also sends.
        sort = request.GET.get("sort") or None
        query = _query(request, sort=None if sort == filters.DEFAULT_SORT else sort)
        response["HX-Push-Url"] = f"{reverse('console:case_list')}?{query}".rstrip("?")
    # The same URL answers a whole page or, to htmx, the results alone.
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_required
def export(request):
    form = CaseFilterForm(request.GET, jurisdiction_id=request.user.jurisdiction_id)
    now = timezone.now()
    if not form.is_valid():
        # The same page and messages as the list: export nothing rather than the wrong cases.
        return render(request, "console/case_list.html", _context(request, form, now), status=400)
    cases = for_list(form.apply(visible_cases(request.user), now)).order_by(*form.ordering())
    return excel.case_workbook_response(cases, now=now, chosen=form.chosen(), user=request.user)
