"""Every change to an order day is one function here: views, the demo and tests call them.

Each function checks who may act, validates every input and names each problem, and only then
writes, in one transaction: a refused call writes nothing. Photos and videos go through
gridcity.cases.uploads (type and size), as a case's do, and are never deleted.
"""

from decimal import Decimal, InvalidOperation

import shapely
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gridcity.cases.findings import photo_copies, report_finding
from gridcity.cases.uploads import check_uploads
from gridcity.org.roles import Role

from .models import USUAL_DAY, Finding, GridRecord, OrderDay, Photo, PhotoKind
from .selectors import expected_participants

# Who does what (R14 and the rules' §四): the evaluation office (the leading group's office) sets
# the days and keeps the records; a unit records its own grids' clean-up; the leading group's
# inspectors and the office record the check and its findings.
CREATOR_ROLES = {Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN}
RECORDER_ROLES = {Role.EVALUATION_OFFICE}
UNIT_ROLES = {Role.UNIT_HANDLER, Role.UNIT_LEADER}
CHECKER_ROLES = {Role.EVALUATION_OFFICE, Role.INSPECTOR}


def _date(value):
    return formats.date_format(value, "Y-m-d")


def _in_jurisdiction(person, jurisdiction_id):
    return person.is_superuser or person.jurisdiction_id == jurisdiction_id


def may_create_days(person, jurisdiction):
    return _in_jurisdiction(person, jurisdiction.pk) and (
        person.is_superuser or bool(person.roles & CREATOR_ROLES)
    )


def may_check(person, order_day):
    return _in_jurisdiction(person, order_day.jurisdiction_id) and (
        person.is_superuser or bool(person.roles & CHECKER_ROLES)
    )


def may_keep_all_records(person, order_day):
    """The evaluation office records participation in every grid, also after the check."""
    return _in_jurisdiction(person, order_day.jurisdiction_id) and (
        person.is_superuser or bool(person.roles & RECORDER_ROLES)
    )


def may_change_participation(person, order_day, record):
    """Once the leading group checked a grid, only the evaluation office may still change who took
    part there: the check judged what was recorded."""
    return record is None or not record.checked or may_keep_all_records(person, order_day)


def may_record_participation(person, order_day, expected):
    """The office everywhere; a unit's staff in the grids their unit is expected in (it supervises
    the zone or signed the grid's sponsorship agreement)."""
    if may_keep_all_records(person, order_day):
        return True
    return (
        _in_jurisdiction(person, order_day.jurisdiction_id)
        and bool(person.roles & UNIT_ROLES)
        and person.unit_id is not None
        and any(unit.pk == person.unit_id for unit in expected.units)
    )


def refuse_unless_creator(actor, jurisdiction):
    if not may_create_days(actor, jurisdiction):
        raise PermissionDenied(_("Only the evaluation office and the system administrator set order days."))


def refuse_unless_recorder(actor, order_day, grid):
    """PermissionDenied unless ``actor`` may record participation in ``grid``; returns who is
    expected there."""
    expected = expected_participants(grid, order_day.date)
    if not may_record_participation(actor, order_day, expected):
        raise PermissionDenied(
            _(
                "Only the evaluation office, or the staff of a unit expected in grid %(grid)s, "
                "record who took part there."
            )
            % {"grid": grid.code}
        )
    return expected


def refuse_unless_checker(actor, order_day):
    if not may_check(actor, order_day):
        raise PermissionDenied(
            _("Only the evaluation office and inspectors record the leading group's check.")
        )


def _check_grid(order_day, grid):
    if grid.jurisdiction_id != order_day.jurisdiction_id:
        raise ValidationError(
            _("The grid %(grid)s does not belong to %(jurisdiction)s.")
            % {"grid": grid.code, "jurisdiction": order_day.jurisdiction.name}
        )


def _check_day_has_come(order_day, today):
    if order_day.date > today:
        raise ValidationError(
            _("The order day of %(date)s has not come yet; record it on the day or later.")
            % {"date": _date(order_day.date)}
        )


def _uploads(files, problems):
    try:
        return check_uploads(files)
    except ValidationError as error:
        problems.extend(error.messages)
        return []


def _record_for_update(order_day, grid):
    """The grid's record of the day, created if need be, its row locked for the transaction."""
    GridRecord.objects.get_or_create(order_day=order_day, grid=grid)
    return GridRecord.objects.select_for_update().get(order_day=order_day, grid=grid)


