"""The daily job: renewal reminders before the end of the term, once; expiry after it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from gridcity.frontage import agreements
from gridcity.frontage.models import Agreement, AgreementEvent, AgreementState
from gridcity.frontage.selectors import renewal_reminders

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def signed(make_party, people):
    """An agreement in force for 2026."""
    party = make_party("惠民超市")
    agreement = agreements.draft_agreement(
        party,
        actor=people["evaluator"],
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        at=datetime(2025, 12, 20, tzinfo=SHANGHAI),
    )
    agreements.sign(agreement, actor=people["evaluator"], at=datetime(2025, 12, 22, tzinfo=SHANGHAI))
    return agreement


def reminders(agreement):
    return AgreementEvent.objects.filter(agreement=agreement, type="agreement.renewal_reminded").count()


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("agreement_renewals", *args, stdout=out)
    return out.getvalue()


def test_no_reminder_before_thirty_days_to_the_end(signed):
    with time_machine.travel(datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI)):
        run()
    assert reminders(signed) == 0


def test_a_reminder_thirty_days_before_the_end_and_only_once(signed, demo_county):
    with time_machine.travel(datetime(2026, 12, 1, 6, 10, tzinfo=SHANGHAI)):
        assert "remind 1 and expire 0" in run()
        assert "remind 0 and expire 0" in run()  # the next run, or a second worker
    assert reminders(signed) == 1
    (reminder,) = renewal_reminders(demo_county)
    assert reminder.agreement == signed and reminder.data["days_left"] == 30
    assert list(renewal_reminders(demo_county, unit=signed.signing_unit)) == [reminder]
    signed.refresh_from_db()
    assert signed.state == AgreementState.SIGNED


def test_a_renewed_agreement_is_not_reminded(signed, people):
    agreements.renew(signed, actor=people["evaluator"])
    with time_machine.travel(datetime(2026, 12, 15, tzinfo=SHANGHAI)):
        assert "remind 0" in run()


def test_the_agreement_expires_the_day_after_its_term(signed):
    with time_machine.travel(datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI)):
        run()
    signed.refresh_from_db()
    assert signed.state == AgreementState.SIGNED  # its last day is still in force
    with time_machine.travel(datetime(2027, 1, 1, 6, 10, tzinfo=SHANGHAI)):
        assert "expire 1" in run()
        assert "expire 0" in run()
    signed.refresh_from_db()
    assert signed.state == AgreementState.EXPIRED
    event = AgreementEvent.objects.get(agreement=signed, type="agreement.expired")
    assert (event.from_state, event.to_state, event.actor) == ("signed", "expired", None)


def test_a_dry_run_lists_what_it_would_do_and_writes_nothing(signed):
    with time_machine.travel(datetime(2027, 1, 2, tzinfo=SHANGHAI)):
        output = run("--dry-run")
    assert "would remind 0 and expire 1" in output and signed.number in output
    assert Agreement.objects.get(pk=signed.pk).state == AgreementState.SIGNED
    assert not AgreementEvent.objects.filter(agreement=signed, type="agreement.expired").exists()


def test_the_job_is_in_the_checked_in_crontab(settings):
    from gridcity.runtime.crontab import read_crontab

    assert any(job.arguments[0] == "agreement_renewals" for job in read_crontab(settings.CRONTAB_PATH))
