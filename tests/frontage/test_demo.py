"""The demo county's frontage register: parties of every kind along its streets, agreements in
every state, some unsigned, and the demo cases on their frontages linked."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from gridcity.demo.frontage import load_demo_frontage
from gridcity.frontage import party_near
from gridcity.frontage.models import (
    Agreement,
    AgreementState,
    CaseParty,
    Ineligibility,
    Party,
    PartyKind,
    Sponsorship,
)
from gridcity.frontage.selectors import coverage_total

from ..conftest import ensure_standard_catalog

NOW = datetime(2026, 6, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def snapshot():
    return {
        model._meta.label: sorted(map(repr, model.objects.order_by("pk").values_list()))
        for model in apps.get_app_config("frontage").get_models()
    }


def test_the_register_has_parties_of_every_kind_and_agreements_in_every_state(demo_county):
    count = load_demo_frontage(demo_county, now=NOW)
    assert 250 <= count <= 400
    assert set(Party.objects.values_list("kind", flat=True)) == set(PartyKind.values)
    assert set(Agreement.objects.values_list("state", flat=True)) == set(AgreementState.values)
    total = coverage_total(demo_county)
    assert 0 < total.unsigned < total.parties / 2  # most have signed, some not
    assert Ineligibility.objects.exists()  # three failed inspections in a row for a few
    assert Sponsorship.objects.count() == 33 and all(
        s.members.count() >= 2 for s in Sponsorship.objects.all()
    )
    # Every party lies on a street of its own grid, its frontage finds it again.
    for party in Party.objects.all()[:50]:
        found = party_near(party.lon, party.lat)
        assert found is not None


def test_loading_it_again_changes_nothing(demo_county):
    load_demo_frontage(demo_county, now=NOW)
    before = snapshot()
    load_demo_frontage(demo_county, now=NOW)
    assert snapshot() == before


@pytest.mark.django_db
def test_load_demo_links_the_demo_cases_that_lie_on_frontages(capsys):
    ensure_standard_catalog()
    call_command("load_demo")
    links = list(CaseParty.objects.select_related("case", "party"))
    assert len(links) >= 20
    assert all(link.distance_m <= settings.FRONTAGE_TOLERANCE_M for link in links)
    # The street-business cases are the ones shops answer for.
    assert {link.case.minor_class.code for link in links} & {"04", "07"}
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before
