"""A small real quarter for the evaluation pages: cases worked through the case workflow in
September 2026 (2026-Q3, which has ended), built once per test module and rolled back after it.

Each test still runs in its own savepoint (pytest-django's ``db``), so approving, publishing or
appealing in one test is undone before the next.

县城市管理局 (urban-management) gets five cases: three disposed on time and closed, one disposed
late and closed, one left undisposed past its deadline. 县住房和城乡建设局 (housing-construction)
gets two, disposed on time and closed: fewer than the five needed to be ranked.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import override_settings

from gridcity.cases import workflow
from gridcity.cases.models import Case, Source
from gridcity.catalog.models import MinorClass
from gridcity.evaluation.daily import score_day
from gridcity.evaluation.periods import Period
from gridcity.org.models import Unit, User
from tests.cases.conftest import ZONE_01, photo
from tests.conftest import ensure_standard_catalog

SHANGHAI = ZoneInfo("Asia/Shanghai")
QUARTER = Period.parse("2026-Q3")
MONTH = Period.parse("2026-09")


def local(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@dataclass
class Scenario:
    jurisdiction: object
    people: dict  # username -> User
    units: dict  # code -> Unit
    cases: dict  # name -> Case


def _build(jurisdiction):
    people = {user.username: user for user in User.objects.filter(jurisdiction=jurisdiction)}
    units = {unit.code: unit for unit in Unit.objects.filter(jurisdiction=jurisdiction)}
    garbage = MinorClass.objects.get(major__kind="event", major__code="01", code="02")  # 4 working hours

    def case_to(unit_code, day, *, feedback_at=None, close=True, handler="handler"):
        """A case reported at 09:00 of ``day`` and dispatched to the unit at 09:10."""
        case = workflow.report(
            jurisdiction=jurisdiction,
            source=Source.COLLECTOR,
            minor_class=garbage,
            description="路边有暴露垃圾",
            lon=ZONE_01[0],
            lat=ZONE_01[1],
            actor=people["collector01"],
            photos=[photo()],
            at=local(2026, 9, day, 9, 0),
        )
        workflow.file(case, actor=people["shiftleader"], at=local(2026, 9, day, 9, 5))
        workflow.dispatch(
            case, unit=units[unit_code], actor=people["dispatcher"], at=local(2026, 9, day, 9, 10)
        )
        workflow.sign(case, actor=people[handler], at=local(2026, 9, day, 9, 20))
        if feedback_at is None:
            return case
        workflow.feedback(case, actor=people[handler], note="已清理", photos=[photo()], at=feedback_at)
        if close:
            workflow.pass_check(case, actor=people["collector01"], at=feedback_at.replace(minute=40))
            workflow.close(case, actor=people["shiftleader"], at=feedback_at.replace(minute=50))
        return case

    cases = {}
    for number, day in enumerate((1, 2, 3), start=1):
        cases[f"on_time_{number}"] = case_to("urban-management", day, feedback_at=local(2026, 9, day, 10, 0))
    # Disposed two days after dispatch: well past its 4 working hours.
    cases["late"] = case_to("urban-management", 8, feedback_at=local(2026, 9, 10, 10, 0))
    cases["overdue"] = case_to("urban-management", 9)
    workflow.mark_breach(cases["overdue"].pk, local(2026, 9, 15, 9, 0))
    for number, day in enumerate((4, 7), start=1):
        cases[f"housing_{number}"] = case_to(
            "housing-construction",
            day,
            feedback_at=local(2026, 9, day, 11, 0),
            handler="handler-housing-construction",
        )
    for day in range(1, 31):
        score_day(jurisdiction, date(2026, 9, day), now=local(2026, 10, 1, 0, 30))
    cases = {name: Case.objects.get(pk=case.pk) for name, case in cases.items()}
    return Scenario(jurisdiction, people, units, cases)


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    """The September 2026 scenario above, shared by the tests of one module."""
    from gridcity.demo.county import load_demo

    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=str(media),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            GRID_INDEX_RECHECK_SECONDS=0,
            WORKTIME_CALENDAR_RECHECK_SECONDS=0,
        ),
        transaction.atomic(),
    ):
        ensure_standard_catalog()
        jurisdiction, _accounts = load_demo(cases=False)
        yield _build(jurisdiction)
        transaction.set_rollback(True)


@pytest.fixture
def staff(scenario, db):
    """The scenario's people by username, fresh from the database for each test."""
    return {user.username: user for user in User.objects.filter(jurisdiction=scenario.jurisdiction)}