def _store_photos(record, uploads, kind, actor, at, finding=None):
    Photo.objects.bulk_create(
        [
            Photo(
                record=record,
                finding=finding,
                kind=kind,
                file=upload.file,
                media_type=upload.media_type,
                size=upload.size,
                taken_at=upload.taken_at,
                lon=upload.lon,
                lat=upload.lat,
                uploaded_by=actor,
                uploaded_at=at,
            )
            for upload in uploads
        ]
    )


# ---------------------------------------------------------------------------------------------
# The day


def create_order_day(jurisdiction, *, actor, date, reason="", at=None):
    """Set the month's order day: the 15th, or another day of that month with a reason (a public
    holiday, bad weather). One per jurisdiction and month."""
    refuse_unless_creator(actor, jurisdiction)
    if date is None:
        raise ValidationError(_("Give the date of the order day."))
    reason = (reason or "").strip()
    if date.day != USUAL_DAY and not reason:
        raise ValidationError(
            _("The order day is the 15th of the month; give the reason for holding it on %(date)s instead.")
            % {"date": _date(date)}
        )
    month = date.replace(day=1)
    existing = OrderDay.objects.filter(jurisdiction=jurisdiction, month=month).first()
    if existing is not None:
        raise ValidationError(_month_taken(jurisdiction, existing))
    try:
        with transaction.atomic():
            return OrderDay.objects.create(
                jurisdiction=jurisdiction,
                date=date,
                month=month,
                reason=reason,
                created_by=actor,
                created_at=at or timezone.now(),
            )
    except IntegrityError:
        # Somebody else set the month's day in the meantime.
        raise ValidationError(
            _month_taken(jurisdiction, OrderDay.objects.get(jurisdiction=jurisdiction, month=month))
        ) from None


def _month_taken(jurisdiction, existing):
    return _("%(jurisdiction)s has its order day of %(month)s already, on %(date)s.") % {
        "jurisdiction": jurisdiction.name,
        "month": formats.date_format(existing.date, "Y-m"),
        "date": _date(existing.date),
    }


# ---------------------------------------------------------------------------------------------
# Participation


