"""The case list's filters: one form and the queryset it builds, shared by the list, its Excel
export and the case map.

Every filter but the text narrows ``visible_cases(user)`` on an indexed column (see
Case.Meta.indexes), and every sort order ends with a unique column, so a page boundary never
splits or repeats cases. The text is matched with LIKE, on PostgreSQL among the few candidates
that gridcity.cases.search finds for it in its index (a common word is left to the LIKE alone).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Count, F, Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gridcity.cases import search
from gridcity.cases.models import OPEN_STATES, Case, Source, State
from gridcity.catalog.models import MajorClass, MinorClass
from gridcity.grids.models import Grid, Zone
from gridcity.org.models import Unit

PAGE_SIZE = 50
# Counting every match of a filter over millions of cases would cost more than the page itself;
# the list counts up to this many and says "more than 1,000" beyond. Counting further would
# tell a clerk nothing more useful and costs ten times as much for a broad text search.
COUNT_CAP = 1_000
# Offsets make the database skip rows one by one; past this many pages people narrow the
# filters (or export) instead of paging on.
MAX_PAGE = 200
# The map draws at most this many markers (the most recently reported); the grid counts
# always cover every filtered open case.
MAP_POINT_CAP = 5_000


def _index_order(name):
    """The sort key of an index of Case.Meta.indexes, so a query orders by the very expression
    the index holds (PostgreSQL uses an expression index only for the same expression)."""
    index = next(index for index in Case._meta.indexes if index.name == name)
    return index.expressions[1]


# Sort orders people can pick, each with a unique last key (the primary key, or the unique
# case number). Cases without a running clock have no deadline and come last either way.
SORTS = {
    "-reported_at": (F("reported_at").desc(), F("pk").desc()),
    "reported_at": (F("reported_at").asc(), F("pk").asc()),
    "stage_due_at": (F("stage_due_at").asc(nulls_last=True), F("pk").asc()),
    # DESC NULLS LAST, as a COALESCE that the index case_list_deadline_desc serves.
    "-stage_due_at": (_index_order("case_list_deadline_desc"), F("pk").desc()),
    "-number": (F("number").desc(),),
    "number": (F("number").asc(),),
}
SORT_CHOICES = [
    ("-reported_at", _("Newest first")),
    ("reported_at", _("Oldest first")),
    ("stage_due_at", _("Nearest deadline first")),
    ("-stage_due_at", _("Latest deadline first")),
    ("-number", _("Case number, descending")),
    ("number", _("Case number, ascending")),
]
DEFAULT_SORT = "-reported_at"

# A query of at least this many digits is a case number or the start of one: it is looked up
# on the number's index alone instead of scanning every description.
NUMBER_PREFIX_DIGITS = 8


class QuickSelect(forms.Select):
    """A <select> written in Python: the class and grid lists have hundreds of options, and
    Django's per-option templates would cost more than the page's queries."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in (value if isinstance(value, (list, tuple)) else [value]) if item}
        attributes = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})

        def options(choices):
            for key, label in choices:
                if isinstance(label, (list, tuple)):
                    yield f'<optgroup label="{escape(key)}">'
                    yield from options(label)
                    yield "</optgroup>"
                else:
                    selected = " selected" if str(key) in chosen or (not key and not chosen) else ""
                    yield f'<option value="{escape(key)}"{selected}>{escape(label)}</option>'

        return mark_safe(f"<select{flatatt(attributes)}>{''.join(options(self.choices))}</select>")


def overdue_q(now):
    """Open cases whose stage is marked overdue, or whose deadline has passed since the last tick."""
    return Q(state__in=OPEN_STATES) & (Q(stage_breached=True) | Q(stage_due_at__lt=now))


