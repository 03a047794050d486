"""Excel exports of the frontage register: coverage (signed and not signed) and the parties not
eligible for awards. Contact people and phones are masked, as in every list."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gridcity.xlsx import add_sheet

from .selectors import (
    coverage_by_grid,
    coverage_by_town,
    coverage_by_zone,
    coverage_total,
    ineligible_parties,
    masked_contact,
    unsigned_by_signing_unit,
)


def _coverage_rows(rows):
    return [[row.label, row.parties, row.signed, row.unsigned, row.share_signed] for row in rows]


def write_coverage(jurisdiction, target):
    """Write the coverage workbook to ``target`` (a path or a binary file): totals per grid,
    zone and town, and the unsigned parties per signing unit."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    counts = [_("Parties"), _("Signed"), _("Not signed"), _("Signed (%)")]
    widths = [36, 10, 10, 10, 10]
    total = coverage_total(jurisdiction)
    for title, area, rows in (
        (_("By grid"), _("Grid"), coverage_by_grid(jurisdiction)),
        (_("By zone"), _("Zone"), coverage_by_zone(jurisdiction)),
        (_("By town"), _("Town or street (code)"), coverage_by_town(jurisdiction)),
    ):
        add_sheet(workbook, title, [area, *counts], widths, _coverage_rows([*rows, total]))
    rows = []
    for group in unsigned_by_signing_unit(jurisdiction):
        for party in group.parties:
            person, phone = masked_contact(party)
            rows.append(
                [
                    group.unit.name if group.unit else _("no signing rule applies"),
                    party.name,
                    str(party.get_kind_display()),
                    party.identifier,
                    party.address,
                    party.grid.code,
                    person,
                    phone,
                ]
            )
    add_sheet(
        workbook,
        _("Not signed"),
        [
            _("Signing unit"),
            _("Party"),
            _("Kind of party"),
            _("Code"),
            _("Address"),
            _("Grid"),
            _("Contact person"),
            _("Contact phone"),
        ],
        [28, 30, 16, 22, 30, 17, 10, 15],
        rows,
    )
    workbook.properties.title = _("Frontage responsibility coverage, %(county)s, %(date)s") % {
        "county": jurisdiction.name,
        "date": timezone.localdate().isoformat(),
    }
    workbook.save(target)


def write_ineligible(jurisdiction, year, target):
    """Write the parties not eligible for the awards of ``year`` to ``target``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = []
    for ineligibility in ineligible_parties(jurisdiction, year):
        party = ineligibility.party
        override = getattr(ineligibility, "override", None)
        rows.append(
            [
                party.name,
                str(party.get_kind_display()),
                party.identifier,
                party.grid.code,
                ineligibility.since,
                "、".join(f"{i.inspected_on:%Y-%m-%d} {i.score}" for i in ineligibility.inspections.all()),
                _("reinstated") if override else _("not eligible"),
                str(override.by) if override else "",
                timezone.localtime(override.at).replace(tzinfo=None) if override else None,
                override.reason if override else "",
            ]
        )
    sheet = add_sheet(
        workbook,
        _("Not eligible %(year)s") % {"year": year},
        [
            _("Party"),
            _("Kind of party"),
            _("Code"),
            _("Grid"),
            _("Since"),
            _("Failed inspections"),
            _("Eligibility"),
            _("Reinstated by"),
            _("Reinstated at"),
            _("Reason"),
        ],
        [30, 16, 22, 17, 12, 40, 12, 12, 17, 40],
        rows,
    )
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "yyyy-mm-dd"
    workbook.save(target)
