"""The order day as an Excel workbook: one row per grid, the absent ones, and the findings."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gridcity.xlsx import add_sheet

from .selectors import day_rows

SEPARATOR = "、"


def _names(items):
    return SEPARATOR.join(str(item) for item in items)


def _check(record):
    if record is None or not record.checked:
        return _("not checked")
    return _("passed") if record.passed else _("failed")


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _grid_row(row):
    record = row.record
    leader = row.expected.leader
    if row.leader_present:
        leader_state = _("took part")
    elif row.absent_leader:
        leader_state = _("absent")
    else:
        leader_state = ""
    supervising = row.grid.zone.supervising_unit
    supervising_state = ""
    if supervising is not None:
        if supervising in row.units_present:
            supervising_state = _("took part")
        elif supervising in row.absent_units:
            supervising_state = _("absent")
    return [
        row.grid.zone.name,
        row.grid.code,
        row.grid.name,
        str(row.leader_present or leader or ""),
        leader_state,
        str(supervising or ""),
        supervising_state,
        _names(row.units_present),
        _names(row.absent_units),
        _names(row.parties_present),
        record.head_count if record else None,
        record.work_done if record else "",
        len(row.before_photos),
        len(row.after_photos),
        _check(record),
        float(record.score) if record and record.score is not None else None,
        str(record.checked_by) if record and record.checked_by_id else "",
        record.checked_on if record else None,
        len(row.findings),
        _names(finding.case.number for finding in row.cases_made),
    ]


def write_day(order_day, target):
    """Write the order day's workbook to ``target`` (a path or a binary file)."""
    rows = day_rows(order_day)
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(
        workbook,
        _("Grids"),
        [
            _("Zone"),
            _("Grid code"),
            _("Grid"),
            _("Sponsoring county leader"),
            _("Leader"),
            _("Supervising unit"),
            _("Supervising unit took part"),
            _("Units that took part"),
            _("Absent units"),
            _("Responsible parties that took part"),
            _("Head-count"),
            _("Work done"),
            _("Photos before"),
            _("Photos after"),
            _("Check result"),
            _("Score"),
            _("Checked by"),
            _("Checked on"),
            _("Findings"),
            _("Cases"),
        ],
        [12, 17, 20, 14, 9, 20, 9, 36, 30, 30, 8, 40, 8, 8, 9, 7, 10, 11, 8, 22],
        [_grid_row(row) for row in rows],
    )
    absent = []
    for row in rows:
        if row.absent_leader:
            absent.append(
                [row.grid.code, row.grid.name, _("Sponsoring county leader"), str(row.absent_leader)]
            )
        for unit in row.absent_units:
            role = (
                _("Supervising unit")
                if unit.pk == row.grid.zone.supervising_unit_id
                else _("Responsible unit")
            )
            absent.append([row.grid.code, row.grid.name, role, unit.name])
    add_sheet(
        workbook,
        _("Absent"),
        [_("Grid code"), _("Grid"), _("Expected as"), _("Absent")],
        [17, 20, 16, 36],
        absent,
    )
    findings = []
    for row in rows:
        for finding in row.findings:
            findings.append(
                [
                    row.grid.code,
                    row.grid.name,
                    finding.description,
                    finding.lon,
                    finding.lat,
                    str(finding.found_by),
                    _local(finding.found_at),
                    len(finding.photos.all()),
                    finding.case.number if finding.case_id else "",
                    str(finding.case.get_state_display()) if finding.case_id else "",
                ]
            )
    sheet = add_sheet(
        workbook,
        _("Findings"),
        [
            _("Grid code"),
            _("Grid"),
            _("What was found"),
            _("Longitude"),
            _("Latitude"),
            _("Found by"),
            _("Recorded at"),
            _("Photos"),
            _("Case"),
            _("Case state"),
        ],
        [17, 20, 40, 11, 11, 10, 17, 7, 22, 10],
        findings,
    )
    for cell in sheet["G"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    workbook.properties.title = _("Public order day of %(county)s, %(date)s") % {
        "county": order_day.jurisdiction.name,
        "date": order_day.date.isoformat(),
    }
    workbook.save(target)
