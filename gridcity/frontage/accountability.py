"""Accountability: a case that lies on a party's frontage is linked to that party (CaseParty).

A reported case is linked in the report's own transaction (a receiver of
``cases.workflow.case_event_recorded``), so the case and its link commit together.
``relink_cases`` (manage.py link_case_parties) links the cases reported before a frontage was
drawn, or moves links after frontages changed; it writes only what differs.
"""

import math

import shapely
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from gridcity.cases.models import Case
from gridcity.cases.workflow import TRANSITIONS, case_event_recorded

from .lookup import party_near, tolerance_m
from .models import CaseParty

REPORTED = TRANSITIONS["report"].event_type("report")


def link_case(case, now=None):
    """Link ``case`` to the party whose frontage it lies on; returns the CaseParty or None."""
    found = party_near(case.lon, case.lat, case.jurisdiction_id)
    if found is None:
        return None
    party, distance = found
    link, _created = CaseParty.objects.update_or_create(
        case_id=case.pk,
        defaults={
            "party_id": party.party_id,
            "distance_m": round(distance, 2),
            "linked_at": now or timezone.now(),
        },
    )
    return link


@receiver(case_event_recorded, dispatch_uid="frontage-link-reported-case")
def _on_case_event(sender, case, event, **kwargs):
    if event.type == REPORTED:
        link_case(case, now=event.at)


def relink_cases(jurisdiction=None, dry_run=False, now=None, cases=None):
    """Bring every case's link (or those of ``cases``) up to date with the frontages as they are now.

    Returns (linked, moved, unlinked): the numbers of cases newly linked, linked to another
    party, and no longer on any frontage (or that would be, with ``dry_run``)."""
    now = now or timezone.now()
    cases = Case.objects.all() if cases is None else cases
    if jurisdiction is not None:
        cases = cases.filter(jurisdiction=jurisdiction)
    current = dict(CaseParty.objects.filter(case__in=cases).values_list("case_id", "party_id"))
    wanted = {}
    for pk, jurisdiction_id, lon, lat in cases.values_list("pk", "jurisdiction_id", "lon", "lat").iterator():
        found = party_near(lon, lat, jurisdiction_id)
        if found is not None:
            wanted[pk] = (found[0].party_id, round(found[1], 2))
    new = [pk for pk in wanted if pk not in current]
    moved = [pk for pk in wanted if pk in current and current[pk] != wanted[pk][0]]
    gone = [pk for pk in current if pk not in wanted]
    if not dry_run:
        with transaction.atomic():
            CaseParty.objects.filter(case_id__in=gone + moved).delete()
            CaseParty.objects.bulk_create(
                [
                    CaseParty(case_id=pk, party_id=wanted[pk][0], distance_m=wanted[pk][1], linked_at=now)
                    for pk in new + moved
                ]
            )
    return len(new), len(moved), len(gone)


def relink_around(party, now=None):
    """Relink the cases a new frontage of ``party`` may now cover, and those linked to it so far
    (a frontage moved away leaves them): the cases inside the frontage's bounds widened by its
    depth and the tolerance, so a drawing shows the party's history at once."""
    nearby = Case.objects.filter(pk__in=CaseParty.objects.filter(party=party).values("case_id"))
    if party.frontage:
        west, south, east, north = shapely.geometry.shape(party.frontage).bounds
        margin_m = (party.depth_m or 0) + tolerance_m() + 1
        d_lat = margin_m / 111_320
        d_lon = margin_m / (111_320 * max(math.cos(math.radians((south + north) / 2)), 0.01))
        nearby = nearby | Case.objects.filter(
            jurisdiction_id=party.jurisdiction_id,
            lon__range=(west - d_lon, east + d_lon),
            lat__range=(south - d_lat, north + d_lat),
        )
    return relink_cases(now=now, cases=nearby)
