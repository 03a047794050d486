"""Work orders transferred by the 12345 hotline (转办), and its callbacks (回访).

``receive_order`` turns a work order into a case through ``workflow.report``; the work-order
number is the case's external id, so the same order sent again finds the case made the first
time. ``receive_callback`` records 12345's callback to the citizen through
``workflow.record_callback``. Both check the whole input first and raise InputError with every
problem found; nothing is written then.

Handling modes (处理方式, standards.md §9):

* 转办 ``transfer`` — the order becomes a case, verified, filed and dispatched as usual;
* 督办 ``supervise`` — the same, and the case is urgent: 12345 follows it and the command
  center handles it first;
* 回访复核 ``recheck`` — 12345 sends the order again for a second look after an unsatisfied
  callback, under a new order number; ``original_order_number`` links the case to the case of
  the first order (its number goes into the report's details).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event, State
from gridcity.catalog.models import MajorClass, MinorClass
from gridcity.grids import OutsideManagedArea, locate

from .models import ClassMapping

ORDER_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
CLASS_CODE = re.compile(r"([CE])(\d{2})(\d{2})")
KIND_OF_LETTER = {"C": MajorClass.Kind.COMPONENT, "E": MajorClass.Kind.EVENT}
MAX_PHOTOS = 20
CALLBACK_EVENT = "case.callback_recorded"


class HandlingMode:
    TRANSFER = "transfer"  # 转办
    SUPERVISE = "supervise"  # 督办
    RECHECK = "recheck"  # 回访复核
    values = (TRANSFER, SUPERVISE, RECHECK)


# 办理结果 (standards.md §9): what the city reports back, and what the citizen confirms at the callback.
RESULT_LABELS = {
    0: gettext_lazy("Solved"),  # 解决
    1: gettext_lazy("Not solved"),  # 未解决
    2: gettext_lazy("Partly solved"),  # 部分解决
    3: gettext_lazy("Not handled, returned"),  # 不办理退单
}
SATISFACTION_LABELS = {
    0: gettext_lazy("Dissatisfied"),  # 不满意
    1: gettext_lazy("Understanding"),  # 理解
    2: gettext_lazy("Satisfied"),  # 满意
    3: gettext_lazy("Very satisfied"),  # 非常满意
}


class InputError(Exception):
    """The input is wrong: ``errors`` lists every problem as {code, field, description}."""

    def __init__(self, errors, status=400):
        super().__init__(errors)
        self.errors = errors
        self.status = status


class OrderConflict(InputError):
    """The order number is taken by a case that is not this client's work order."""

    def __init__(self, errors):
        super().__init__(errors, status=409)


def _error(code, field, description):
    return {"code": code, "field": field, "description": str(description)}


class _Fields:
    """Reads the fields of a JSON object, collecting a problem per bad field."""

    def __init__(self, data, known, prefix=""):
        self.data = data
        self.prefix = prefix
        self.errors = [
            _error(
                "unknown_field",
                prefix + name,
                _("“%(field)s” is not a field of this request.") % {"field": name},
            )
            for name in data
            if name not in known
        ]

    def problem(self, code, name, description):
        self.errors.append(_error(code, self.prefix + name, description))

    def string(self, name, *, required=False, max_length, pattern=None, default=""):
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem("required", name, _("“%(field)s” is required.") % {"field": self.prefix + name})
            return default
        if not isinstance(value, str):
            self.problem("invalid_type", name, _("“%(field)s” must be text.") % {"field": self.prefix + name})
            return default
        value = value.strip()
        if required and not value:
            self.problem(
                "required", name, _("“%(field)s” must not be empty.") % {"field": self.prefix + name}
            )
        elif len(value) > max_length:
            self.problem(
                "too_long",
                name,
                _("“%(field)s” is longer than %(count)s characters.")
                % {"field": self.prefix + name, "count": max_length},
            )
        elif value and pattern is not None and not pattern.fullmatch(value):
            self.problem(
                "invalid", name, _("“%(field)s” is not in the expected form.") % {"field": self.prefix + name}
            )
        return value

    def number(self, name, *, low, high):
        value = self.data.get(name)
        if value is None:
            self.problem("required", name, _("“%(field)s” is required.") % {"field": self.prefix + name})
            return None
        # JSON true/false are ints to Python; a coordinate is never a boolean.
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(
                "invalid_type", name, _("“%(field)s” must be a number.") % {"field": self.prefix + name}
            )
            return None
        if not low <= value <= high:
            self.problem(
                "out_of_range",
                name,
                _("“%(field)s” must lie between %(low)s and %(high)s.")
                % {"field": self.prefix + name, "low": low, "high": high},
            )
            return None
        return float(value)

    def integer(self, name, *, choices, required=True):
        value = self.data.get(name)
        if value is None:
            if required:
                self.problem("required", name, _("“%(field)s” is required.") % {"field": self.prefix + name})
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                "invalid_type", name, _("“%(field)s” must be a whole number.") % {"field": self.prefix + name}
            )
            return None
        if value not in choices:
            self.problem(
                "invalid",
                name,
                _("“%(field)s” must be one of %(choices)s.")
                % {"field": self.prefix + name, "choices": ", ".join(str(c) for c in choices)},
            )
            return None
        return value

    def boolean(self, name, default=False):
        value = self.data.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(
                "invalid_type", name, _("“%(field)s” must be true or false.") % {"field": self.prefix + name}
            )
            return default
        return value

    def choice(self, name, choices, default):
        value = self.data.get(name)
        if value is None:
            return default
        if value not in choices:
            self.problem(
                "invalid",
                name,
                _("“%(field)s” must be one of %(choices)s.")
                % {"field": self.prefix + name, "choices": ", ".join(choices)},
            )
            return default
        return value

    def moment(self, name):
        value = self.data.get(name)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.problem(
                "invalid",
                name,
                _("“%(field)s” must be a date and time in ISO 8601, e.g. 2026-11-24T09:30:00+08:00.")
                % {"field": self.prefix + name},
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)  # the county's local time
        return moment

    def object(self, name):
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(
                "invalid_type", name, _("“%(field)s” must be an object.") % {"field": self.prefix + name}
            )
            return None
        return value


