"""The party page's actions: each allowed one done and answered with a redirect, a refused one 403
with the reason, bad input 400 with the form as typed and nothing written; never a 500."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

from datetime import date, timedelta

import pytest
import time_machine

from gridcity.frontage import agreements, inspections
from gridcity.frontage.models import (
    Agreement,
    AgreementEvent,
    AgreementState,
    EligibilityOverride,
    Inspection,
)
from gridcity.frontage.standards import checklist
from tests.frontage.conftest import _fresh_index, make_party, register  # noqa: F401

from ..cases.conftest import local

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(local(2026, 6, 15, 10, 0), tick=False):
        yield


@pytest.fixture
def party(make_party):
    return make_party(name="惠民超市")


@pytest.fixture
def draft(party, people, units):
    return agreements.draft_agreement(
        party, actor=people["evaluator"], signing_unit=units["urban-management"], starts_on=date(2026, 6, 1)
    )


def post(client, person, party, action, data):
    client.force_login(person)
    return client.post(f"/frontage/parties/{party.pk}/{action}/", data)


def sign_data(agreement, **changes):
    return {
        "agreement": agreement.number,
        "signed_on": "2026-06-10",
        "party_signatory": "王伟",
        "unit_signatory": "李强",
        **changes,
    }


def test_the_signing_unit_signs(client, people, draft):
    response = post(client, people["handler"], draft.party, "sign", sign_data(draft))
    assert response.status_code == 303
    assert response["Location"] == f"/frontage/parties/{draft.party.pk}/"
    draft.refresh_from_db()
    assert draft.state == AgreementState.SIGNED
    assert draft.signed_on == date(2026, 6, 10)
    assert (draft.party_signatory, draft.unit_signatory) == ("王伟", "李强")
    page = client.get(response["Location"]).content.decode()
    assert "已签订" in page  # the message and the new state


def test_a_dispatcher_may_not_sign(client, people, draft):
    response = post(client, people["dispatcher"], draft.party, "sign", sign_data(draft))
    assert response.status_code == 403
    assert "不能" in response.content.decode() or "需要" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == AgreementState.DRAFT


@pytest.mark.parametrize(
    "changes, complaint",
    [({"signed_on": "2026-02-30"}, "signed_on"), ({"party_signatory": ""}, "party_signatory")],
)
def test_a_wrong_date_or_a_missing_name_is_400_and_nothing_is_signed(
    client, people, draft, changes, complaint
):
    response = post(client, people["handler"], draft.party, "sign", sign_data(draft, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_sign_{draft.number}_{complaint}"' in html
    assert "李强" in html  # what was typed stays
    draft.refresh_from_db()
    assert draft.state == AgreementState.DRAFT
    assert AgreementEvent.objects.filter(agreement=draft).count() == 1


def test_terminate_needs_a_reason(client, people, draft):
    response = post(
        client, people["evaluator"], draft.party, "terminate", {"agreement": draft.number, "reason": " "}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.state == AgreementState.DRAFT
    response = post(
        client,
        people["evaluator"],
        draft.party,
        "terminate",
        {"agreement": draft.number, "reason": "店铺关闭"},
    )
    assert response.status_code == 303
    draft.refresh_from_db()
    assert draft.state == AgreementState.TERMINATED
    assert draft.events.last().note == "店铺关闭"


def test_an_unknown_agreement_or_action_is_404(client, people, draft, make_party):
    other = agreements.draft_agreement(make_party(name="别家"), actor=people["evaluator"])
    assert post(client, people["evaluator"], draft.party, "sign", sign_data(other)).status_code == 404
    assert (
        post(
            client, people["evaluator"], draft.party, "sign", {**sign_data(draft), "agreement": "nope"}
        ).status_code
        == 404
    )
    assert post(client, people["evaluator"], draft.party, "explode", {}).status_code == 404
    assert client.get(f"/frontage/parties/{draft.party.pk}/sign/").status_code == 405
    assert Agreement.objects.get(pk=other.pk).state == AgreementState.DRAFT


def test_drafting_with_the_suggested_unit_and_the_default_term(client, people, party, units):
    data = {"signing_unit": units["urban-management"].pk, "starts_on": "2026-07-01", "ends_on": ""}
    response = post(client, people["evaluator"], party, "draft", data)
    assert response.status_code == 303
    agreement = Agreement.objects.get(party=party)
    assert agreement.state == AgreementState.DRAFT
    assert (agreement.starts_on, agreement.ends_on) == (date(2026, 7, 1), date(2027, 6, 30))


def test_drafting_refused_to_another_unit_and_for_a_term_in_the_wrong_order(client, people, party, units):
    data = {"signing_unit": units["urban-management"].pk, "starts_on": "2026-07-01"}
    assert post(client, people["handler-environment"], party, "draft", data).status_code == 403
    data["ends_on"] = "2026-01-01"
    response = post(client, people["evaluator"], party, "draft", data)
    assert response.status_code == 400
    assert "2026-01-01" in response.content.decode()
    assert not Agreement.objects.filter(party=party).exists()


def test_renewing_an_agreement_that_ends_soon(client, people, draft):
    agreements.sign(draft, actor=people["evaluator"], signed_on=date(2026, 6, 1))
    Agreement.objects.filter(pk=draft.pk).update(ends_on=TODAY + timedelta(days=10))
    response = post(client, people["handler"], draft.party, "renew", {"agreement": draft.number})
    assert response.status_code == 303
    renewal = Agreement.objects.get(renews=draft)
    assert renewal.starts_on == TODAY + timedelta(days=11)
    assert renewal.signing_unit_id == draft.signing_unit_id
    # A second renewal is refused with the reason, nothing written.
    response = post(client, people["handler"], draft.party, "renew", {"agreement": draft.number})
    assert response.status_code == 400
    assert Agreement.objects.filter(renews=draft).count() == 1


def test_a_draft_is_not_renewed(client, people, draft):
    assert (
        post(client, people["evaluator"], draft.party, "renew", {"agreement": draft.number}).status_code
        == 400
    )
    assert not Agreement.objects.filter(renews=draft).exists()


def inspect_data(party, passed=True, **changes):
    data = {"inspected_on": "2026-06-14", "note": ""}
    for item in checklist(party.jurisdiction, party.kind):
        data[f"item_{item.number}"] = "passed" if passed else "failed"
    return {**data, **changes}


def test_an_inspector_records_an_inspection(client, people, party):
    response = post(client, people["inspector"], party, "inspect", inspect_data(party))
    assert response.status_code == 303
    inspection = Inspection.objects.get(party=party)
    assert inspection.passed and inspection.score == 100


def test_an_inspection_with_an_item_missing_or_in_the_future_is_400(client, people, party):
    data = inspect_data(party)
    del data["item_2"]
    assert post(client, people["inspector"], party, "inspect", data).status_code == 400
    response = post(
        client, people["inspector"], party, "inspect", inspect_data(party, inspected_on="2026-07-01")
    )
    assert response.status_code == 400
    assert "检查日期晚于今天。" in response.content.decode()
    assert not Inspection.objects.exists()


def test_a_unit_may_not_inspect(client, people, party):
    assert post(client, people["handler"], party, "inspect", inspect_data(party)).status_code == 403
    assert not Inspection.objects.exists()


@pytest.fixture
def ineligible(party, people):
    items = checklist(party.jurisdiction, party.kind)
    for day in (1, 2, 3):
        inspections.record_inspection(
            party,
            inspector=people["inspector"],
            inspected_on=date(2026, 6, day),
            results={i.number: False for i in items},
        )
    return party


def test_the_administrator_lifts_an_ineligibility_with_a_reason(client, people, ineligible):
    assert post(client, people["admin"], ineligible, "lift", {"year": 2026, "reason": ""}).status_code == 400
    assert not EligibilityOverride.objects.exists()
    response = post(client, people["admin"], ineligible, "lift", {"year": 2026, "reason": "已整改到位"})
    assert response.status_code == 303
    assert inspections.is_eligible(ineligible, 2026)


def test_nobody_else_lifts_it(client, people, ineligible):
    assert (
        post(client, people["evaluator"], ineligible, "lift", {"year": 2026, "reason": "x"}).status_code
        == 403
    )
    assert not inspections.is_eligible(ineligible, 2026)


def test_lifting_a_year_without_ineligibility_is_404(client, people, ineligible):
    assert post(client, people["admin"], ineligible, "lift", {"year": 2025, "reason": "x"}).status_code == 404
