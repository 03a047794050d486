"""Excel workbooks of the monthly inspection: a month's summary, and the units and communities
not eligible for a year's awards."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gridcity.xlsx import add_sheet

from .selectors import ineligible_units, summary


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def write_summary(inspection, target):
    """Write the month's summary to ``target`` (a path or a binary file): the draw, the team,
    the sheets, the findings with their cases, and the units' results."""
    data = summary(inspection)
    workbook = Workbook()
    workbook.remove(workbook.active)
    draw_rows = [
        [_("Month"), inspection.key],
        [_("State"), str(inspection.get_state_display())],
        [_("Way of drawing"), str(inspection.get_strategy_display())],
        [_("Number of grids drawn"), inspection.grid_count],
        [_("Seed"), str(inspection.seed)],
        [_("Seed given by the office"), _("yes") if inspection.seed_given else _("no, generated at random")],
        [_("Rule of the draw"), data.rule],
        [_("Draw them again"), data.command],
        [_("Opened by"), str(inspection.opened_by)],
        [_("Opened at"), _local(inspection.opened_at)],
        [_("Closed by"), str(inspection.closed_by or "")],
        [_("Closed at"), _local(inspection.closed_at)],
    ]
    draw_rows += [[_("Grid drawn"), f"{row.sheet.grid.code} {row.sheet.grid.name}"] for row in data.sheets]
    draw_rows += [[_("Team: member unit"), unit.name] for unit in data.team_units]
    draw_rows += [[_("Team: inspector"), str(person)] for person in data.inspectors]
    add_sheet(workbook, _("Draw and team"), [_("Item"), _("Value")], [22, 90], draw_rows)

    entry_rows = []
    for row in data.sheets:
        for entry in row.entries:
            entry_rows.append(
                [
                    row.sheet.grid.code,
                    row.sheet.grid.name,
                    entry.party.name,
                    str(entry.party.get_kind_display()),
                    entry.frontage_inspection.inspected_on,
                    float(entry.frontage_inspection.score),
                    _("passed") if entry.frontage_inspection.passed else _("failed"),
                    str(entry.recorded_by),
                ]
            )
    sheet = add_sheet(
        workbook,
        _("Score sheets"),
        [
            _("Grid"),
            _("Grid name"),
            _("Party"),
            _("Kind of party"),
            _("Inspected on"),
            _("Score"),
            _("Result"),
            _("Inspector"),
        ],
        [17, 22, 30, 16, 12, 8, 8, 10],
        entry_rows,
    )
    for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cells[0].number_format = "yyyy-mm-dd"

    finding_rows = [
        [
            finding.pk,
            finding.sheet.grid.code,
            finding.found_on,
            finding.description,
            finding.address,
            f"{finding.minor_class.full_code} {finding.minor_class.name}",
            finding.unit.name if finding.unit else "",
            finding.party.name if finding.party else "",
            float(finding.deduction),
            finding.lon,
            finding.lat,
            len(finding.files.all()),
            finding.case.number if finding.case else "",
        ]
        for finding in data.findings
    ]
    sheet = add_sheet(
        workbook,
        _("Findings"),
        [
            _("No."),
            _("Grid"),
            _("Found on"),
            _("Description"),
            _("Address"),
            _("Class"),
            _("Responsible unit"),
            _("Responsible party"),
            _("Points deducted"),
            _("Longitude"),
            _("Latitude"),
            _("Photos and videos"),
            _("Case"),
        ],
        [6, 17, 12, 40, 20, 20, 22, 22, 8, 12, 12, 8, 21],
        finding_rows,
    )
    for cells in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cells[0].number_format = "yyyy-mm-dd"

    unit_rows = [
        [
            row.unit.name,
            str(row.unit.get_kind_display()),
            row.grounds_text,
            row.findings,
            float(row.deductions),
            float(row.score),
            _("passed") if row.passed else _("failed"),
            _("not eligible since %(month)s") % {"month": f"{row.ineligible.since:%Y-%m}"}
            if row.ineligible
            else "",
        ]
        for row in data.units
    ]
    title = _("Unit results (provisional)") if data.provisional else _("Unit results")
    add_sheet(
        workbook,
        title,
        [
            _("Unit"),
            _("Kind"),
            _("Inspected as"),
            _("Findings"),
            _("Points deducted"),
            _("Score"),
            _("Result"),
            _("Award eligibility"),
        ],
        [30, 16, 60, 8, 10, 8, 8, 20],
        unit_rows,
    )
    workbook.properties.title = _("Monthly inspection %(month)s, %(county)s") % {
        "month": inspection.key,
        "county": inspection.jurisdiction.name,
    }
    workbook.save(target)


def write_ineligible_units(jurisdiction, year, target):
    """Write the units and communities not eligible for the awards of ``year`` to ``target``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = [
        [
            item.unit.name,
            str(item.unit.get_kind_display()),
            item.since.strftime("%Y-%m"),
            "、".join(f"{result.inspection.month:%Y-%m} {result.score}" for result in item.results.all()),
            _local(item.computed_at),
        ]
        for item in ineligible_units(jurisdiction, year)
    ]
    add_sheet(
        workbook,
        _("Not eligible %(year)s") % {"year": year},
        [_("Unit"), _("Kind"), _("Since"), _("Failed monthly inspections"), _("Computed at")],
        [34, 18, 10, 40, 18],
        rows,
    )
    workbook.save(target)
