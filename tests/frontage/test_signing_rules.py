"""Who signs with whom (细则 §四, R3–R4): the signing table's suggestion per kind of party."""

import pytest

from gridcity.frontage.agreements import draft_agreement
from gridcity.frontage.models import PartyKind, SigningRule
from gridcity.frontage.signing import suggest_signing_unit
from gridcity.org.models import Place

from .conftest import ZONE_01, ZONE_10


@pytest.mark.parametrize(
    "kind, place, at, unit",
    [
        (PartyKind.ORGAN, Place.MAIN_ROAD, ZONE_01, "civilization-office"),
        (PartyKind.ASSOCIATION, Place.MAIN_ROAD, ZONE_01, "civilization-office"),
        (PartyKind.SCHOOL, Place.MAIN_ROAD, ZONE_01, "civilization-office"),
        (PartyKind.ENTERPRISE, Place.MAIN_ROAD, ZONE_01, "civilization-office"),
        (PartyKind.CONSTRUCTION_SITE, Place.CONSTRUCTION_SITE, ZONE_01, "housing-construction"),
        (PartyKind.ENTERPRISE, Place.PROPERTY_COMPOUND, ZONE_01, "housing-administration"),
        (PartyKind.MARKET, Place.MAIN_ROAD, ZONE_01, "urban-management"),
        (PartyKind.CAR_PARK, Place.MAIN_ROAD, ZONE_01, "urban-management"),
        (PartyKind.STATION, Place.MAIN_ROAD, ZONE_01, "urban-management"),
        (PartyKind.INDIVIDUAL_BUSINESS, Place.STREET_BUSINESS, ZONE_01, "shizilu-street"),
        (PartyKind.INDIVIDUAL_BUSINESS, Place.STREET_BUSINESS, ZONE_10, "development-zone"),
        (PartyKind.VILLAGE_COMMUNITY, Place.VILLAGE_COMMUNITY, ZONE_01, "shizilu-street"),
        (PartyKind.VILLAGE_COMMUNITY, Place.VILLAGE_COMMUNITY, ZONE_10, "development-zone"),
        (PartyKind.OTHER, Place.MAIN_ROAD, ZONE_01, "urban-management"),  # the default line
    ],
)
def test_each_kind_of_party_is_signed_by_the_unit_the_rules_name(make_party, kind, place, at, unit):
    party = make_party("某单位", kind=kind, place=place, at=at)
    suggestion = suggest_signing_unit(party)
    assert suggestion.unit.code == unit
    assert suggestion.reason  # shown next to the suggestion


def test_the_draft_takes_the_suggestion_and_another_unit_may_be_chosen(make_party, units):
    party = make_party("莒南县财政局", kind=PartyKind.ORGAN, place=Place.MAIN_ROAD)
    assert draft_agreement(party, actor=None).signing_unit == units["civilization-office"]
    chosen = draft_agreement(party, actor=None, signing_unit=units["urban-management"])
    assert chosen.signing_unit == units["urban-management"]


def test_the_table_is_data_an_edited_rule_changes_the_suggestion(make_party, units, register):
    party = make_party("城东农贸市场", kind=PartyKind.MARKET, place=Place.MAIN_ROAD)
    rule = SigningRule.objects.get(jurisdiction=register, party_kind=PartyKind.MARKET)
    rule.unit = units["industry-commerce"]
    rule.save()
    assert suggest_signing_unit(party).unit == units["industry-commerce"]


def test_without_any_rule_there_is_no_suggestion_and_a_draft_asks_for_the_unit(make_party, register):
    party = make_party("惠民超市")
    SigningRule.objects.filter(jurisdiction=register).delete()
    assert suggest_signing_unit(party) is None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        draft_agreement(party, actor=None)
