"""draft → signed → expired or terminated: one function per transition, one event row each."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gridcity.frontage import agreements
from gridcity.frontage.agreements import NotAllowed, allowed_actions
from gridcity.frontage.models import AgreementEvent, AgreementState
from gridcity.org.roles import Role

from ..conftest import make_person


@pytest.fixture
def draft(make_party, people):
    party = make_party("惠民超市")
    return agreements.draft_agreement(
        party, actor=people["evaluator"], starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )


def events(agreement):
    return list(
        AgreementEvent.objects.filter(agreement=agreement).values_list("type", "from_state", "to_state")
    )


def test_a_draft_carries_the_standards_of_its_kind_and_a_number(draft):
    assert draft.state == AgreementState.DRAFT
    assert draft.number.startswith("MQSB-371327-2026-")
    assert any("店外经营" in standard["text"] for standard in draft.standards)
    assert events(draft) == [("agreement.drafted", "", "draft")]


def test_signing_the_draft_puts_it_in_force_with_one_event(draft, people):
    agreements.sign(
        draft, actor=people["handler-shizilu-street"], party_signatory="王伟", unit_signatory="李明"
    )
    draft.refresh_from_db()
    assert draft.state == AgreementState.SIGNED and draft.party_signatory == "王伟"
    assert events(draft)[-1] == ("agreement.signed", "draft", "signed")
    assert len(events(draft)) == 2


def test_a_signed_agreement_is_terminated_with_a_reason(draft, people):
    agreements.sign(draft, actor=people["evaluator"])
    with pytest.raises(ValidationError):
        agreements.terminate(draft, actor=people["evaluator"], reason=" ")
    agreements.terminate(draft, actor=people["evaluator"], reason="经营户已停业")
    assert draft.state == AgreementState.TERMINATED
    assert events(draft)[-1] == ("agreement.terminated", "signed", "terminated")
    assert AgreementEvent.objects.get(agreement=draft, type="agreement.terminated").note == "经营户已停业"


def test_only_the_daily_job_expires_an_agreement(draft, people):
    agreements.sign(draft, actor=people["evaluator"])
    assert "expire" not in allowed_actions(draft, people["evaluator"])
    agreements.expire(draft)
    assert draft.state == AgreementState.EXPIRED
    assert events(draft)[-1] == ("agreement.expired", "signed", "expired")


@pytest.mark.parametrize(
    "steps, refused",
    [
        ([], "expire"),  # a draft never expires: it was never in force
        (["sign"], "sign"),  # signed twice
        (["sign", "expire"], "sign"),
        (["sign", "expire"], "terminate"),
        (["terminate"], "sign"),
    ],
)
def test_transitions_the_graph_does_not_have_are_refused_and_write_nothing(draft, people, steps, refused):
    office = people["evaluator"]
    do = {
        "sign": lambda: agreements.sign(draft, actor=office),
        "expire": lambda: agreements.expire(draft),
        "terminate": lambda: agreements.terminate(draft, actor=office, reason="停业"),
    }
    for step in steps:
        do[step]()
    before = events(draft)
    with translation.override("zh-hans"), pytest.raises(NotAllowed) as error:
        do[refused]()
    assert events(draft) == before
    assert "不能" in str(error.value)


def test_a_person_of_another_unit_may_not_sign(draft, people, demo_county):
    outsider = people["handler-environment"]  # 环保局 does not sign frontage agreements
    assert allowed_actions(draft, outsider) == []
    with pytest.raises(NotAllowed):
        agreements.sign(draft, actor=outsider)
    assert draft.state == AgreementState.DRAFT
    admin = make_person(demo_county, "root2", Role.SYSTEM_ADMIN)
    assert allowed_actions(draft, admin) == ["sign", "terminate"]


def test_two_agreements_in_force_for_the_same_days_are_refused(draft, people):
    agreements.sign(draft, actor=people["evaluator"])
    second = agreements.draft_agreement(
        draft.party, actor=people["evaluator"], starts_on=date(2026, 6, 1), ends_on=date(2027, 5, 31)
    )
    with pytest.raises(ValidationError) as error:
        agreements.sign(second, actor=people["evaluator"])
    assert draft.number in error.value.messages[0]
    second.refresh_from_db()
    assert second.state == AgreementState.DRAFT and len(events(second)) == 1


def test_a_renewal_starts_the_day_after_the_term(draft, people):
    agreements.sign(draft, actor=people["evaluator"])
    renewal = agreements.renew(draft, actor=people["evaluator"])
    assert (renewal.starts_on, renewal.ends_on) == (date(2027, 1, 1), date(2027, 12, 31))
    assert renewal.renews == draft and renewal.signing_unit == draft.signing_unit
    agreements.sign(renewal, actor=people["evaluator"], at=None, signed_on=date(2026, 12, 20))
    with pytest.raises(ValidationError):
        agreements.renew(draft, actor=people["evaluator"])


def test_a_term_that_ends_before_it_starts_is_refused(make_party, people):
    party = make_party("惠民超市")
    with pytest.raises(ValidationError):
        agreements.draft_agreement(
            party, actor=people["evaluator"], starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30)
        )


def test_the_documented_graph_is_the_transition_table():
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "frontage.md").read_text(encoding="utf-8")
    rows = {
        name: ({s.strip() for s in sources.split(",")}, target)
        for name, sources, target in re.findall(r"^\| `(\w+)` \| ([\w, ]+) \| (\w+) \|", doc, re.M)
    }
    assert rows == {
        name: ({str(s) for s in spec.sources}, str(spec.target))
        for name, spec in agreements.TRANSITIONS.items()
    }


def test_only_those_who_may_sign_draft_or_renew(make_party, people, draft):
    party = make_party("便民药店")
    with pytest.raises(NotAllowed):
        agreements.draft_agreement(party, actor=people["collector01"])
    assert not party.agreements.exists()
    agreements.sign(draft, actor=people["evaluator"])
    with pytest.raises(NotAllowed):
        agreements.renew(draft, actor=people["collector01"])
    assert not hasattr(draft, "renewal")


def test_a_draft_cannot_be_renewed(draft, people):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        agreements.renew(draft, actor=people["evaluator"])
    assert error.value.messages == ["Only an agreement that was signed can be renewed."]
    assert len(events(draft)) == 1


def test_an_agreement_is_due_for_renewal_when_expired_or_ending_within_30_days(draft, people):
    agreements.sign(draft, actor=people["evaluator"])  # term 2026-01-01 to 2026-12-31
    assert not agreements.in_renewal_window(draft, date(2026, 11, 30))
    assert agreements.in_renewal_window(draft, date(2026, 12, 1))
    draft.state = AgreementState.EXPIRED
    assert agreements.in_renewal_window(draft, date(2027, 6, 1))
    draft.state = AgreementState.TERMINATED
    assert not agreements.in_renewal_window(draft, date(2026, 12, 31))