class CaseFilterForm(forms.Form):
    """The filters of the case list, read from the query string (a bookmarkable URL).

    Choices come from the person's jurisdiction: classes, zones, grids and units in a fixed
    number of queries, whatever the number of cases.
    """

    q = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Case number, description or address")}
        ),
    )
    state = forms.MultipleChoiceField(
        label=_("State"), required=False, choices=State.choices, widget=forms.CheckboxSelectMultiple
    )
    source = forms.ChoiceField(widget=QuickSelect, label=_("Source"), required=False)
    major = forms.ChoiceField(widget=QuickSelect, label=_("Major class"), required=False)
    minor = forms.ChoiceField(widget=QuickSelect, label=_("Minor class"), required=False)
    zone = forms.ChoiceField(widget=QuickSelect, label=_("Zone"), required=False)
    grid = forms.ChoiceField(widget=QuickSelect, label=_("Grid"), required=False)
    unit = forms.ChoiceField(widget=QuickSelect, label=_("Current unit"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    reported_from = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reported_to = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES, widget=QuickSelect)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput)

    # Fields that narrow the cases (not sort and page), in the order the summary names them.
    FILTERS = (
        "q",
        "state",
        "source",
        "major",
        "minor",
        "zone",
        "grid",
        "unit",
        "overdue",
        "reported_from",
        "reported_to",
    )

    def __init__(self, data=None, *, jurisdiction_id=None, **kwargs):
        super().__init__(data, **kwargs)
        everything = ("", _("All"))
        self.fields["source"].choices = [everything, *Source.choices]

        # Plain tuples, not model instances: a catalogue has a couple of hundred minor classes.
        kinds = {value: str(label) for value, label in MajorClass.Kind.choices}
        classes = MinorClass.objects.order_by("major__kind", "major__code", "code").values_list(
            "pk", "code", "name", "major_id", "major__kind", "major__code", "major__name"
        )
        majors, minors = {}, {}
        for pk, code, name, major_pk, kind, major_code, major_name in classes:
            major_pk, pk = str(major_pk), str(pk)
            label = f"{kinds.get(kind, kind)} {major_code} {major_name}"
            majors.setdefault(major_pk, (label, []))[1].append((pk, f"{major_code}{code} {name}"))
            minors[pk] = (name, major_pk)
        self.minor_classes = minors  # minor pk -> (name, major pk)
        self.major_minors = {pk: [value for value, _label in options] for pk, (_l, options) in majors.items()}
        self.fields["major"].choices = [everything, *((pk, label) for pk, (label, _o) in majors.items())]
        self.fields["minor"].choices = [everything, *((label, options) for label, options in majors.values())]

        scope = {"jurisdiction_id": jurisdiction_id} if jurisdiction_id else {}
        zones = list(
            Zone.objects.filter(**scope).order_by("jurisdiction_id", "code").values_list("pk", "name")
        )
        self.fields["zone"].choices = [everything, *((str(pk), name) for pk, name in zones)]
        zone_names = dict(zones)
        grouped = {}
        self.grid_ids = {}  # grid code -> pk
        self.grid_codes = {}  # grid pk -> code
        grids = Grid.objects.filter(**scope).order_by("code").values_list("pk", "code", "name", "zone_id")
        for pk, code, name, zone_id in grids:
            self.grid_ids[code] = pk
            self.grid_codes[pk] = code
            grouped.setdefault(zone_names.get(zone_id, ""), []).append((code, f"{code[-6:]} {name}"))
        self.fields["grid"].choices = [everything, *grouped.items()]
        units = Unit.objects.filter(**scope).order_by("jurisdiction_id", "name").values_list("pk", "name")
        self.fields["unit"].choices = [everything, *((str(pk), name) for pk, name in units)]

    def clean(self):
        data = super().clean()
        start, end = data.get("reported_from"), data.get("reported_to")
        if start and end and start > end:
            self.add_error("reported_to", _("The end date comes before the start date."))
        major, minor = data.get("major"), data.get("minor")
        if major and minor and self.minor_classes[minor][1] != major:
            self.add_error("minor", _("This minor class belongs to another major class."))
        return data

    # -- what the form builds ----------------------------------------------------------------

    # (Not named sort and page: those are the fields.)
    @property
    def sort_key(self):
        return (self.cleaned_data.get("sort") if self.is_valid() else None) or DEFAULT_SORT

    @property
    def page_number(self):
        return (self.cleaned_data.get("page") if self.is_valid() else None) or 1

    def ordering(self):
        return SORTS[self.sort_key]

    def apply(self, cases, now):
        """``cases`` narrowed by the valid filters (call is_valid() first)."""
        data = self.cleaned_data
        if data["state"]:
            cases = cases.filter(state__in=data["state"])
        if data["source"]:
            cases = cases.filter(source=data["source"])
        if data["minor"]:
            cases = cases.filter(minor_class_id=int(data["minor"]))
        elif data["major"]:
            # The minor classes' ids (known already): an IN list the class index serves,
            # instead of a join to the catalogue.
            cases = cases.filter(minor_class_id__in=[int(pk) for pk in self.major_minors[data["major"]]])
        if data["zone"]:
            cases = cases.filter(zone_id=int(data["zone"]))
        if data["grid"]:
            cases = cases.filter(grid_id=self.grid_ids[data["grid"]])
        if data["unit"]:
            cases = cases.filter(current_unit_id=int(data["unit"]))
        if data["overdue"]:
            cases = cases.filter(overdue_q(now))
        if data["reported_from"]:
            cases = cases.filter(reported_at__gte=_local_midnight(data["reported_from"]))
        if data["reported_to"]:
            cases = cases.filter(reported_at__lt=_local_midnight(data["reported_to"] + timedelta(days=1)))
        text = data["q"].strip()
        if text.isdigit() and len(text) >= NUMBER_PREFIX_DIGITS:
            cases = cases.filter(_number_q(text))
        elif text:
            cases = cases.filter(_text_q(text))
            found = None if text.isdigit() else search.candidates(text)
            if found is not None:
                cases = cases.filter(pk__in=found)
        return cases

    def state_boxes(self):
        """(value, label, checked) of each state, for checkboxes written without a widget per box."""
        given = set(self.data.getlist("state")) if hasattr(self.data, "getlist") else set()
        return [(value, label, value in given) for value, label in State.choices]

    def chosen(self):
        """[(label, value shown)] of the filters in use, for the page and the Excel file."""
        if not self.is_valid():
            return []
        chosen = []
        for name in self.FILTERS:
            value = self.cleaned_data.get(name)
            if not value:
                continue
            field = self.fields[name]
            if name == "overdue":
                shown = _("yes")
            elif name == "state":
                labels = dict(State.choices)
                shown = "、".join(str(labels[state]) for state in value)
            elif isinstance(field, forms.ChoiceField):
                shown = _choice_label(field.choices, value)
            else:
                shown = str(value)
            chosen.append((field.label, shown))
        return chosen


