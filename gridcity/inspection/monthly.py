"""The monthly inspection's actions: one function per change, each checking who may make it and
validating everything before writing in one transaction (R9, R11).

open_inspection → record_entry / complete_sheet / record_finding / make_case → close_inspection.
Views, the demo and tests call these; nothing else writes the inspection's rows.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.cases.findings import photo_copies, report_finding
from gridcity.cases.uploads import check_upload
from gridcity.frontage.inspections import record_inspection
from gridcity.frontage.models import Party
from gridcity.grids.models import Grid
from gridcity.org.models import User
from gridcity.org.roles import Role

from . import draw, results
from .geometry import default_point, grid_covers
from .models import (
    Finding,
    FindingFile,
    GridSheet,
    InspectionState,
    MonthlyInspection,
    SheetEntry,
    Strategy,
    UnitIneligibility,
    UnitResult,
)

MANAGER_ROLES = (Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN)
RECORDER_ROLES = (Role.INSPECTOR, Role.EVALUATION_OFFICE, Role.SYSTEM_ADMIN)
UNIT_STAFF_ROLES = (Role.UNIT_HANDLER, Role.UNIT_LEADER)
MAX_FILES = 10
MAX_DEDUCTION = 100
DEDUCTION_STEP = Decimal("0.1")  # points are deducted to one decimal place, as the sheet records them


# ---------------------------------------------------------------------------------------------
# Who may do what


def _of(person, jurisdiction_id):
    return person.is_superuser or person.jurisdiction_id == jurisdiction_id


def _holds(person, roles):
    return person.is_superuser or any(person.has_role(role) for role in roles)


def may_manage(person, jurisdiction_id):
    """Open and close a month: the evaluation office (文明办) and the system administrator."""
    return _of(person, jurisdiction_id) and _holds(person, MANAGER_ROLES)


def may_record(person, jurisdiction_id):
    """Fill the sheets, record findings and make them cases: inspectors and the managers."""
    return _of(person, jurisdiction_id) and _holds(person, RECORDER_ROLES)


def may_read(person, jurisdiction_id):
    """See the inspections: those above, county leaders and the staff of member units."""
    if may_record(person, jurisdiction_id):
        return True
    if not _of(person, jurisdiction_id):
        return False
    if person.has_role(Role.COUNTY_LEADER):
        return True
    unit = person.unit if person.unit_id else None
    return bool(unit and unit.is_member and any(person.has_role(role) for role in UNIT_STAFF_ROLES))


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


# What check_may_record refuses, so that the refusal names it.
SCORING, FINDINGS, CASES = "scoring", "findings", "cases"


def check_may_record(person, jurisdiction_id, what):
    """Raise PermissionDenied unless the person may record (``what``: SCORING, FINDINGS or
    CASES); the message says who may. Pages check this before showing a form."""
    if may_record(person, jurisdiction_id):
        return
    refusals = {
        SCORING: _("Only an inspector or the evaluation office fills in the score sheets."),
        FINDINGS: _("Only an inspector or the evaluation office records findings."),
        CASES: _("Only an inspector or the evaluation office makes a finding a case."),
    }
    raise PermissionDenied(refusals[what])


def _require_open(inspection):
    if inspection.state != InspectionState.OPEN:
        raise ValidationError(
            _("The inspection of %(month)s is closed; nothing more can be recorded in it.")
            % {"month": inspection.key}
        )


def _locked(model, pk):
    # On PostgreSQL the row lock serialises two people acting on the same row; SQLite's IMMEDIATE
    # transactions serialise writers anyway.
    return model.objects.select_for_update().get(pk=pk)


# ---------------------------------------------------------------------------------------------
# Opening a month: the team and the draw


def first_of_month(day):
    return day.replace(day=1)


def active_grids(jurisdiction):
    return list(Grid.objects.active().filter(jurisdiction=jurisdiction).select_related("zone"))


def team_candidates(jurisdiction):
    """The people who may be named inspectors of a month: the jurisdiction's active inspectors
    and evaluation office staff."""
    return (
        User.objects.filter(
            jurisdiction=jurisdiction,
            is_active=True,
            groups__name__in=[Role.INSPECTOR, Role.EVALUATION_OFFICE],
        )
        .distinct()
        .order_by("username")
    )


def _team_problems(jurisdiction, team_units, inspectors):
    problems = []
    if not team_units:
        problems.append(_("Choose at least one member unit for the inspection team."))
    for unit in team_units:
        if unit.jurisdiction_id != jurisdiction.pk:
            problems.append(_("%(unit)s belongs to another jurisdiction.") % {"unit": unit.name})
        elif not unit.is_member:
            problems.append(
                _("%(unit)s is not a member unit of the leading group; the team is formed from member units.")
                % {"unit": unit.name}
            )
        elif not unit.is_active:
            problems.append(_("%(unit)s is no longer active.") % {"unit": unit.name})
    candidates = set(team_candidates(jurisdiction).values_list("pk", flat=True)) if inspectors else set()
    for person in inspectors:
        if person.pk not in candidates:
            problems.append(
                _("%(person)s is not an inspector of %(county)s.")
                % {"person": person.display_name, "county": jurisdiction.name}
            )
    return problems


def open_inspection(
    jurisdiction,
    *,
    month,
    actor,
    team_units,
    inspectors=(),
    count=draw.DEFAULT_COUNT,
    strategy=Strategy.PER_ZONE,
    seed=None,
    note="",
    at=None,
):
    """Open the inspection of ``month`` (its first day): form the team, draw the grids with
    ``seed`` (generated when None) and make a score sheet per drawn grid. Returns it."""
    _require(
        may_manage(actor, jurisdiction.pk),
        _("Only the evaluation office or the system administrator opens a month's inspection."),
    )
    at = at or timezone.now()
    team_units, inspectors = list(team_units), list(inspectors)
    problems = []
    if month.day != 1:
        problems.append(_("The month is given by its first day, e.g. 2026-11-01."))
    elif month > first_of_month(timezone.localdate(at)):
        problems.append(_("The month %(month)s has not begun yet.") % {"month": f"{month:%Y-%m}"})
    existing = MonthlyInspection.objects.filter(
        jurisdiction=jurisdiction, month=first_of_month(month)
    ).first()
    if existing is not None:
        problems.append(
            _("The inspection of %(month)s was opened already, by %(person)s on %(day)s.")
            % {
                "month": existing.key,
                "person": existing.opened_by.display_name,
                "day": f"{timezone.localtime(existing.opened_at):%Y-%m-%d}",
            }
        )
    problems += _team_problems(jurisdiction, team_units, inspectors)
    grids = active_grids(jurisdiction)
    seed_given = seed is not None
    if not seed_given:
        seed = draw.new_seed()
    try:
        drawn = draw.draw_grids(grids, seed, count, strategy)
    except ValidationError as error:
        problems += error.messages
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        try:
            inspection = MonthlyInspection.objects.create(
                jurisdiction=jurisdiction,
                month=month,
                seed=seed,
                seed_given=seed_given,
                grid_count=count,
                strategy=strategy,
                pool=[grid.code for grid in sorted(grids, key=lambda grid: grid.code)],
                opened_by=actor,
                opened_at=at,
                note=(note or "").strip(),
            )
        except IntegrityError:
            # Somebody opened the same month a moment ago.
            raise ValidationError(
                _("The inspection of %(month)s was opened already.") % {"month": f"{month:%Y-%m}"}
            ) from None
        inspection.team_units.set(team_units)
        inspection.inspectors.set(inspectors)
        GridSheet.objects.bulk_create(
            [GridSheet(inspection=inspection, position=n, grid=grid) for n, grid in enumerate(drawn, start=1)]
        )
    return inspection


# ---------------------------------------------------------------------------------------------
# The score sheets


def parties_of(sheet):
    """The active frontage parties in the sheet's grid, to be scored on it."""
    return Party.objects.active().filter(grid_id=sheet.grid_id).order_by("name", "pk")


