"""Registering many parties at once from an Excel workbook (.xlsx), all or nothing.

The first sheet has a header row and one party per row. The columns (COLUMNS) may come in any
order, headed by their Chinese or English label or by their key:

    name            名称 (required)
    kind            类型: one of the kinds of party, as its label (个体工商户, 学校, …) or key
    credit_code     统一社会信用代码 (18 characters, check character verified)
    licence_number  营业执照注册号 (15 digits, check digit verified): one of the two is required
    place           地点类型 (optional; 主次干道或公共场所, 物业管理居民小区, …)
    address         地址 (required)
    contact_person  联系人 (optional)
    contact_phone   联系电话 (optional; mobile or landline)
    lon, lat        经度, 纬度 (WGS84; may be left empty when the frontage is given)
    frontage        责任区: "lon,lat; lon,lat; …" (the building line; closed on its first
                    position: the area as a polygon) or a GeoJSON geometry (optional)
    depth_m         进深（米）: how far the area reaches from the building line (default 5)
    note            备注 (optional)

Every row is checked (its identifiers, phone, position in a grid of the jurisdiction,
frontage) and so are the rows together (a code given twice) and against the register (a code
registered already). If any row has a problem the whole file is refused with the list of
problems, each with its row number as the spreadsheet shows it, its column and what is wrong;
otherwise all parties are written in one transaction.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gridcity.grids import locate_many
from gridcity.org.models import Place

from .geometry import parse_coordinate_text
from .lookup import frontage_changed
from .models import Party, PartyKind
from .parties import fill_position, measure, party_problems

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation
    required: bool
    width: int
    help: object


COLUMNS = [
    Column("name", gettext_lazy("Name"), True, 28, gettext_lazy("Full registered name of the party.")),
    Column("kind", gettext_lazy("Kind of party"), True, 16, gettext_lazy("One of the kinds in the list.")),
    Column(
        "credit_code",
        gettext_lazy("Unified social credit code"),
        False,
        22,
        gettext_lazy("18 characters; give it or the licence registration number."),
    ),
    Column(
        "licence_number",
        gettext_lazy("Licence registration number"),
        False,
        18,
        gettext_lazy("15 digits, for a party without a unified social credit code."),
    ),
    Column(
        "place",
        gettext_lazy("Kind of place"),
        False,
        20,
        gettext_lazy("One of the kinds of place in the list; empty: anywhere."),
    ),
    Column("address", gettext_lazy("Address"), True, 30, gettext_lazy("Street and number.")),
    Column(
        "contact_person",
        gettext_lazy("Contact person"),
        False,
        10,
        gettext_lazy("Never shown to the public."),
    ),
    Column(
        "contact_phone",
        gettext_lazy("Contact phone"),
        False,
        15,
        gettext_lazy("Mobile or landline; never shown to the public."),
    ),
    Column(
        "lon",
        gettext_lazy("Longitude"),
        False,
        12,
        gettext_lazy("WGS84 degrees, e.g. 118.8312; may be empty when the frontage is given."),
    ),
    Column("lat", gettext_lazy("Latitude"), False, 12, gettext_lazy("WGS84 degrees, e.g. 35.1705.")),
    Column(
        "frontage",
        gettext_lazy("Frontage area"),
        False,
        40,
        gettext_lazy(
            "Positions “longitude,latitude” separated by “;” along the building line; closed on the first "
            "position for an area drawn as a polygon; or a GeoJSON geometry."
        ),
    ),
    Column(
        "depth_m",
        gettext_lazy("Depth (m)"),
        False,
        10,
        gettext_lazy("From the building line to the kerb; default 5."),
    ),
    Column("note", gettext_lazy("Note"), False, 20, gettext_lazy("Free text.")),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Other headings people give these columns in the sheets they already keep.
ALIASES = {
    "kind": ["类型", "主体类型", "type"],
    "credit_code": ["信用代码", "社会信用代码", "uscc"],
    "licence_number": ["注册号", "营业执照号", "licence"],
    "place": ["地点类型", "地点", "place"],
    "contact_phone": ["电话", "手机", "phone"],
    "contact_person": ["负责人"],
    "depth_m": ["进深", "depth"],
    "frontage": ["责任区范围", "geometry"],
}
# Model fields a problem may name, and the column that shows them.
FIELD_COLUMN = {"lon": "lon", "lat": "lat", "frontage": "frontage", "__all__": "name"}


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as the spreadsheet numbers it (the header is row 1); 0 for the file as a whole
    column: str  # the column's label, "" for the file or the row as a whole
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(problem)s") % {"row": self.row, "problem": self.message}
        return _("Row %(row)s, column “%(column)s”: %(problem)s") % {
            "row": self.row,
            "column": self.column,
            "problem": self.message,
        }


class PartyImportError(Exception):
    """A workbook that cannot be imported; ``problems`` lists every ImportProblem."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