def _number_q(prefix):
    """Case numbers starting with ``prefix``, e.g. 371327202510 for October 2025.

    A number is the administrative code (6 digits), the local date the case was reported
    (YYYYMMDD) and a serial (gridcity.cases.workflow numbers cases so). The date part becomes a
    range of report times too: without it PostgreSQL walks the cases newest first and reads
    half a million of them to reach a month two years back (140 ms at 1,000,000 cases).
    """
    matches = Q(number__startswith=prefix)
    date = prefix[6:14]
    if len(date) < 4:
        return matches
    try:
        year = int(date[:4])
        if len(date) >= 8:
            start = datetime.strptime(date, "%Y%m%d").date()
            end = start + timedelta(days=1)
        elif len(date) >= 6:
            start = datetime.strptime(date[:6], "%Y%m").date()
            end = (start + timedelta(days=31)).replace(day=1)
        else:
            start = datetime(year, 1, 1).date()
            end = datetime(year + 1, 1, 1).date()
    except ValueError:  # not a date (month 13): no case has that number anyway
        return matches
    return matches & Q(reported_at__gte=_local_midnight(start), reported_at__lt=_local_midnight(end))


def _text_q(text):
    """Description or address containing ``text`` (and the case number, when it is digits).

    Chinese has no letter case: a plain LIKE finds the same cases as a case-insensitive one and
    lets PostgreSQL skip UPPER() on every row it scans, which makes a scan 2–3 times faster.
    """
    lookup = "icontains" if text.lower() != text.upper() else "contains"
    matches = Q(**{f"description__{lookup}": text}) | Q(**{f"address__{lookup}": text})
    if text.isdigit():  # a case number is digits only: "振兴路12号" cannot be part of one
        matches |= Q(number__contains=text)
    return matches


