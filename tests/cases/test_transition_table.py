"""Every (state, action, person) cell: allowed exactly when TRANSITIONS says so.

Each person below holds one role and is inside or outside the case's unit and zone; the
expectation is read from the table, and the real workflow function is called.
"""

import pytest

from gridcity.cases import workflow
from gridcity.cases.models import PendingRequest, State
from gridcity.cases.workflow import REPORTER, SYSTEM, TRANSITIONS, UNIT, ZONE

from .conftest import photo

# person: (username in the demo county, in the case's unit, in the case's zone, reported the case)
PERSONS = {
    "collector01": ("collector01", False, True, True),
    "collector02": ("collector02", False, False, False),
    "acceptor": ("acceptor", False, False, False),
    "shiftleader": ("shiftleader", False, False, False),
    "dispatcher": ("dispatcher", False, False, False),
    "handler": ("handler", True, False, False),
    "unitleader": ("unitleader", True, False, False),
    "other_handler": ("handler-environment", False, False, False),
    "leader01": ("leader01", False, False, False),
    "evaluator": ("evaluator", False, False, False),
    "inspector": ("inspector", False, False, False),
}

# Where to take a case before trying an action: (state, pending request).
SITUATIONS = [
    (State.REPORTED, ""),
    (State.VERIFYING, ""),
    (State.FILED, ""),
    (State.DISPATCHED, ""),
    (State.DISPATCHED, PendingRequest.RETURN),
    (State.IN_DISPOSAL, ""),
    (State.IN_DISPOSAL, PendingRequest.RETURN),
    (State.IN_DISPOSAL, PendingRequest.EXTENSION),
    (State.IN_DISPOSAL, PendingRequest.SUSPENSION),
    (State.SUSPENDED, ""),
    (State.CHECKING, ""),
    (State.CHECKED, ""),
    (State.CLOSED, ""),
    (State.DECLINED, ""),
    (State.VOIDED, ""),
]


def expected(action, state, pending, person, people):
    spec = TRANSITIONS[action]
    username, in_unit, in_zone, is_reporter = PERSONS[person]
    if state not in spec.sources:
        return False
    if spec.pending is None and pending:
        return False
    if spec.pending not in (None, "any") and pending != spec.pending:
        return False
    scope_ok = {UNIT: in_unit, ZONE: in_zone, REPORTER: is_reporter}.get(spec.scope, True)
    return scope_ok and any(r != SYSTEM and people[username].has_role(r) for r in spec.roles)


def bring(case, state, pending, people, units, other):
    """Take a fresh collector01 report in zone 01 to ``state`` with ``pending``."""
    w, p = workflow, people
    handler = p["handler"]
    if state == State.VERIFYING:
        w.request_verification(case, actor=p["acceptor"])
    if state == State.DECLINED:
        w.decline(case, actor=p["acceptor"], reason="不符合立案条件")
    if state == State.VOIDED:
        w.void(case, actor=p["shiftleader"], reason="无效")
    if state in (State.REPORTED, State.VERIFYING, State.DECLINED, State.VOIDED):
        return case
    w.file(case, actor=p["shiftleader"])
    if state == State.FILED:
        return case
    w.dispatch(case, unit=units["urban-management"], actor=p["dispatcher"])
    if state == State.DISPATCHED:
        if pending == PendingRequest.RETURN:
            w.request_return(case, actor=handler, reason="非本单位职责")
        return case
    w.sign(case, actor=handler)
    if state == State.IN_DISPOSAL:
        if pending == PendingRequest.RETURN:
            w.request_return(case, actor=handler, reason="非本单位职责")
        if pending == PendingRequest.EXTENSION:
            w.request_extension(case, actor=handler, amount=1, reason="需协调")
        if pending == PendingRequest.SUSPENSION:
            w.request_suspension(case, actor=handler, reason="需列入计划")
        return case
    if state == State.SUSPENDED:
        w.request_suspension(case, actor=handler, reason="需列入计划")
        w.approve_suspension(case, actor=p["dispatcher"])
        return case
    w.feedback(case, actor=handler, note="已处置", photos=[photo()])
    if state == State.CHECKING:
        return case
    w.pass_check(case, actor=p["collector01"])
    if state == State.CHECKED:
        return case
    w.close(case, actor=p["shiftleader"])
    return case


def call(action, case, actor, units, other):
    f = getattr(workflow, action)
    arguments = {
        "verify": {"confirmed": True},
        "decline": {"reason": "不符合"},
        "void": {"reason": "无效"},
        "merge": {"into": other},
        "dispatch": {"unit": units["urban-management"]},
        "request_return": {"reason": "非本单位"},
        "refuse_return": {"reason": "属于本单位"},
        "request_extension": {"amount": 1, "reason": "需协调"},
        "refuse_extension": {"reason": "不同意"},
        "request_suspension": {"reason": "需计划"},
        "refuse_suspension": {"reason": "不同意"},
        "feedback": {"note": "已处置", "photos": [photo()]},
        "fail_check": {"note": "仍有问题"},
        "self_dispose": {"note": "已处理", "photos": [photo()]},
        "reopen": {"reason": "市民投诉"},
        "record_callback": {"result": "solved", "satisfaction": 2},
    }.get(action, {})
    f(case, actor=actor, **arguments)


ACTIONS = [name for name in TRANSITIONS if name != "report"]


@pytest.mark.parametrize(
    ("state", "pending"), SITUATIONS, ids=[f"{s}{'+' + p if p else ''}" for s, p in SITUATIONS]
)
def test_every_action_and_person_in_this_situation(state, pending, people, units, reported):
    other = reported()
    base = bring(reported(), state, pending, people, units, other)
    cells, mismatches = 0, []
    for action in ACTIONS:
        for person, (username, *_flags) in PERSONS.items():
            allowed = expected(action, state, pending, person, people)
            # A refused action writes nothing, so one case serves every refusal; an allowed one
            # gets a fresh case in the same situation.
            case = bring(reported(), state, pending, people, units, other) if allowed else base
            try:
                call(action, case, people[username], units, other)
                outcome = True
            except workflow.NotAllowed:
                outcome = False
            cells += 1
            if outcome != allowed:
                mismatches.append((action, person, allowed, outcome))
    assert mismatches == []
    assert cells == len(ACTIONS) * len(PERSONS)
    base.refresh_from_db()
    assert (base.state, base.pending_request) == (state, pending)


def test_allowed_actions_lists_the_buttons_a_person_sees(people, units, reported, cycle):
    case = reported()
    cycle["sign"](case)
    assert workflow.allowed_actions(case, people["handler"]) == [
        "request_return",
        "request_extension",
        "request_suspension",
        "feedback",
    ]
    assert workflow.allowed_actions(case, people["dispatcher"]) == ["urge"]
    assert workflow.allowed_actions(case, people["handler-environment"]) == []