def _date_in_month(day, inspection, what):
    if first_of_month(day) != inspection.month:
        raise ValidationError(
            _("%(what)s %(day)s is not in the inspected month %(month)s.")
            % {"what": what, "day": f"{day:%Y-%m-%d}", "month": inspection.key}
        )


def record_entry(sheet, party, *, actor, inspected_on, results, note="", at=None):
    """Score ``party`` on ``sheet``: ``results`` maps each standard's number to passed (True) or
    failed (False). The result is the party's frontage Inspection (so its three-failures rule
    applies); returns the SheetEntry."""
    inspection = sheet.inspection
    check_may_record(actor, inspection.jurisdiction_id, SCORING)
    if party.grid_id != sheet.grid_id or not party.is_active:
        raise ValidationError(
            _("%(party)s is not an active party of grid %(grid)s.")
            % {"party": party.name, "grid": sheet.grid.code}
        )
    _date_in_month(inspected_on, inspection, _("The inspection date"))
    with transaction.atomic():
        sheet = _locked(GridSheet, sheet.pk)
        _require_open(_locked(MonthlyInspection, inspection.pk))
        if sheet.is_complete:
            raise ValidationError(
                _("The sheet of grid %(grid)s is completed; nothing more is recorded on it.")
                % {"grid": sheet.grid.code}
            )
        if SheetEntry.objects.filter(sheet=sheet, party=party).exists():
            raise ValidationError(
                _("%(party)s has been scored on this sheet already.") % {"party": party.name}
            )
        frontage_inspection = record_inspection(
            party,
            inspector=actor,
            inspected_on=inspected_on,
            results=results,
            note=(note or "").strip(),
            at=at,
        )
        return SheetEntry.objects.create(
            sheet=sheet,
            party=party,
            frontage_inspection=frontage_inspection,
            recorded_by=actor,
            recorded_at=at or timezone.now(),
        )


