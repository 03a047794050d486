"""Reads of the monthly inspection: the list of months, one month's summary, the ineligible units."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gridcity.frontage.models import Party
from gridcity.org.models import Unit

from . import draw, results
from .models import (
    Finding,
    GridSheet,
    InspectionState,
    MonthlyInspection,
    SheetEntry,
    Strategy,
    UnitIneligibility,
    UnitResult,
)


def months(jurisdiction):
    """The jurisdiction's monthly inspections, newest first, with their counts."""
    return (
        MonthlyInspection.objects.filter(jurisdiction=jurisdiction)
        .select_related("opened_by", "closed_by")
        .annotate(
            sheet_count=Count("sheets", distinct=True),
            completed_count=Count("sheets", filter=Q(sheets__completed_at__isnull=False), distinct=True),
            finding_count=Count("findings", distinct=True),
        )
        .order_by("-month")
    )


def month_of(jurisdiction, year, month):
    return MonthlyInspection.objects.filter(
        jurisdiction=jurisdiction, month__year=year, month__month=month
    ).first()


def rule_text(inspection):
    """The exact rule of the draw, in words, with the numbers of this month's draw."""
    if inspection.strategy == Strategy.ANY:
        steps = _("rng.sample(grids, %(count)s)") % {"count": inspection.grid_count}
    else:
        steps = _(
            "zones = rng.sample(zone codes in order, %(count)s); then for each drawn zone in code order, "
            "rng.choice(its grids in code order)"
        ) % {"count": inspection.grid_count}
    return _(
        "Grids of the layer sorted by code (%(pool)s grids); rng = random.Random(%(seed)s) (Python 3.11); "
        "%(steps)s; the grids drawn are listed in code order."
    ) % {"pool": len(inspection.pool), "seed": inspection.seed, "steps": steps}


@dataclass
class SheetRow:
    sheet: GridSheet
    entries: list
    parties: int
    findings: list = field(default_factory=list)

    @property
    def failed_parties(self):
        return [entry.party for entry in self.entries if not entry.frontage_inspection.passed]

    @property
    def missing(self):
        return max(self.parties - len(self.entries), 0)


GROUND_LABELS = {
    results.SUPERVISING: gettext_lazy("supervising unit of the zone"),
    results.SPONSORSHIP: gettext_lazy("signed the grid's sponsorship agreement"),
    results.FINDING: gettext_lazy("named in a finding"),
}


def grounds_text(grounds):
    """ "371327001001002 (supervising unit of the zone; named in a finding)", one per grid."""
    return "; ".join(
        "{} ({})".format(ground["grid"], "、".join(str(GROUND_LABELS.get(r, r)) for r in ground["reasons"]))
        for ground in grounds
    )


@dataclass
class UnitRow:
    unit: Unit
    score: object
    passed: bool
    deductions: object
    findings: int
    grounds: list
    ineligible: UnitIneligibility | None = None

    @property
    def grounds_text(self):
        return grounds_text(self.grounds)


@dataclass
class Summary:
    inspection: MonthlyInspection
    rule: str
    command: str
    team_units: list
    inspectors: list
    sheets: list
    findings: list
    units: list
    provisional: bool  # the month is open: the units' results are what closing it would give
    ineligibilities: list  # those the month made (its third failure in a row)

    @property
    def failures(self):
        return [row for row in self.units if not row.passed]

    @property
    def units_only(self):
        return [row for row in self.units if row.unit.kind != Unit.Kind.COMMUNITY]

    @property
    def communities(self):
        return [row for row in self.units if row.unit.kind == Unit.Kind.COMMUNITY]


def findings_of(inspection):
    return (
        Finding.objects.filter(inspection=inspection)
        .select_related(
            "sheet__grid", "minor_class__major", "unit", "party", "case", "recorded_by", "case_made_by"
        )
        .prefetch_related("files")
        .order_by("sheet__grid__code", "pk")
    )


def _unit_rows(inspection):
    if inspection.state == InspectionState.CLOSED:
        rows = list(inspection.unit_results.all())
    else:
        rows = results.score_units(inspection)
    units = Unit.objects.in_bulk([row.unit_id for row in rows])
    ineligible = {
        item.unit_id: item
        for item in UnitIneligibility.objects.filter(
            year=inspection.month.year, unit_id__in=[row.unit_id for row in rows]
        )
    }
    out = [
        UnitRow(
            units[row.unit_id],
            row.score,
            row.passed,
            row.deductions,
            row.findings,
            row.grounds,
            ineligible.get(row.unit_id),
        )
        for row in rows
    ]
    return sorted(out, key=lambda row: (row.passed, row.score, row.unit.name))


def summary(inspection):
    """Everything the month's page, PDF and Excel show."""
    entries = Prefetch(
        "entries",
        queryset=SheetEntry.objects.select_related("party", "frontage_inspection", "recorded_by").order_by(
            "party__name", "pk"
        ),
    )
    sheets = list(
        inspection.sheets.select_related("grid__zone__supervising_unit", "completed_by")
        .prefetch_related(entries)
        .order_by("grid__code")
    )
    party_counts = dict(
        Party.objects.active()
        .filter(grid__in=[sheet.grid_id for sheet in sheets])
        .values("grid_id")
        .annotate(n=Count("pk"))
        .values_list("grid_id", "n")
    )
    findings = list(findings_of(inspection))
    rows = {
        sheet.pk: SheetRow(sheet, list(sheet.entries.all()), party_counts.get(sheet.grid_id, 0))
        for sheet in sheets
    }
    for finding in findings:
        rows[finding.sheet_id].findings.append(finding)
    units = _unit_rows(inspection)
    made = [row.ineligible for row in units if row.ineligible and row.ineligible.since == inspection.month]
    return Summary(
        inspection=inspection,
        rule=rule_text(inspection),
        command=draw.reproduce_command(
            inspection.jurisdiction.code, inspection.seed, inspection.grid_count, inspection.strategy
        ),
        team_units=list(inspection.team_units.order_by("kind", "code")),
        inspectors=list(inspection.inspectors.all()),
        sheets=list(rows.values()),
        findings=findings,
        units=units,
        provisional=inspection.state != InspectionState.CLOSED,
        ineligibilities=made,
    )


def ineligible_units(jurisdiction, year):
    """The units and communities not eligible for the awards of ``year``, with their failed months."""
    return (
        UnitIneligibility.objects.filter(unit__jurisdiction=jurisdiction, year=year)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=UnitResult.objects.select_related("inspection").order_by("inspection__month"),
            )
        )
        .order_by("unit__kind", "unit__name")
    )