def _choice_label(choices, value):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            for inner_key, inner_label in label:
                if inner_key == value:
                    return str(inner_label)
        elif key == value:
            return str(label)
    return value


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# -- reads for the list and the map --------------------------------------------------------


@dataclass
class Page:
    rows: list
    number: int
    has_next: bool
    total: int  # exact when not capped, else COUNT_CAP
    capped: bool  # more than COUNT_CAP cases match

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def pages(self):
        """The number of pages when the total is known exactly, else None."""
        return None if self.capped else max(1, -(-self.total // PAGE_SIZE))

    @property
    def last_pageable(self):
        return self.number >= max_page()


def max_page():
    return MAX_PAGE


def list_page(cases, ordering, number):
    """One page of the filtered ``cases`` in ``ordering``, and the number of matches up to
    COUNT_CAP, in two queries.

    The first finds up to COUNT_CAP + 1 matching ids in any order, so the database stops as soon
    as it has that many. When there are no more, they are the whole list: the page is read by
    primary key alone (the ids meet every filter already; repeating the filters beside the list
    can mislead PostgreSQL into reading the whole table), and a filter that few cases match costs
    one reading of the table rather than two (a sorted page, then a count). Otherwise the page is
    the first rows in the list's order, which an index serves; LIMIT page_size + 1 tells whether
    a next page exists.
    """
    page_size, cap = PAGE_SIZE, COUNT_CAP
    start = (number - 1) * page_size
    ids = list(cases.order_by().values_list("pk", flat=True)[: cap + 1])
    if not ids:
        rows = []
    elif len(ids) <= cap:
        rows = list(
            for_list(Case.objects.filter(pk__in=ids)).order_by(*ordering)[start : start + page_size + 1]
        )
    else:
        rows = list(for_list(cases).order_by(*ordering)[start : start + page_size + 1])
    has_next = len(rows) > page_size
    return Page(rows[:page_size], number, has_next, min(len(ids), cap), len(ids) > cap)


def for_list(cases):
    """What a row of the list or the export shows, in the same query as the cases."""
    return cases.select_related("jurisdiction", "minor_class__major", "zone", "grid", "current_unit").defer(
        "grid__boundary", "pending_request_data"
    )


def grid_counts(cases, now):
    """{grid id: (open, overdue)} over the open cases among ``cases``: one grouped query."""
    counts = (
        cases.filter(state__in=OPEN_STATES)
        .order_by()
        .values("grid_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now)))
    )
    return {row["grid_id"]: (row["open"], row["overdue"]) for row in counts}


def open_points(cases):
    """The most recently reported open cases among ``cases`` for the map (at most
    MAP_POINT_CAP), as plain tuples: one query, no model instances."""
    return list(
        cases.filter(state__in=OPEN_STATES)
        .order_by("-reported_at", "-pk")
        .values_list(
            "number",
            "lon",
            "lat",
            "state",
            "minor_class__name",
            "urgent",
            "supervised",
            "stage_breached",
            "stage_due_at",
        )[:MAP_POINT_CAP]
    )
