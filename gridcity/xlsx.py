"""Excel sheets as every export writes them: a bold header row that stays in view."""

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def add_sheet(workbook, title, header, widths, rows, freeze="A2"):
    """A new sheet ``title`` (cut to Excel's 31 characters) with ``header``, ``rows`` and the
    column ``widths`` (one per column, from the first)."""
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze
    return sheet
