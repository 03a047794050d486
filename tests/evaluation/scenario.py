"""A case log written row by row, for figures computed by hand.

The indicators read nothing but cases and their events, so these tests write exactly the events
the workflow would (gridcity.cases.workflow._record: the unit holding the case, the deadline of
the stage the event ends) and state each one in the test, where the arithmetic can be checked.
tests/evaluation/test_indicators_workflow.py checks that the workflow itself writes them so.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from gridcity.cases.models import Case, Event
from gridcity.catalog.models import MinorClass
from gridcity.grids.models import Grid
from gridcity.org.models import Unit, User

SHANGHAI = ZoneInfo("Asia/Shanghai")


def t(text, year=2026):
    """'07-02 10:00' → 2026-07-02 10:00 in Asia/Shanghai."""
    return datetime.strptime(f"{year}-{text}", "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


class Log:
    def __init__(self, jurisdiction):
        self.jurisdiction = jurisdiction
        self.minor_class = MinorClass.objects.order_by("pk").first()
        self.serial = 0

    def grid(self, code_suffix):
        return Grid.objects.get(jurisdiction=self.jurisdiction, code__endswith=code_suffix)

    def unit(self, code):
        return Unit.objects.get(jurisdiction=self.jurisdiction, code=code)

    def person(self, username):
        return User.objects.get(username=username)

    def case(self, grid, reported_at, *, source="collector", reporter=None, state="reported"):
        self.serial += 1
        return Case.objects.create(
            jurisdiction=self.jurisdiction,
            number=f"T{self.serial:05d}",
            source=source,
            minor_class=self.minor_class,
            description="测试",
            lon=118.83,
            lat=35.17,
            grid=grid,
            zone_id=grid.zone_id,
            reporter=reporter,
            reported_at=reported_at,
            state=state,
        )

    def event(self, case, type, at, *, unit=None, due=None, actor=None, role="", from_state="", to_state=""):
        return Event.objects.create(
            case=case,
            type=f"case.{type}",
            at=at,
            actor=actor,
            actor_role=role,
            unit=unit,
            due_at=due,
            from_state=from_state,
            to_state=to_state or from_state,
        )

    def reported(self, grid, at, *, source="collector", reporter=None):
        case = self.case(grid, at, source=source, reporter=reporter)
        self.event(
            case, "reported", at, actor=reporter, role="collector" if reporter else "", to_state="reported"
        )
        return case
