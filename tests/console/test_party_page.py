"""The party page: every fact, the contact phone for those who may call, the agreements with only the
actions a person may take, the history of violations, inspections and eligibility."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from gridcity.frontage import accountability, agreements, inspections
from gridcity.frontage.signing import suggest_signing_unit
from gridcity.frontage.standards import checklist
from tests.frontage.conftest import _fresh_index, make_party, register  # noqa: F401

from ..cases.conftest import ZONE_01

PHONE = "13812345678"
MASKED = "138****5678"


@pytest.fixture
def party(make_party):
    return make_party(name="惠民超市", contact_person="王伟", contact_phone=PHONE)


@pytest.fixture
def draft(party, people, units):
    return agreements.draft_agreement(
        party, actor=people["evaluator"], signing_unit=units["urban-management"], starts_on=date(2026, 1, 1)
    )


def page(client, person, party):
    client.force_login(person)
    response = client.get(f"/frontage/parties/{party.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("username", ["evaluator", "admin", "handler"])
def test_the_office_the_administrator_and_the_signing_unit_see_the_phone(client, people, draft, username):
    html = page(client, people[username], draft.party)
    assert PHONE in html
    assert "王伟" in html


@pytest.mark.parametrize("username", ["dispatcher", "collector01", "handler-environment", "leader01"])
def test_everybody_else_sees_it_masked(client, people, draft, username):
    html = page(client, people[username], draft.party)
    assert PHONE not in html
    assert MASKED in html
    assert "王*" in html


def test_the_page_shows_the_facts_the_frontage_and_the_agreement(client, people, draft):
    html = page(client, people["dispatcher"], draft.party)
    assert "惠民超市" in html
    assert draft.party.credit_code in html
    assert '"LineString"' in html  # the frontage, for the map
    assert draft.number in html
    assert f"/frontage/agreements/{draft.number}.pdf" in html
    assert "草拟" in html.split(f'id="agreement-{draft.number}"')[1]  # its history


def test_only_the_allowed_actions_are_offered(client, people, draft):
    html = page(client, people["dispatcher"], draft.party)
    assert "/sign/" not in html and "/terminate/" not in html and "/inspect/" not in html
    html = page(client, people["handler"], draft.party)  # the signing unit
    assert f'id="action-sign-{draft.number}"' in html
    assert f'id="action-terminate-{draft.number}"' in html
    assert "/inspect/" not in html  # a unit does not inspect
    html = page(client, people["inspector"], draft.party)
    assert 'id="action-inspect"' in html
    for number in range(1, len(checklist(draft.party.jurisdiction, draft.party.kind)) + 1):
        assert f'name="item_{number}"' in html


def test_a_party_without_agreement_offers_a_draft_with_the_suggested_unit(client, people, party):
    html = page(client, people["evaluator"], party)
    assert 'id="action-draft"' in html
    suggestion = suggest_signing_unit(party)
    assert escape(suggestion.reason) in html  # why that unit
    assert "selected>" in html.split('id="id_draft_signing_unit"')[1].split("</select>")[0]


def test_a_party_of_another_jurisdiction_is_not_found(client, party):
    from gridcity.org.models import Jurisdiction
    from tests.conftest import make_person

    elsewhere = Jurisdiction.objects.create(code="371302", name="兰山区")
    outsider = make_person(elsewhere, "outsider", "evaluation_office")
    client.force_login(outsider)
    assert client.get(f"/frontage/parties/{party.pk}/").status_code == 404


def test_the_violations_link_to_their_cases(client, people, make_party, reported):
    party = make_party(name="路口便利店")
    case = reported(lon=ZONE_01[0], lat=ZONE_01[1])
    accountability.link_case(case)
    html = page(client, people["dispatcher"], party)
    assert f'href="/cases/{case.number}/"' in html
    client.force_login(people["dispatcher"])
    case_html = client.get(f"/cases/{case.number}/").content.decode()
    assert f'href="/frontage/parties/{party.pk}/"' in case_html
    assert "路口便利店" in case_html


def test_an_ineligible_party_says_so_and_since_when(client, people, party):
    items = checklist(party.jurisdiction, party.kind)
    for day in (3, 10, 17):
        inspections.record_inspection(
            party,
            inspector=people["inspector"],
            inspected_on=date(2026, 3, day),
            results={item.number: False for item in items},
        )
    html = page(client, people["dispatcher"], party)
    assert "2026-03-17" in html
    assert 'id="action-lift"' not in html
    html = page(client, people["admin"], party)
    assert 'id="action-lift"' in html


def test_the_pdf(client, people, draft):
    client.force_login(people["collector01"])
    response = client.get(f"/frontage/agreements/{draft.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert client.get("/frontage/agreements/MQSB-nothing.pdf").status_code == 404


def test_the_page_costs_the_same_with_more_history(client, people, party, draft, reported):
    items = checklist(party.jurisdiction, party.kind)
    client.force_login(people["evaluator"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/frontage/parties/{party.pk}/").status_code == 200
        return len(captured)

    few = count()
    for day in (1, 2, 3):
        inspections.record_inspection(
            party,
            inspector=people["inspector"],
            inspected_on=date(2026, 2, day),
            results={i.number: True for i in items},
        )
    for _ in range(3):
        accountability.link_case(reported())
    agreements.terminate(draft, actor=people["evaluator"], reason="搬迁")
    agreements.draft_agreement(party, actor=people["evaluator"], starts_on=date(2026, 2, 1))
    many = count()
    assert many == few, f"{few} queries, then {many}"