@dataclass
class Order:
    order_number: str
    handling_mode: str
    category: dict | None
    class_code: str
    description: str
    address: str
    lon: float
    lat: float
    reporter_name: str
    reporter_phone: str
    urgent: bool
    received_at: datetime | None
    photos: list
    original_order_number: str
    extra: dict | None


ORDER_FIELDS = (
    "order_number",
    "handling_mode",
    "category",
    "class_code",
    "description",
    "address",
    "lon",
    "lat",
    "reporter_name",
    "reporter_phone",
    "urgent",
    "received_at",
    "photos",
    "original_order_number",
    "extra",
)


def parse_order(data):
    """An Order from the JSON object 12345 sent, or InputError listing every problem."""
    fields = _Fields(data, ORDER_FIELDS)
    order_number = fields.string("order_number", required=True, max_length=64, pattern=ORDER_NUMBER)
    handling_mode = fields.choice("handling_mode", HandlingMode.values, HandlingMode.TRANSFER)
    known_errors = len(fields.errors)
    category = _category(fields)
    class_code = fields.string("class_code", max_length=5, pattern=CLASS_CODE)
    if category is None and not class_code and len(fields.errors) == known_errors:
        fields.problem(
            "required",
            "category",
            _("Give the 12345 business class (“category”) or our class code (“class_code”)."),
        )
    description = fields.string("description", required=True, max_length=2000)
    address = fields.string("address", max_length=200)
    lon = fields.number("lon", low=-180, high=180)
    lat = fields.number("lat", low=-90, high=90)
    reporter_name = fields.string("reporter_name", max_length=50)
    reporter_phone = fields.string("reporter_phone", max_length=30)
    urgent = fields.boolean("urgent")
    received_at = fields.moment("received_at")
    photos = _photos(fields)
    original_order_number = fields.string("original_order_number", max_length=64, pattern=ORDER_NUMBER)
    extra = fields.object("extra")
    if fields.errors:
        raise InputError(fields.errors)
    return Order(
        order_number=order_number,
        handling_mode=handling_mode,
        category=category,
        class_code=class_code,
        description=description,
        address=address,
        lon=lon,
        lat=lat,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        urgent=urgent or handling_mode == HandlingMode.SUPERVISE,
        received_at=received_at,
        photos=photos,
        original_order_number=original_order_number,
        extra=extra,
    )


def _category(fields):
    value = fields.object("category")
    if value is None:
        return None
    inner = _Fields(value, ("code", "name"), prefix="category.")
    code = inner.string("code", required=True, max_length=50)
    name = inner.string("name", max_length=100)
    fields.errors.extend(inner.errors)
    return {"code": code, "name": name} if not inner.errors else None


