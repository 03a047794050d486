"""The reads behind GET requests and the updates feed: one query per page, whatever its length."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.fields.json import KT

from gridcity.cases.models import ENDED_STATES, OPEN_STATES, Case, Event
from gridcity.cases.workflow import TRANSITIONS

# Every event the case cycle writes. The updates feed asks for these types by name so that the
# (type, at) index of the event table finds a time window without reading the whole table.
EVENT_TYPES = sorted(
    {spec.event_type(name) for name, spec in TRANSITIONS.items()} | {"case.deadline_breached"}
)

# What a service request shows of a case, read as plain rows: building model instances for a
# page of a thousand cases would cost more than the query.
_CASE_FIELDS = (
    "number",
    "state",
    "description",
    "address",
    "lat",
    "lon",
    "reported_at",
    "closed_at",
    "stage_due_at",
    "disposal_due_at",
)
_CASE_RELATED = {
    "unit_name": F("current_unit__name"),
    "class_name": F("minor_class__name"),
    "class_code": F("minor_class__code"),
    "major_code": F("minor_class__major__code"),
    "major_kind": F("minor_class__major__kind"),
}


def service_requests(
    jurisdiction, *, numbers=None, classes=None, statuses=None, start=None, end=None, offset=0, limit=1000
):
    """A page of the jurisdiction's cases, newest report first, as rows (dicts of _CASE_FIELDS and _CASE_RELATED).

    ``numbers`` (case numbers) overrides the other filters, as the specification says of
    service_request_id. ``statuses`` is a set of "open" / "closed"; ``start`` and ``end`` bound the
    report time (both included).
    """
    cases = Case.objects.filter(jurisdiction=jurisdiction)
    if numbers is not None:
        cases = cases.filter(number__in=numbers)
    else:
        if classes is not None:
            cases = cases.filter(minor_class_id__in=classes)
        if statuses is not None and statuses != {"open", "closed"}:
            cases = cases.filter(state__in=OPEN_STATES if "open" in statuses else ENDED_STATES)
        if start is not None:
            cases = cases.filter(reported_at__gte=start)
        if end is not None:
            cases = cases.filter(reported_at__lte=end)
    events = Event.objects.filter(case=OuterRef("pk"))
    cases = cases.order_by("-reported_at", "-pk").values(
        *_CASE_FIELDS,
        **_CASE_RELATED,
        last_event_at=Subquery(events.order_by("-at", "-pk").values("at")[:1]),
        # An Open311 client may have sent the link of its own photo page: it is shown back.
        # Our own photos are behind the console's login, so no link to them is given. The
        # link is in the report's event, a case's first; asking for the first by id lets the
        # database walk the case's events by their case index (a filter on the type would
        # lead SQLite to the (type, at) index and through every report of the county).
        sent_media_url=Subquery(events.order_by("pk").values(url=KT("data__media_url"))[:1]),
    )
    return list(cases[offset : offset + limit])


def request_updates(jurisdiction, *, start, end, offset=0, limit=1000):
    """A page of the events of the jurisdiction's cases between ``start`` and ``end`` (both
    included), oldest first: a client polling the feed reads it in the order things happened.
    Rows (dicts) with the event's pk, type, at and to_state, its case's number and state."""
    events = (
        Event.objects.filter(
            type__in=EVENT_TYPES, at__gte=start, at__lte=end, case__jurisdiction=jurisdiction
        )
        .order_by("at", "pk")
        .values("pk", "type", "at", "to_state", case_number=F("case__number"), case_state=F("case__state"))
    )
    return list(events[offset : offset + limit])


def intake(jurisdiction, token):
    """The request accepted in batch mode under ``token`` for ``jurisdiction``, with the number of
    its case once filed (``case_number``) and why it was not filed (``error``); None if unknown."""
    from .models import Intake

    return (
        Intake.objects.filter(token=token, client__jurisdiction=jurisdiction)
        .annotate(case_number=F("case__number"))
        .only("token", "error", "case")
        .first()
    )
