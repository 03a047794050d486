"""Reads of the frontage register with names, for the console, the exports and other apps.

Coverage: a party is *signed* while it has an agreement in the state signed (in force);
every other active party (no agreement, a draft, only expired or terminated ones) is *unsigned*
and shows in its signing unit's list, the unit of its latest draft or else the signing table's
suggestion.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from gridcity.cases.models import Case
from gridcity.grids.models import Grid, Zone

from .agreements import EVENT_REMINDED
from .codes import mask_name, mask_phone
from .models import (
    Agreement,
    AgreementEvent,
    AgreementState,
    CaseParty,
    Ineligibility,
    Party,
    SigningRule,
)
from .signing import suggest_signing_unit

# The colours of the coverage map, by the state of a party's agreement.
STATE_COLOURS = {
    AgreementState.SIGNED: "#2e7d32",  # green: in force
    AgreementState.DRAFT: "#f9a825",  # amber: being signed
    AgreementState.EXPIRED: "#c62828",  # red: lapsed
    AgreementState.TERMINATED: "#6d4c41",  # brown: ended early
    "unsigned": "#9e9e9e",  # grey: never signed
}
# Which state a party shows when it has several agreements: the one that matters most.
STATE_PRIORITY = [
    AgreementState.SIGNED,
    AgreementState.DRAFT,
    AgreementState.EXPIRED,
    AgreementState.TERMINATED,
]


def signed_now():
    """An expression: the party has an agreement in force."""
    return Exists(Agreement.objects.filter(party=OuterRef("pk"), state=AgreementState.SIGNED))


def parties(jurisdiction):
    """The jurisdiction's active parties, each annotated with ``is_signed``."""
    return Party.objects.active().filter(jurisdiction=jurisdiction).annotate(is_signed=signed_now())


@dataclass
class CoverageRow:
    key: object  # the grid, zone or town (street code)
    label: str
    parties: int = 0
    signed: int = 0

    @property
    def unsigned(self):
        return self.parties - self.signed

    @property
    def share_signed(self):
        """Signed parties in percent (0 when there are none)."""
        return round(100 * self.signed / self.parties, 1) if self.parties else 0.0


def _counts(jurisdiction, key):
    rows = (
        parties(jurisdiction)
        .values(key)
        .annotate(total=Count("pk"), signed=Count("pk", filter=Q(is_signed=True)))
    )
    return {row[key]: (row["total"], row["signed"]) for row in rows}


def coverage_by_grid(jurisdiction):
    """One CoverageRow per active grid of the jurisdiction (by code), with its parties signed
    and not signed; grids without parties count 0."""
    counts = _counts(jurisdiction, "grid_id")
    result = []
    for grid in Grid.objects.active().filter(jurisdiction=jurisdiction).order_by("code"):
        total, signed = counts.get(grid.pk, (0, 0))
        result.append(CoverageRow(grid, f"{grid.code} {grid.name}", total, signed))
    return result


def coverage_by_zone(jurisdiction):
    counts = _counts(jurisdiction, "zone_id")
    result = []
    for zone in Zone.objects.filter(jurisdiction=jurisdiction).order_by("code"):
        total, signed = counts.get(zone.pk, (0, 0))
        result.append(CoverageRow(zone, zone.name, total, signed))
    return result


def coverage_by_town(jurisdiction):
    """Per town or street: the grid code's digits 7–9 (GB/T 30428.1), e.g. "001"."""
    rows = {}
    grids = dict(Grid.objects.filter(jurisdiction=jurisdiction).values_list("pk", "code"))
    for grid_id, (total, signed) in _counts(jurisdiction, "grid_id").items():
        street = grids[grid_id][6:9]
        row = rows.setdefault(street, CoverageRow(street, street))
        row.parties += total
        row.signed += signed
    for grid_code in grids.values():
        rows.setdefault(grid_code[6:9], CoverageRow(grid_code[6:9], grid_code[6:9]))
    return [rows[key] for key in sorted(rows)]


def coverage_total(jurisdiction):
    total, signed = 0, 0
    for row_total, row_signed in _counts(jurisdiction, "jurisdiction_id").values():
        total, signed = total + row_total, signed + row_signed
    return CoverageRow(jurisdiction, jurisdiction.name, total, signed)


@dataclass
class UnitList:
    unit: object  # org.Unit, or None when no rule names one
    parties: list = field(default_factory=list)