def _photos(fields):
    value = fields.data.get("photos")
    if value is None:
        return []
    if not isinstance(value, list):
        fields.problem("invalid_type", "photos", _("“photos” must be a list of https addresses."))
        return []
    if len(value) > MAX_PHOTOS:
        fields.problem("too_many", "photos", _("At most %(count)s photos.") % {"count": MAX_PHOTOS})
        return []
    check = URLValidator(schemes=["https"])
    photos = []
    for number, url in enumerate(value):
        try:
            if not isinstance(url, str) or len(url) > 500:
                raise ValidationError("bad")
            check(url)
        except ValidationError:
            fields.problem(
                "invalid",
                f"photos[{number}]",
                _("Photo %(number)s is not an https address of at most 500 characters.")
                % {"number": number + 1},
            )
            continue
        photos.append(url)
    return photos


def find_class(client, order):
    """The minor class of the order: ``class_code`` if given, else 12345's class through the
    mapping (the client's own mapping first). InputError when there is none."""
    if order.class_code:
        letter, major, minor = CLASS_CODE.fullmatch(order.class_code).groups()
        found = (
            MinorClass.objects.active()
            .select_related("major")
            .filter(major__kind=KIND_OF_LETTER[letter], major__code=major, code=minor)
            .first()
        )
        if found is None:
            raise InputError(
                [
                    _error(
                        "unknown_class",
                        "class_code",
                        _("There is no class “%(code)s” in use (C = component, E = event, then four digits).")
                        % {"code": order.class_code},
                    )
                ]
            )
        return found
    mapping = (
        ClassMapping.objects.for_client(client)
        .filter(hotline_code=order.category["code"], minor_class__is_active=True)
        .select_related("minor_class__major")
    )
    mappings = sorted(mapping, key=lambda row: row.client_id is None)  # the client's own first
    if not mappings:
        raise InputError(
            [
                _error(
                    "unknown_category",
                    "category.code",
                    _(
                        "The 12345 class “%(code)s %(name)s” is not mapped to one of our classes; "
                        "ask the command center to add it, or send “class_code”."
                    )
                    % {"code": order.category["code"], "name": order.category["name"]},
                )
            ]
        )
    return mappings[0].minor_class


def existing_case(client, order_number):
    """The case of ``order_number`` sent by ``client`` before; None if new; OrderConflict if the
    number belongs to a case that is not this client's work order."""
    case = (
        Case.objects.filter(source=client.source, external_id=order_number)
        .select_related("client_link", "current_unit")
        .first()
    )
    if case is None:
        return None
    link = getattr(case, "client_link", None)
    if link is None or link.client_id != client.pk:
        raise OrderConflict(
            [
                _error(
                    "order_number_taken",
                    "order_number",
                    _("Work order %(order)s is already recorded as case %(case)s by someone else.")
                    % {"order": order_number, "case": case.number},
                )
            ]
        )
    return case


def receive_order(client, data):
    """File the work order in ``data`` (a parsed JSON object) as a case; returns (case, created).

    The same order number sent again returns the case made the first time (created False) and
    writes nothing, whatever the rest of the order says.
    """
    order = parse_order(data)
    case = existing_case(client, order.order_number)
    if case is not None:
        return case, False
    minor_class = find_class(client, order)
    _check_location(client, order)
    details = {
        "client": client.pk,
        "channel": "hotline",
        "handling_mode": order.handling_mode,
        "category": order.category,
        "class_code": order.class_code,
        "received_at": order.received_at.isoformat() if order.received_at else None,
        "photos": order.photos,
    }
    if order.original_order_number:
        details["original_order_number"] = order.original_order_number
        original = Case.objects.filter(source=client.source, external_id=order.original_order_number).first()
        details["recheck_of"] = original.number if original else None
    if order.extra is not None:
        details["extra"] = order.extra
    try:
        # A savepoint: the same order arriving twice at once meets the unique (source, external
        # id) constraint; the second one then answers with the case of the first.
        with transaction.atomic():
            case = workflow.report(
                jurisdiction=client.jurisdiction,
                source=client.source,
                actor=None,
                minor_class=minor_class,
                description=order.description,
                address=order.address,
                lon=order.lon,
                lat=order.lat,
                urgent=order.urgent,
                reporter_name=order.reporter_name,
                reporter_phone=order.reporter_phone,
                external_id=order.order_number,
                details=details,
            )
    except IntegrityError:
        case = existing_case(client, order.order_number)
        if case is None:
            raise
        return case, False
    except ValidationError as refusal:
        raise InputError([_error("invalid", "", message) for message in refusal.messages]) from None
    return case, True