def missing_parties(sheet):
    scored = SheetEntry.objects.filter(sheet=sheet).values("party_id")
    return list(parties_of(sheet).exclude(pk__in=scored))


def complete_sheet(sheet, *, actor, note="", at=None):
    """Declare the grid inspected: every active party of it must have been scored."""
    inspection = sheet.inspection
    check_may_record(actor, inspection.jurisdiction_id, SCORING)
    with transaction.atomic():
        sheet = _locked(GridSheet, sheet.pk)
        _require_open(_locked(MonthlyInspection, inspection.pk))
        if sheet.is_complete:
            raise ValidationError(
                _("The sheet of grid %(grid)s is completed already.") % {"grid": sheet.grid.code}
            )
        missing = missing_parties(sheet)
        if missing:
            raise ValidationError(
                _("Score these parties first: %(parties)s.")
                % {"parties": "、".join(party.name for party in missing)}
            )
        sheet.completed_by = actor
        sheet.completed_at = at or timezone.now()
        sheet.note = (note or "").strip()
        sheet.save(update_fields=["completed_by", "completed_at", "note"])
    return sheet


# ---------------------------------------------------------------------------------------------
# Findings, and the case each may become


def _finding_problems(sheet, *, description, minor_class, deduction, unit, party, lon, lat, found_on, at):
    problems = []
    inspection = sheet.inspection
    if not (description or "").strip():
        problems.append(_("Please describe the problem found."))
    if minor_class is None or not minor_class.is_active:
        problems.append(_("Choose the class of the problem."))
    if deduction is None or not 0 <= deduction <= MAX_DEDUCTION:
        problems.append(_("The points deducted must be from 0 to %(max)s.") % {"max": MAX_DEDUCTION})
    elif Decimal(deduction) % DEDUCTION_STEP:
        problems.append(_("The points deducted are given to one decimal place, e.g. 7.5."))
    if unit is None and party is None:
        problems.append(_("Name the responsible unit, the responsible party, or both."))
    if unit is not None and (unit.jurisdiction_id != inspection.jurisdiction_id or not unit.is_active):
        problems.append(_("%(unit)s is not an active unit of this jurisdiction.") % {"unit": unit.name})
    if party is not None and (party.grid_id != sheet.grid_id or not party.is_active):
        problems.append(
            _("%(party)s is not an active party of grid %(grid)s.")
            % {"party": party.name, "grid": sheet.grid.code}
        )
    if (lon is None) != (lat is None):
        problems.append(
            _("Give both the longitude and the latitude, or neither (the grid's centre is used).")
        )
    elif lon is not None and not grid_covers(sheet.grid, lon, lat):
        problems.append(
            _("The point (%(lon)s, %(lat)s) lies outside grid %(grid)s.")
            % {"lon": lon, "lat": lat, "grid": sheet.grid.code}
        )
    if found_on is not None:
        try:
            _date_in_month(found_on, inspection, _("The date found"))
        except ValidationError as error:
            problems += error.messages
        if found_on > timezone.localdate(at):
            problems.append(_("The date found lies in the future."))
    return problems


def _uploads(files):
    uploads, problems = [], []
    if len(files) > MAX_FILES:
        problems.append(_("At most %(count)s photos and videos per finding.") % {"count": MAX_FILES})
    for file in files:
        try:
            uploads.append(check_upload(file))
        except ValidationError as error:
            problems += error.messages
    if not problems and not any(upload.is_image for upload in uploads):
        problems.append(_("Every problem found is photographed: add at least one photo."))
    return uploads, problems