def unsigned_by_signing_unit(jurisdiction):
    """The unsigned active parties grouped by the unit that should sign with them: the unit of
    the party's latest draft, or else the signing table's suggestion. A list of UnitList, the
    units by name, parties by name; parties no rule covers come last, with unit None."""
    drafts = (
        Agreement.objects.filter(state=AgreementState.DRAFT)
        .select_related("signing_unit")
        .order_by("-created_at", "-pk")
    )
    unsigned = (
        parties(jurisdiction)
        .filter(is_signed=False)
        .select_related("grid", "zone")
        .prefetch_related(Prefetch("agreements", queryset=drafts, to_attr="drafts"))
        .order_by("name", "pk")
    )
    rules = list(SigningRule.objects.filter(jurisdiction=jurisdiction).select_related("unit", "zone"))
    groups = {}
    for party in unsigned:
        if party.drafts:
            unit = party.drafts[0].signing_unit
        else:
            suggestion = suggest_signing_unit(party, rules)
            unit = suggestion.unit if suggestion else None
        groups.setdefault(unit, UnitList(unit)).parties.append(party)
    return sorted(
        groups.values(), key=lambda group: (group.unit is None, group.unit.name if group.unit else "")
    )


def party_state(party):
    """The state that describes the party's agreements best, or "unsigned"."""
    states = {agreement.state for agreement in party.agreements.all()}
    for state in STATE_PRIORITY:
        if state in states:
            return state
    return "unsigned"


def frontages_geojson(jurisdiction):
    """A GeoJSON FeatureCollection of the active parties' frontages, coloured by the state of
    their agreements. No contact data: the layer may be shown to any staff member."""
    rows = (
        Party.objects.active()
        .filter(jurisdiction=jurisdiction, frontage__isnull=False)
        .select_related("grid")
        .prefetch_related(Prefetch("agreements", queryset=Agreement.objects.only("party_id", "state")))
        .order_by("pk")
    )
    labels = {value: str(label) for value, label in AgreementState.choices}
    labels["unsigned"] = _("Not signed")
    features = []
    for party in rows:
        state = party_state(party)
        features.append(
            {
                "type": "Feature",
                "geometry": party.frontage,
                "properties": {
                    "id": party.pk,
                    "name": party.name,
                    "kind": party.kind,
                    "kind_label": str(party.get_kind_display()),
                    "address": party.address,
                    "grid": party.grid.code,
                    "state": state,
                    "state_label": labels[state],
                    "colour": STATE_COLOURS[state],
                    "depth_m": party.depth_m,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def masked_contact(party):
    """(person, phone) as lists show them: 张*, 138****5678."""
    return mask_name(party.contact_person), mask_phone(party.contact_phone)


def party_cases(party):
    """The cases reported on the party's frontage (its history of violations), newest first."""
    return (
        Case.objects.filter(frontage_link__party=party)
        .select_related("minor_class__major", "grid", "current_unit")
        .order_by("-reported_at", "-pk")
    )


def party_of_case(case):
    """The party responsible for where ``case`` lies, or None."""
    link = CaseParty.objects.filter(case_id=case.pk).select_related("party").first()
    return link.party if link else None


def ineligible_parties(jurisdiction, year):
    """The parties not eligible for the awards of ``year`` (three failed inspections in a row),
    with those an administrator reinstated marked by their override; by party name."""
    return (
        Ineligibility.objects.filter(party__jurisdiction=jurisdiction, year=year)
        .select_related("party__grid", "override__by")
        .prefetch_related("inspections")
        .order_by("party__name", "pk")
    )


def agreements_of(party):
    return (
        party.agreements.select_related("signing_unit")
        .prefetch_related("events")
        .order_by("-starts_on", "-pk")
    )


def renewal_reminders(jurisdiction, unit=None):
    """The renewal reminders written by the daily job for agreements still in force, nearest end
    first; ``unit`` limits them to the agreements that unit signed."""
    reminders = AgreementEvent.objects.filter(
        type=EVENT_REMINDED, agreement__jurisdiction=jurisdiction, agreement__state=AgreementState.SIGNED
    ).select_related("agreement__party", "agreement__signing_unit")
    if unit is not None:
        reminders = reminders.filter(agreement__signing_unit=unit)
    return reminders.order_by("agreement__ends_on", "pk")