def record_participation(
    order_day,
    grid,
    *,
    actor,
    leader_took_part,
    units=(),
    parties=(),
    head_count=None,
    work_done="",
    before_photos=(),
    after_photos=(),
    at=None,
):
    """Record who took part in ``grid`` on the order day and what was done; returns the GridRecord.

    ``units`` and ``parties`` replace what was recorded before (a second save corrects the
    first); photos are added to those already there. The sponsoring leader recorded is the one
    in force on the day (gridcity.orderday.selectors.expected_participants).
    """
    at = at or timezone.now()
    _check_grid(order_day, grid)
    expected = refuse_unless_recorder(actor, order_day, grid)
    _check_day_has_come(order_day, timezone.localdate(at))
    problems = []
    units, parties = list(units), list(parties)
    for unit in units:
        if unit.jurisdiction_id != order_day.jurisdiction_id:
            problems.append(_("The unit %(unit)s belongs to another jurisdiction.") % {"unit": unit.name})
    for party in parties:
        if party.grid_id != grid.pk:
            problems.append(
                _("The responsible party %(party)s is not in grid %(grid)s.")
                % {"party": party.name, "grid": grid.code}
            )
    if leader_took_part and expected.leader is None:
        problems.append(
            _("No county leader sponsors grid %(grid)s on %(date)s, so no leader can be recorded.")
            % {"grid": grid.code, "date": _date(order_day.date)}
        )
    if head_count is not None and (not isinstance(head_count, int) or head_count < 0):
        problems.append(_("The head-count is a whole number, zero or more."))
    before = _uploads(before_photos, problems)
    after = _uploads(after_photos, problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        record = _record_for_update(order_day, grid)
        if not may_change_participation(actor, order_day, record):
            raise ValidationError(
                _(
                    "The leading group checked grid %(grid)s already; only the evaluation office "
                    "may still change who took part."
                )
                % {"grid": grid.code}
            )
        record.leader = expected.leader if leader_took_part else None
        record.head_count = head_count
        record.work_done = (work_done or "").strip()
        record.participation_recorded_by = actor
        record.participation_recorded_at = at
        record.save(
            update_fields=[
                "leader",
                "head_count",
                "work_done",
                "participation_recorded_by",
                "participation_recorded_at",
            ]
        )
        record.units.set(units)
        record.parties.set(parties)
        _store_photos(record, before, PhotoKind.BEFORE, actor, at)
        _store_photos(record, after, PhotoKind.AFTER, actor, at)
    return record


# ---------------------------------------------------------------------------------------------
# The leading group's check and its findings


def record_check(order_day, grid, *, actor, checked_on, passed, score=None, note="", at=None):
    """Record the leading group's check of ``grid``: passed or failed, and a score out of 100 if
    one was given. A grid is checked once; returns the GridRecord."""
    at = at or timezone.now()
    _check_grid(order_day, grid)
    refuse_unless_checker(actor, order_day)
    problems = []
    if checked_on is None:
        problems.append(_("Give the date of the check."))
    elif checked_on > timezone.localdate(at):
        problems.append(_("The check date %(date)s lies in the future.") % {"date": _date(checked_on)})
    elif checked_on < order_day.date:
        problems.append(
            _("The check date %(date)s lies before the order day (%(day)s).")
            % {"date": _date(checked_on), "day": _date(order_day.date)}
        )
    if passed not in (True, False):
        problems.append(_("Say whether the grid passed the check."))
    if score is not None:
        try:
            score = Decimal(score)
        except (InvalidOperation, TypeError, ValueError):
            problems.append(_("The score is a number from 0 to 100."))
        else:
            if not Decimal(0) <= score <= Decimal(100):
                problems.append(_("The score is a number from 0 to 100."))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        record = _record_for_update(order_day, grid)
        if record.checked:
            raise ValidationError(
                _("Grid %(grid)s was checked already, by %(person)s on %(date)s; a check is recorded once.")
                % {"grid": grid.code, "person": record.checked_by, "date": _date(record.checked_on)}
            )
        record.checked_by = actor
        record.checked_on = checked_on
        record.passed = passed
        record.score = score
        record.check_note = (note or "").strip()
        record.check_recorded_at = at
        record.save(
            update_fields=["checked_by", "checked_on", "passed", "score", "check_note", "check_recorded_at"]
        )
    return record


def _point(lon, lat):
    """(lon, lat) as floats, or raise ValidationError."""
    try:
        return float(lon), float(lat)
    except (TypeError, ValueError):
        raise ValidationError(_("The position must be a longitude and a latitude.")) from None


def add_finding(order_day, grid, *, actor, description, lon=None, lat=None, photos=(), at=None):
    """Record a problem the check found in ``grid``, with its photos; returns the Finding. Without
    a position the finding is placed inside the grid (its representative point)."""
    at = at or timezone.now()
    _check_grid(order_day, grid)
    refuse_unless_checker(actor, order_day)
    _check_day_has_come(order_day, timezone.localdate(at))
    problems = []
    description = (description or "").strip()
    if not description:
        problems.append(_("Describe what the check found."))
    area = shapely.geometry.shape(grid.boundary)
    if lon is None and lat is None:
        inside = area.representative_point()
        lon, lat = round(inside.x, 6), round(inside.y, 6)
    else:
        try:
            lon, lat = _point(lon, lat)
        except ValidationError as error:
            problems.extend(error.messages)
        else:
            if not area.covers(shapely.Point(lon, lat)):
                problems.append(
                    _("The point (%(lon)s, %(lat)s) lies outside grid %(grid)s.")
                    % {"lon": lon, "lat": lat, "grid": grid.code}
                )
    uploads = _uploads(photos, problems)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        record = _record_for_update(order_day, grid)
        finding = Finding.objects.create(
            record=record, description=description, lon=lon, lat=lat, found_by=actor, found_at=at
        )
        _store_photos(record, uploads, PhotoKind.FINDING, actor, at, finding=finding)
    return finding


def make_case(finding, *, actor, minor_class, at=None):
    """Turn a finding into a case (source: inspection), once; returns the Case.

    The case is reported in the actor's name when their role may report cases, else by the
    platform (actor None) with the finding named in the report's details; the finding keeps
    who made the case. A second attempt is refused with the case's number.
    """
    order_day = finding.record.order_day
    refuse_unless_checker(actor, order_day)
    if minor_class is None or not minor_class.is_active:
        raise ValidationError(_("Choose the class of the problem."))
    with transaction.atomic():
        # The lock makes a double click wait for the first, which then finds the case made.
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        case = report_finding(
            locked,
            actor=actor,
            jurisdiction=order_day.jurisdiction,
            minor_class=minor_class,
            address=locked.record.grid.name,
            photos=photo_copies(locked.photos.order_by("pk")),
            details={"order_day_finding": locked.pk},
            at=at,
        )
    finding.case, finding.case_made_by, finding.case_made_at = case, actor, locked.case_made_at
    return case
