"""The evaluation as an Excel workbook: one sheet per kind of object with every figure and score,
and a sheet with the weights and composites used, so the ranking can be recomputed by hand."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gridcity.xlsx import add_sheet

from .evaluations import visible_rows
from .models import ObjectKind, Scoring
from .scoring import tier_names
from .text import columns, figures_values, label, ordered_rows, steps_text

PERCENT = "0.0%"


def _number(value):
    return None if value is None else float(value)


def _sheet(workbook, title, header, rows, widths=None):
    """A sheet whose first two columns (rank, name) stay in view; columns 14 wide unless ``widths``
    ({column number: width}) says otherwise."""
    column_widths = [(widths or {}).get(index, 14) for index in range(1, len(header) + 1)]
    return add_sheet(workbook, title, header, column_widths, rows, freeze="C2")


def _kind_sheet(workbook, evaluation, kind, rows, names):
    is_unit = kind == ObjectKind.UNIT
    codes = columns(kind)
    header = [_("Rank"), _("Name")]
    if is_unit:
        header.append(_("Load tier"))
    header += [column_label for _code, column_label, _sort in codes]
    header.append(_("Case indicators"))
    if is_unit:
        header += [_("Daily scores"), _("Monthly inspections")]
    header += [_("Score"), _("Grade"), _("Not ranked because")]
    lines = []
    for row in ordered_rows(rows, names):
        values = figures_values(row.figures)
        line = [row.rank, row.name]
        if is_unit:
            line.append(row.tier)
        line += [values.get(code) for code, _label, _sort in codes]
        line.append(_number(row.case_score))
        if is_unit:
            line += [_number(row.daily_score), _number(row.inspection_score)]
        line += [_number(row.score), row.grade, row.unranked_reason]
        lines.append(line)
    sheet = _sheet(workbook, ObjectKind(kind).label, header, lines, widths={2: 28})
    first = 4 if is_unit else 3
    for offset, (_code, _label, sort) in enumerate(codes):
        if sort == "rate":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=first + offset, max_col=first + offset):
                cell.number_format = PERCENT


def _weights_sheet(workbook, evaluation, kinds):
    weights = evaluation.weights
    scorings = dict(Scoring.choices)
    rows = []
    quarterly = weights.get("quarterly", {})
    for part, part_label in (
        ("cases", _("Case indicators")),
        ("daily", _("Daily scores")),
        ("inspection", _("Monthly inspections")),
    ):
        if part in quarterly:
            rows.append([_("Unit's score"), part_label, "", _number(quarterly[part]), ""])
    for kind in kinds:
        method = weights.get("methods", {}).get(kind)
        if method is None:
            continue
        kind_label = str(ObjectKind(kind).label)
        for indicator, scoring, weight, steps in method["terms"]:
            rows.append(
                [
                    kind_label,
                    label(indicator),
                    str(scorings.get(scoring, scoring)),
                    _number(weight),
                    steps_text(steps),
                ]
            )
        rows.append([kind_label, _("Minimum cases to be ranked"), "", method["min_cases"], ""])
    _sheet(
        workbook,
        _("Weights"),
        [_("Evaluated object"), _("Indicator"), _("Scoring"), _("Weight (%)"), _("Step table")],
        rows,
        widths={1: 16, 2: 28, 3: 18, 4: 12, 5: 40},
    ).freeze_panes = "A2"


def write_evaluation(evaluation, target, kinds, viewer=None):
    """Write the workbook of ``evaluation`` to ``target`` (a path or a binary file), with a sheet
    for each of ``kinds`` and the weights used; for a ``viewer``, only the lines he sees (of a
    post he holds, his own)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    names = tier_names(evaluation.jurisdiction)
    found = evaluation.rows.filter(object_kind__in=kinds)
    rows = {}
    for row in found if viewer is None else visible_rows(viewer, found):
        rows.setdefault(row.object_kind, []).append(row)
    for kind in kinds:
        _kind_sheet(workbook, evaluation, kind, rows.get(kind, []), names)
    _weights_sheet(workbook, evaluation, kinds)
    workbook.save(target)


def evaluation_workbook(evaluation, kinds, viewer=None):
    """The workbook as bytes."""
    buffer = io.BytesIO()
    write_evaluation(evaluation, buffer, kinds, viewer)
    return buffer.getvalue()