def record_finding(
    sheet,
    *,
    actor,
    description,
    minor_class,
    deduction,
    files,
    unit=None,
    party=None,
    lon=None,
    lat=None,
    address="",
    found_on=None,
    at=None,
):
    """Record a problem found in the sheet's grid with its photos (and videos); the location
    defaults to the grid's centre. Returns the Finding."""
    inspection = sheet.inspection
    check_may_record(actor, inspection.jurisdiction_id, FINDINGS)
    at = at or timezone.now()
    found_on = found_on or timezone.localdate(at)
    problems = _finding_problems(
        sheet,
        description=description,
        minor_class=minor_class,
        deduction=deduction,
        unit=unit,
        party=party,
        lon=lon,
        lat=lat,
        found_on=found_on,
        at=at,
    )
    uploads, upload_problems = _uploads(list(files))
    problems += upload_problems
    if problems:
        raise ValidationError(problems)
    if lon is None:
        lon, lat = default_point(sheet.grid)
    with transaction.atomic():
        _require_open(_locked(MonthlyInspection, inspection.pk))
        finding = Finding.objects.create(
            inspection=inspection,
            sheet=sheet,
            description=description.strip(),
            address=(address or "").strip(),
            lon=float(lon),
            lat=float(lat),
            minor_class=minor_class,
            unit=unit,
            party=party,
            deduction=deduction,
            found_on=found_on,
            recorded_by=actor,
            recorded_at=at,
        )
        for upload in uploads:
            FindingFile.objects.create(
                finding=finding,
                file=upload.file,
                media_type=upload.media_type,
                size=upload.size,
                taken_at=upload.taken_at,
                uploaded_by=actor,
                uploaded_at=at,
            )
    return finding


def make_case(finding, *, actor, at=None):
    """Report the finding as a case (source: inspection), once. Returns the Case."""
    inspection = finding.inspection
    check_may_record(actor, inspection.jurisdiction_id, CASES)
    at = at or timezone.now()
    # One transaction for the lock, the case and the link: two clicks at once make one case, and
    # a case is never left without its finding. (The day's case counter stays locked until the
    # commit; a click holds it only a moment.)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        case = report_finding(
            finding,
            actor=actor,
            jurisdiction=inspection.jurisdiction,
            minor_class=finding.minor_class,
            address=finding.address,
            photos=photo_copies(finding.files.all()),
            details={"inspection_finding": finding.pk},
            at=at,
        )
    return case


# ---------------------------------------------------------------------------------------------
# Closing a month: the units' results and their eligibility


def incomplete_sheets(inspection):
    return list(
        inspection.sheets.filter(completed_at__isnull=True).select_related("grid").order_by("grid__code")
    )


def close_inspection(inspection, *, actor, at=None):
    """Close the month once every sheet is completed: score the units responsible in the drawn
    grids and write the ineligibility of those that failed three months in a row. Returns the
    units' ineligibilities the month made."""
    _require(
        may_manage(actor, inspection.jurisdiction_id),
        _("Only the evaluation office or the system administrator closes a month's inspection."),
    )
    at = at or timezone.now()
    with transaction.atomic():
        inspection = _locked(MonthlyInspection, inspection.pk)
        if inspection.state == InspectionState.CLOSED:
            raise ValidationError(
                _("The inspection of %(month)s is closed already.") % {"month": inspection.key}
            )
        missing = incomplete_sheets(inspection)
        if missing:
            raise ValidationError(
                _("Complete the score sheets of these grids first: %(grids)s.")
                % {"grids": "、".join(f"{sheet.grid.code} {sheet.grid.name}" for sheet in missing)}
            )
        UnitResult.objects.bulk_create(results.score_units(inspection))
        inspection.state = InspectionState.CLOSED
        inspection.closed_by = actor
        inspection.closed_at = at
        inspection.save(update_fields=["state", "closed_by", "closed_at"])
        year = inspection.month.year
        unit_ids = list(inspection.unit_results.values_list("unit_id", flat=True))
        already = set(
            UnitIneligibility.objects.filter(year=year, unit_id__in=unit_ids).values_list(
                "unit_id", flat=True
            )
        )
        made = []
        for unit_id in unit_ids:
            ineligibility = results.update_unit_eligibility(unit_id, year, now=at)
            if ineligibility is not None and unit_id not in already:
                made.append(ineligibility)
    return made