def _labels(column):
    """The names a header cell may give a column: its key, its English and Chinese labels."""
    names = {column.key.lower(), str(column.label).lower(), *ALIASES.get(column.key, [])}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names.add(str(column.label).lower())
    return names


def _choice_words(choices):
    """{word: value}: a choice's value and its label in English and Chinese."""
    words = {}
    for value, label in choices:
        words[value.lower()] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                words[str(label).lower()] = value
    return words


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_rows(data):
    """(header {column key: position}, rows [(row number, {key: value})], problems)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PartyImportError(
            [
                ImportProblem(
                    0,
                    "",
                    _("The file is %(size)s MB; the limit is %(limit)s MB.")
                    % {
                        "size": round(len(data) / 1024 / 1024, 1),
                        "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
                    },
                )
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise PartyImportError(
            [
                ImportProblem(
                    0,
                    "",
                    _(
                        "The file is not an Excel workbook (.xlsx). Save it as “Excel Workbook” and try again."
                    ),
                )
            ]
        ) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise PartyImportError([ImportProblem(0, "", _("The workbook's first sheet is empty."))])
    names = {name: column.key for column in COLUMNS for name in _labels(column)}
    positions, problems, unknown = {}, [], []
    for position, cell in enumerate(header):
        text = _text(cell).lower()
        if not text:
            continue
        key = names.get(text)
        if key is None:
            unknown.append(_text(cell))
        elif key in positions:
            problems.append(
                ImportProblem(1, _text(cell), _("the column appears more than once in the header row"))
            )
        else:
            positions[key] = position
    if unknown:
        problems.append(
            ImportProblem(
                1,
                "",
                _("unknown column(s) %(columns)s; the columns are %(known)s")
                % {"columns": "、".join(unknown), "known": "、".join(str(c.label) for c in COLUMNS)},
            )
        )
    missing = [str(column.label) for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        problems.append(
            ImportProblem(
                1, "", _("the header row lacks the column(s) %(columns)s") % {"columns": "、".join(missing)}
            )
        )
    if missing or problems:
        raise PartyImportError(problems)
    records = []
    for number, cells in enumerate(rows, start=2):
        values = {
            key: cells[position] if position < len(cells) else None for key, position in positions.items()
        }
        if all(_text(value) == "" for value in values.values()):
            continue  # blank rows, as spreadsheets leave them
        if len(records) >= MAX_ROWS:
            raise PartyImportError(
                [
                    ImportProblem(
                        0, "", _("The file has more than %(limit)s parties; split it.") % {"limit": MAX_ROWS}
                    )
                ]
            )
        records.append((number, values))
    workbook.close()
    if not records:
        raise PartyImportError([ImportProblem(0, "", _("The file has no parties."))])
    return records


@dataclass
class _Row:
    number: int
    party: Party
    problems: list = field(default_factory=list)

    def add(self, key, message):
        self.problems.append(
            ImportProblem(self.number, str(COLUMN_BY_KEY[key].label) if key else "", message)
        )


def _number_or_none(value):
    if value is None or _text(value) == "":
        return None
    try:
        return float(_text(value))
    except ValueError:
        return "bad"


def read_parties(data, jurisdiction):
    """Parse and check a workbook; returns the unsaved Party rows, or raises PartyImportError
    listing every problem of every row."""
    records = _read_rows(data)
    kinds = _choice_words(PartyKind.choices)
    places = _choice_words(Place.choices)
    rows = []
    for number, values in records:
        party = Party(jurisdiction=jurisdiction)
        row = _Row(number, party)
        party.name = _text(values.get("name"))
        party.address = _text(values.get("address"))
        party.contact_person = _text(values.get("contact_person"))
        party.contact_phone = _text(values.get("contact_phone"))
        party.credit_code = _text(values.get("credit_code"))
        party.licence_number = _text(values.get("licence_number"))
        party.note = _text(values.get("note"))
        kind_text = _text(values.get("kind"))
        party.kind = kinds.get(kind_text.lower(), "")
        if kind_text and not party.kind:
            row.add(
                "kind", _("“%(value)s” is not a kind of party; use one of the list") % {"value": kind_text}
            )
        place_text = _text(values.get("place"))
        party.place = places.get(place_text.lower(), "") if place_text else Place.ANY
        if not party.place:
            row.add(
                "place", _("“%(value)s” is not a kind of place; use one of the list") % {"value": place_text}
            )
            party.place = Place.ANY
        depth = _number_or_none(values.get("depth_m"))
        party.depth_m = 5.0 if depth is None else depth
        if depth == "bad":
            row.add(
                "depth_m",
                _("“%(value)s” is not a number of metres") % {"value": _text(values.get("depth_m"))},
            )
            party.depth_m = 5.0
        for key in ("lon", "lat"):
            value = _number_or_none(values.get(key))
            if value == "bad":
                row.add(key, _("“%(value)s” is not a number") % {"value": _text(values.get(key))})
                value = None
            setattr(party, key, value)
        frontage_text = _text(values.get("frontage"))
        if frontage_text:
            try:
                party.frontage = parse_coordinate_text(frontage_text)
            except ValueError as error:
                row.add("frontage", str(error))
        rows.append(row)

    # One pass over the grid index for every position (a register is thousands of rows).
    for row in rows:
        fill_position(row.party)
    locations = locate_many(
        [row.party.lon if isinstance(row.party.lon, float) else float("nan") for row in rows],
        [row.party.lat if isinstance(row.party.lat, float) else float("nan") for row in rows],
    )
    for row, location in zip(rows, locations, strict=True):
        found = party_problems(row.party, location=location or _NOWHERE)
        # A cell that could not be read has its problem already; the party's checks would only
        # say the same thing again in other words.
        named = {problem.column for problem in row.problems}
        for field_name, messages in found.items():
            key = field_name if field_name in COLUMN_BY_KEY else FIELD_COLUMN.get(field_name, "")
            if key and str(COLUMN_BY_KEY[key].label) in named:
                continue
            for message in messages:
                row.add(key, message)

    _check_duplicates(rows)
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise PartyImportError(problems)
    return [row.party for row in rows]


class _Nowhere:
    """A location in no jurisdiction: party_problems names the point as outside."""

    jurisdiction_id = None
    grid_id = zone_id = None


_NOWHERE = _Nowhere()


def _check_duplicates(rows):
    """A code given twice in the file, or registered already."""
    for key in ("credit_code", "licence_number"):
        seen = {}
        for row in rows:
            code = getattr(row.party, key)
            if code:
                seen.setdefault(code, []).append(row)
        registered = dict(
            Party.objects.filter(
                jurisdiction=rows[0].party.jurisdiction, **{f"{key}__in": list(seen)}
            ).values_list(key, "name")
        )
        for code, same in seen.items():
            if len(same) > 1:
                numbers = "、".join(str(row.number) for row in same)
                for row in same:
                    row.add(key, _("%(code)s is given in rows %(rows)s") % {"code": code, "rows": numbers})
            if code in registered:
                for row in same:
                    row.add(
                        key,
                        _("%(code)s is registered already, as “%(name)s”")
                        % {"code": code, "name": registered[code]},
                    )


@dataclass
class ImportSummary:
    created: list

    def __str__(self):
        return _("%(count)s parties registered.") % {"count": len(self.created)}


def import_parties(data, jurisdiction):
    """Check the workbook and register all its parties in one transaction; raises
    PartyImportError (nothing written) if any row has a problem."""
    parties = read_parties(data, jurisdiction)
    for party in parties:
        party.frontage_length_m = measure(party)
    with transaction.atomic():
        created = Party.objects.bulk_create(parties)
        frontage_changed()  # bulk_create sends no post_save
    return ImportSummary(created)


def template_workbook():
    """The Excel template users download and fill in: the header row in the user's language,
    a list of kinds and places to choose from, and a sheet explaining each column. Returns bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Parties")
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FCE4D6")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.label))
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet(_("Lists"))
    lists.cell(row=1, column=1, value=str(COLUMN_BY_KEY["kind"].label)).font = bold
    lists.cell(row=1, column=2, value=str(COLUMN_BY_KEY["place"].label)).font = bold
    for row, (_value, label) in enumerate(PartyKind.choices, start=2):
        lists.cell(row=row, column=1, value=str(label))
    for row, (_value, label) in enumerate(Place.choices, start=2):
        lists.cell(row=row, column=2, value=str(label))
    lists.column_dimensions["A"].width = 24
    lists.column_dimensions["B"].width = 30
    keys = [column.key for column in COLUMNS]
    for key, letter, count in (("kind", "A", len(PartyKind.choices)), ("place", "B", len(Place.choices))):
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${letter}$2:${letter}${count + 1}",
            allow_blank=key == "place",
        )
        column_letter = get_column_letter(keys.index(key) + 1)
        validation.add(f"{column_letter}2:{column_letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)

    guide = workbook.create_sheet(_("Instructions"))
    guide.append([_("Column"), _("Required"), _("What to write")])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        guide.append([str(column.label), _("yes") if column.required else "", str(column.help)])
    guide.append([])
    guide.append(
        [
            _(
                "Either the unified social credit code or the licence registration number is required. "
                "If any row has a problem, nothing is imported and every problem is listed with its row."
            )
        ]
    )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 8
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems_of(error):
    """The problems of a PartyImportError or a ValidationError as text lines."""
    if isinstance(error, PartyImportError):
        return [str(problem) for problem in error.problems]
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]
