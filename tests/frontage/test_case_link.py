"""A case reported on a party's frontage is linked to the party, in the report's transaction."""

import io

from django.core.management import call_command

from gridcity.frontage.models import CaseParty
from gridcity.frontage.parties import save_party
from gridcity.frontage.selectors import party_cases, party_of_case

from .conftest import ZONE_01, line_near


def test_a_case_reported_on_the_frontage_is_linked_to_the_party(make_party, reported):
    shop = make_party("惠民超市")
    case = reported()  # at ZONE_01, on the shop's building line
    assert party_of_case(case) == shop
    assert CaseParty.objects.get(case=case).distance_m == 0
    assert list(party_cases(shop)) == [case]


def test_a_case_away_from_every_frontage_has_no_party(make_party, reported):
    make_party("惠民超市", frontage=line_near(*ZONE_01, north_m=60))
    case = reported()
    assert party_of_case(case) is None
    assert not CaseParty.objects.exists()


def test_the_party_history_lists_its_cases_newest_first(make_party, reported):
    from datetime import timedelta

    from django.utils import timezone

    shop = make_party("惠民超市")
    older = reported(at=timezone.now() - timedelta(days=3))
    newer = reported(at=timezone.now() - timedelta(days=1))
    reported(lon=ZONE_01[0] + 0.002)  # 180 m east: someone else's problem
    assert list(party_cases(shop)) == [newer, older]


def test_relinking_links_cases_reported_before_the_frontage_was_drawn(make_party, reported):
    early = reported()  # nobody's frontage yet
    assert party_of_case(early) is None
    shop = make_party("惠民超市")
    out = io.StringIO()
    call_command("link_case_parties", "--jurisdiction", "371327", "--dry-run", stdout=out)
    assert "would link 1 case(s) newly" in out.getvalue() and party_of_case(early) is None
    call_command("link_case_parties", "--jurisdiction", "371327", stdout=out)
    assert party_of_case(early) == shop
    # The frontage is redrawn elsewhere: the link goes.
    shop.frontage = line_near(*ZONE_01, north_m=80)
    save_party(shop)
    out = io.StringIO()
    call_command("link_case_parties", stdout=out)
    assert "1 no longer on a frontage" in out.getvalue()
    assert party_of_case(early) is None


def test_relinking_twice_changes_nothing(make_party, reported):
    reported()
    make_party("惠民超市")
    call_command("link_case_parties", stdout=io.StringIO())
    out = io.StringIO()
    call_command("link_case_parties", stdout=out)
    assert "linked 0 case(s) newly, 0 to another party, 0 no longer" in out.getvalue()
