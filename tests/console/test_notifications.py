"""People are told in the console when a case enters their queue and when its deadline nears or passes."""

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gridcity.cases import workflow
from gridcity.cases.models import Source
from gridcity.console.models import Notification
from tests.cases.conftest import local, photo

NOW = local(2026, 11, 24, 10, 0)  # a Tuesday morning, in working time
NEW_TASK, NEAR, PASSED = (
    Notification.Kind.NEW_TASK,
    Notification.Kind.DEADLINE_NEAR,
    Notification.Kind.DEADLINE_PASSED,
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def told(kind=None, **filters):
    notes = Notification.objects.filter(**filters)
    if kind:
        notes = notes.filter(kind=kind)
    return sorted(notes.values_list("recipient__username", flat=True))


def test_a_dispatch_tells_the_units_handlers_and_nobody_else(people, units, reported, cycle):
    case = reported()
    cycle["file"](case)
    workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])
    assert told(NEW_TASK, case=case, state="dispatched") == ["handler", "unitleader"]
    (note,) = Notification.objects.filter(recipient=people["handler"])
    assert (note.state, note.read_at) == ("dispatched", None)


def test_signing_is_no_news_but_a_failed_check_sends_the_unit_back_to_work(people, units, reported, cycle):
    case = reported()
    cycle["file"](case)
    workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])
    workflow.sign(case, actor=people["handler"])
    assert told(NEW_TASK, case=case, state="dispatched") == ["handler", "unitleader"]
    assert told(NEW_TASK, case=case, state="in_disposal") == []  # signing is no news
    workflow.feedback(case, actor=people["handler"], note="已清理", photos=[photo()])
    assert told(NEW_TASK, case=case, state="checking") == ["collector01"]
    workflow.fail_check(case, actor=people["collector01"], note="仍有垃圾")
    assert told(NEW_TASK, case=case, state="in_disposal") == ["handler", "unitleader"]


def test_a_report_tells_the_command_center_but_not_the_reporter(people, reported):
    case = reported()
    assert told(NEW_TASK, case=case) == ["acceptor", "shiftleader"]


def test_a_request_for_more_time_tells_the_dispatcher(people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    workflow.request_extension(case, actor=people["handler"], amount=1, reason="材料未到")
    assert told(NEW_TASK, case=case, event__type="case.extension_requested") == ["dispatcher"]


def test_a_verification_request_tells_the_zones_collector(people, reported):
    case = reported(actor=people["acceptor"], source=Source.HOTLINE_12319)
    workflow.request_verification(case, actor=people["acceptor"])
    assert told(NEW_TASK, case=case, state="verifying") == ["collector01"]


def test_events_replayed_from_long_ago_tell_nobody(people, reported):
    reported(at=local(2026, 11, 2, 9, 0))
    assert not Notification.objects.exists()


def test_the_deadline_job_tells_once_when_near_and_once_when_passed(people, reported, cycle):
    case = reported()
    cycle["file"](case)  # 15 working minutes to dispatch, from 10:00

    call_command("notify_deadlines", "--at", "2026-11-24T10:05:00+08:00", verbosity=0)
    assert told(NEAR) == told(PASSED) == []  # green: a third of the time used

    for _twice in range(2):
        call_command("notify_deadlines", "--at", "2026-11-24T10:13:00+08:00", verbosity=0)
    assert told(NEAR) == ["dispatcher"]

    for _twice in range(2):
        call_command("notify_deadlines", "--at", "2026-11-24T10:20:00+08:00", verbosity=0)
    assert told(NEAR) == ["dispatcher"]
    assert told(PASSED) == ["dispatcher"]
    assert Notification.objects.get(kind=PASSED).due_at == case.stage_due_at


def test_a_dry_run_writes_nothing(capsys, reported, cycle):
    cycle["file"](reported())
    call_command("notify_deadlines", "--at", "2026-11-24T10:20:00+08:00", "--dry-run")
    assert "would write 0 deadline-near and 1 deadline-passed" in capsys.readouterr().out
    assert told(NEAR) == told(PASSED) == []


def test_the_top_bar_shows_the_unread_count_and_marking_read_clears_it(
    client, people, units, reported, cycle
):
    for _ in range(2):
        case = reported()
        cycle["file"](case)
        workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])
    client.force_login(people["handler"])
    html = client.get("/queue/unit/").content.decode()
    assert '<span class="count">2</span>' in html

    listing = client.get("/notifications/")
    assert [note.case.number for note in listing.context["notifications"]][0] == case.number  # newest first
    assert "全部标为已读" in listing.content.decode()

    response = client.post("/notifications/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    html = client.get("/notifications/").content.decode()
    assert 'class="count"' not in html
    assert "全部标为已读" not in html
    assert not Notification.objects.filter(recipient=people["handler"], read_at__isnull=True).exists()
    # The unit leader's notifications are his own, untouched.
    assert Notification.objects.filter(recipient=people["unitleader"], read_at__isnull=True).count() == 2


def test_opening_a_notification_shows_its_case_and_marks_it_read(client, people, units, reported, cycle):
    case = reported()
    cycle["file"](case)
    workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])
    mine = Notification.objects.get(recipient=people["handler"])
    theirs = Notification.objects.get(recipient=people["unitleader"])
    client.force_login(people["handler"])

    response = client.get(f"/notifications/?open={mine.pk}")
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.number}/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(f"/notifications/?open={theirs.pk}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_notifications_page_costs_the_same_for_2_and_12(client, people, units, reported, cycle):
    def make(n):
        for _ in range(n):
            case = reported()
            cycle["file"](case)
            workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"])

    client.force_login(people["handler"])
    counts = []
    for n in (2, 10):
        make(n)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/notifications/")
        counts.append((len(captured), len(response.context["notifications"])))
    assert [shown for _queries, shown in counts] == [2, 12]
    assert counts[0][0] == counts[1][0] <= 7
