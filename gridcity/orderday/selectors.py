"""Reads of the order day: who is expected in each grid, who took part, who is absent."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from gridcity.frontage.models import Sponsorship, SponsorshipMember
from gridcity.grids.models import Grid

from .models import USUAL_DAY, Finding, GridRecord, OrderDay, Photo, PhotoKind


@dataclass
class Expected:
    """Who should take part in a grid on a date (细则 §六(三)): the sponsoring county leader, the
    zone's supervising unit and the units of the grid's sponsorship agreement."""

    leader: object = None  # a User, or None when nobody sponsors the grid
    units: list = field(default_factory=list)  # Units, supervising unit first
    sponsorship: object = None


def _active_sponsorships(jurisdiction, on, grid=None):
    """The sponsorship in force on ``on`` for each grid (the latest to start wins), with its units;
    only ``grid``'s when it is given."""
    sponsorships = Sponsorship.objects.filter(jurisdiction=jurisdiction, starts_on__lte=on, ends_on__gte=on)
    if grid is not None:
        sponsorships = sponsorships.filter(grid=grid)
    sponsorships = (
        sponsorships.select_related("leader")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=SponsorshipMember.objects.filter(unit__isnull=False).select_related("unit"),
                to_attr="unit_members",
            )
        )
        .order_by("grid_id", "-starts_on", "-pk")
    )
    by_grid = {}
    for sponsorship in sponsorships:
        by_grid.setdefault(sponsorship.grid_id, sponsorship)
    return by_grid


def _expected(grid, sponsorship):
    zone = grid.zone
    units = [zone.supervising_unit] if zone.supervising_unit_id else []
    if sponsorship is not None:
        for member in sponsorship.unit_members:
            if member.unit not in units:
                units.append(member.unit)
    leader = sponsorship.leader if sponsorship is not None else zone.sponsor
    return Expected(leader=leader, units=units, sponsorship=sponsorship)


def expected_participants(grid, on):
    """Expected for one grid on the date ``on``."""
    return _expected(grid, _active_sponsorships(grid.jurisdiction_id, on, grid=grid).get(grid.pk))


@dataclass
class GridRow:
    """One grid of an order day, as its page and the export show it."""

    grid: Grid
    expected: Expected
    record: GridRecord | None
    has_come: bool  # the order day is today or past: missing people count as absent

    @property
    def units_present(self):
        return list(self.record.units.all()) if self.record else []

    @property
    def leader_present(self):
        return self.record.leader if self.record and self.record.leader_id else None

    @property
    def absent_leader(self):
        if not self.has_come or self.expected.leader is None or self.leader_present is not None:
            return None
        return self.expected.leader

    @property
    def absent_units(self):
        if not self.has_come:
            return []
        present = {unit.pk for unit in self.units_present}
        return [unit for unit in self.expected.units if unit.pk not in present]

    @property
    def absent_count(self):
        return len(self.absent_units) + (1 if self.absent_leader else 0)

    @property
    def parties_present(self):
        return list(self.record.parties.all()) if self.record else []

    @property
    def findings(self):
        return list(self.record.findings.all()) if self.record else []

    @property
    def cases_made(self):
        return [finding for finding in self.findings if finding.case_id]

    def photos(self, kind):
        return [photo for photo in self.record.photos.all() if photo.kind == kind] if self.record else []

    @property
    def before_photos(self):
        return self.photos(PhotoKind.BEFORE)

    @property
    def after_photos(self):
        return self.photos(PhotoKind.AFTER)


def _records(order_day):
    return (
        GridRecord.objects.filter(order_day=order_day)
        .select_related("leader", "checked_by", "participation_recorded_by")
        .prefetch_related(
            "units",
            "parties",
            Prefetch("photos", queryset=Photo.objects.order_by("uploaded_at", "pk")),
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("case", "found_by").prefetch_related("photos"),
            ),
        )
    )


def day_rows(order_day, today=None):
    """Every active grid of the order day's jurisdiction (and any other grid with a record), in
    code order, with what is expected and what was recorded. A fixed number of queries."""
    today = today or timezone.localdate()
    records = {record.grid_id: record for record in _records(order_day)}
    grids = (
        Grid.objects.filter(jurisdiction_id=order_day.jurisdiction_id)
        .filter(Q(is_active=True) | Q(pk__in=list(records)))
        .select_related("zone__supervising_unit", "zone__sponsor")
        .order_by("code")
    )
    sponsorships = _active_sponsorships(order_day.jurisdiction_id, order_day.date)
    has_come = order_day.date <= today
    return [
        GridRow(grid, _expected(grid, sponsorships.get(grid.pk)), records.get(grid.pk), has_come)
        for grid in grids
    ]


def grid_row(order_day, grid, today=None):
    """The GridRow of one grid (its record, if any, with everything prefetched)."""
    today = today or timezone.localdate()
    grid = Grid.objects.select_related("zone__supervising_unit", "zone__sponsor").get(pk=grid.pk)
    record = _records(order_day).filter(grid=grid).first()
    sponsorship = _active_sponsorships(order_day.jurisdiction_id, order_day.date, grid=grid).get(grid.pk)
    return GridRow(grid, _expected(grid, sponsorship), record, order_day.date <= today)


@dataclass
class DaySummary:
    grids: int = 0
    recorded: int = 0
    with_absent: int = 0
    absent: int = 0
    checked: int = 0
    passed: int = 0
    failed: int = 0
    findings: int = 0
    cases: int = 0


def summary(rows):
    """Counts of a day's rows for the head of its page."""
    total = DaySummary(grids=len(rows))
    for row in rows:
        record = row.record
        total.absent += row.absent_count
        total.with_absent += 1 if row.absent_count else 0
        total.findings += len(row.findings)
        total.cases += len(row.cases_made)
        if record is None:
            continue
        total.recorded += 1 if record.participation_recorded else 0
        if record.checked:
            total.checked += 1
            total.passed += 1 if record.passed else 0
            total.failed += 0 if record.passed else 1
    return total


def order_days(jurisdiction):
    """The jurisdiction's order days, newest first, with their counts for the list."""
    return (
        OrderDay.objects.filter(jurisdiction=jurisdiction)
        .select_related("created_by")
        .annotate(
            recorded=Count(
                "records", filter=Q(records__participation_recorded_at__isnull=False), distinct=True
            ),
            checked=Count("records", filter=Q(records__check_recorded_at__isnull=False), distinct=True),
            failed=Count("records", filter=Q(records__passed=False), distinct=True),
            finding_count=Count("records__findings", distinct=True),
            case_count=Count(
                "records__findings", filter=Q(records__findings__case__isnull=False), distinct=True
            ),
        )
        .order_by("-date")
    )


def _next_month(first):
    return (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )


def suggested_date(jurisdiction, today=None):
    """The 15th of the first month, from this one on, that has no order day yet."""
    month = (today or timezone.localdate()).replace(day=1)
    taken = set(
        OrderDay.objects.filter(jurisdiction=jurisdiction, month__gte=month).values_list("month", flat=True)
    )
    while month in taken:
        month = _next_month(month)
    return month.replace(day=USUAL_DAY)


def photo_for(person, name):
    """The order-day photo stored as ``name`` if ``person`` may see it (the staff of its
    jurisdiction, and the superuser), else None."""
    photo = Photo.objects.filter(file=name).select_related("record__order_day").first()
    if photo is None:
        return None
    if not (person.is_superuser or person.jurisdiction_id == photo.record.order_day.jurisdiction_id):
        return None
    return photo