def _check_location(client, order):
    """Every case lies in a grid of the client's jurisdiction: refuse a point elsewhere."""
    try:
        location = locate(order.lon, order.lat)
    except OutsideManagedArea as outside:
        location, reason = None, str(outside)
    else:
        reason = _("The point (%(lon)s, %(lat)s) lies outside %(jurisdiction)s.") % {
            "lon": order.lon,
            "lat": order.lat,
            "jurisdiction": client.jurisdiction.name,
        }
    if location is None or location.jurisdiction_id != client.jurisdiction_id:
        raise InputError([_error("outside_area", "lon", reason)])


# ---------------------------------------------------------------------------------------------
# Callbacks (回访)

CALLBACK_FIELDS = ("callback_id", "satisfaction", "result", "note", "called_at", "extra")


def receive_callback(client, case, data):
    """Record 12345's callback of ``case`` from ``data``; returns (event, created).

    ``callback_id`` makes it idempotent: the same callback sent again returns the event
    recorded the first time and writes nothing.
    """
    fields = _Fields(data, CALLBACK_FIELDS)
    callback_id = fields.string("callback_id", required=True, max_length=64, pattern=ORDER_NUMBER)
    satisfaction = fields.integer("satisfaction", choices=tuple(SATISFACTION_LABELS))
    result = fields.integer("result", choices=(0, 1, 2))
    note = fields.string("note", max_length=2000)
    called_at = fields.moment("called_at")
    extra = fields.object("extra")
    if fields.errors:
        raise InputError(fields.errors)
    with transaction.atomic():
        # Hold the case while looking for the callback, so two copies sent at once record one.
        Case.objects.select_for_update().filter(pk=case.pk).exists()
        earlier = Event.objects.filter(case=case, type=CALLBACK_EVENT, data__callback_id=callback_id).first()
        if earlier is not None:
            return earlier, False
        data = {
            "client": client.pk,
            "channel": "hotline",
            "callback_id": callback_id,
            "called_at": called_at.isoformat() if called_at else None,
        }
        if extra is not None:
            data["extra"] = extra
        workflow.record_callback(case, result=result, satisfaction=satisfaction, note=note, data=data)
        return case.events.filter(type=CALLBACK_EVENT).order_by("-pk").first(), True


# ---------------------------------------------------------------------------------------------
# What 12345 reads back


def state_label(state):
    return str(State(state).label) if state in State.values else state


def event_label(event_type):
    for name, spec in workflow.TRANSITIONS.items():
        if spec.event_type(name) == event_type:
            return str(spec.label)
    if event_type == "case.deadline_breached":
        return _("Deadline passed")
    return event_type


def status_of(state):
    """12345's coarse view: open, closed, or returned (退单: not filed, voided)."""
    if state == State.CLOSED:
        return "closed"
    if state in (State.DECLINED, State.VOIDED):
        return "returned"
    return "open"


def unit_of(case):
    unit = case.current_unit
    return {"code": unit.code, "name": unit.name} if unit is not None else None


def local_iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def describe_case(case, events=True):
    """The state of the work order's case as the API answers it."""
    description = {
        "order_number": case.external_id,
        "case_number": case.number,
        "status": status_of(case.state),
        "state": case.state,
        "state_label": state_label(case.state),
        "unit": unit_of(case),
        "urgent": case.urgent,
        "reported_at": local_iso(case.reported_at),
        "closed_at": local_iso(case.closed_at),
        "stage_due_at": local_iso(case.stage_due_at),
        "disposal_due_at": local_iso(case.disposal_due_at),
        "overdue": case.stage_breached,
    }
    if events:
        description["events"] = [
            {
                "id": event.pk,
                "type": event.type,
                "label": event_label(event.type),
                "at": local_iso(event.at),
                "state": event.to_state,
                "state_label": state_label(event.to_state),
                "note": event.note,
            }
            for event in case.events.order_by("at", "pk")
        ]
    return description


def describe_callback(case, event):
    return {
        "order_number": case.external_id,
        "case_number": case.number,
        "callback_id": event.data.get("callback_id", ""),
        "satisfaction": event.data["satisfaction"],
        "satisfaction_label": str(SATISFACTION_LABELS[event.data["satisfaction"]]),
        "result": event.data["result"],
        "result_label": str(RESULT_LABELS[event.data["result"]]),
        "recorded_at": local_iso(event.at),
    }
