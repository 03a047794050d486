"""The filtered case list as an Excel workbook (.xlsx), written row by row.

openpyxl's write-only mode streams the rows into the file as they come from a server-side
cursor, so memory stays flat whatever the number of cases; the number of rows is capped all
the same (EXPORT_CAP), and the file says so in its first line when the cap cut it short.
"""

import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gridcity.cases.models import OPEN_STATES, Source, State
from gridcity.catalog.models import MajorClass

EXPORT_CAP = 100_000
DATE_FORMAT = "yyyy-mm-dd hh:mm"


def _local(moment):
    """Excel has no time zones: the wall-clock time in Asia/Shanghai (the project's TIME_ZONE)."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def columns(now):
    """(header, width in characters, value of a case, is a date) for each column."""
    # Choice labels translated once for the file, not once per row (a third of the time).
    sources = {value: str(label) for value, label in Source.choices}
    states = {value: str(label) for value, label in State.choices}
    kinds = {value: str(label) for value, label in MajorClass.Kind.choices}
    yes = _("yes")
    return [
        (_("Case number"), 22, lambda c: c.number, False),
        (_("Reported at"), 17, lambda c: _local(c.reported_at), True),
        (_("Source"), 16, lambda c: sources.get(c.source, c.source), False),
        (_("Kind"), 7, lambda c: kinds.get(c.minor_class.major.kind, ""), False),
        (_("Major class"), 14, lambda c: c.minor_class.major.name, False),
        (_("Minor class"), 20, lambda c: f"{c.minor_class.full_code} {c.minor_class.name}", False),
        (_("Description"), 40, lambda c: c.description, False),
        (_("Address"), 28, lambda c: c.address, False),
        (_("Zone"), 12, lambda c: c.zone.name, False),
        (_("Grid"), 28, lambda c: f"{c.grid.code} {c.grid.name}", False),
        (_("State"), 16, lambda c: states.get(c.state, c.state), False),
        (_("Current unit"), 24, lambda c: c.current_unit.name if c.current_unit else "", False),
        (_("Stage deadline"), 17, lambda c: _local(c.stage_due_at), True),
        (
            _("Overdue"),
            7,
            lambda c: (
                yes
                if c.state in OPEN_STATES and (c.stage_breached or (c.stage_due_at and c.stage_due_at < now))
                else ""
            ),
            False,
        ),
        (_("Urgent"), 7, lambda c: yes if c.urgent else "", False),
        (_("Supervised"), 7, lambda c: yes if c.supervised else "", False),
        (_("Closed at"), 17, lambda c: _local(c.closed_at), True),
    ]


def write_cases(cases, target, *, now, title):
    """Write ``cases`` (ordered, with their related rows selected) to ``target`` (a path or a
    binary file) as one sheet: a title line, the header row (frozen), one row per case.
    Returns (rows written, whether the cap cut the list short)."""
    cap = EXPORT_CAP
    total = cases.order_by().values("pk")[: cap + 1].count()
    capped = total > cap
    if capped:
        title += " · " + _(
            "Only the first %(cap)s cases are in this file; narrow the filters to export the rest."
        ) % {"cap": f"{cap:,}"}

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Cases"))
    spec = columns(now)
    for index, (_header, width, _value, _is_date) in enumerate(spec):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A3"  # the title line and the header row stay in view

    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True, size=12, color="B3261E" if capped else "1D2433")
    sheet.append([heading])
    header_fill = PatternFill("solid", fgColor="EEF2F7")
    headers = []
    for header, _width, _value, _is_date in spec:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        headers.append(cell)
    sheet.append(headers)

    written = 0
    for case in cases[:cap].iterator(chunk_size=2000):
        row = []
        for _header, _width, value, is_date in spec:
            if is_date:
                cell = WriteOnlyCell(sheet, value=value(case))
                cell.number_format = DATE_FORMAT
                row.append(cell)
            else:
                row.append(value(case))
        sheet.append(row)
        written += 1
    workbook.save(target)
    return written, capped


def case_workbook_response(cases, *, now, chosen, user):
    """The download: the workbook written to a temporary file, then streamed from it."""
    local = timezone.localtime(now)
    parts = [_("Case list")]
    if user.jurisdiction_id:
        parts.append(user.jurisdiction.name)
    parts.append(_("exported %(at)s") % {"at": f"{local:%Y-%m-%d %H:%M}"})
    parts.append(
        _("filters: %(filters)s") % {"filters": "；".join(f"{label} {value}" for label, value in chosen)}
        if chosen
        else _("no filters")
    )
    # Deleted when the response, having streamed it, closes it.
    buffer = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_cases(cases, buffer, now=now, title=" · ".join(str(part) for part in parts))
    buffer.seek(0)
    filename = f"{_('Case list')}-{local:%Y%m%d-%H%M}.xlsx"
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
