"""Two people acting on the same case at once: exactly one succeeds, the other is told."""

import threading

import pytest
from django.db import connections

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event, State


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_one_wins(reported, cycle, people, units):
    case = reported()
    cycle["file"](case)
    seen_version = case.version
    barrier = threading.Barrier(2)
    outcomes = []

    def act(unit_code):
        try:
            barrier.wait()
            mine = Case.objects.get(pk=case.pk)
            workflow.dispatch(mine, unit=units[unit_code], actor=people["dispatcher"], version=seen_version)
            outcomes.append("done")
        except workflow.CaseChanged as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(code,)) for code in ("urban-management", "environment")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2 and outcomes.count("done") == 1, outcomes
    (refusal,) = [outcome for outcome in outcomes if outcome != "done"]
    assert case.number in refusal
    assert Event.objects.filter(case=case, type="case.dispatched").count() == 1
    case.refresh_from_db()
    assert case.state == State.DISPATCHED and case.version == seen_version + 1


def test_a_page_left_open_while_someone_acted_is_told_the_case_changed(reported, cycle, people, units):
    case = reported()
    cycle["file"](case)
    stale = case.version
    workflow.urge(case, actor=people["leader01"])
    with pytest.raises(workflow.CaseChanged):
        workflow.dispatch(case, unit=units["urban-management"], actor=people["dispatcher"], version=stale)
    assert Case.objects.get(pk=case.pk).state == State.FILED
