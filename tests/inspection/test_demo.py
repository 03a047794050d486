"""The demo's inspections: three past months opened, filled and closed; loading again adds nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

from gridcity.inspection.demo import load_demo_inspections
from gridcity.inspection.models import Finding, MonthlyInspection, UnitIneligibility

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_demo_fills_three_past_months_once(demo_county):
    assert load_demo_inspections(demo_county, at=NOW) == 3
    months = list(MonthlyInspection.objects.order_by("month"))
    assert [m.key for m in months] == ["2026-08", "2026-09", "2026-10"]
    assert all(m.state == "closed" and m.sheets.count() == 11 for m in months)
    assert Finding.objects.filter(case__isnull=False).count() == 1
    # The street office failed the three months in a row: not eligible for 2026.
    assert UnitIneligibility.objects.get().unit.code == "shizilu-street"
    assert load_demo_inspections(demo_county, at=NOW) == 0
    assert MonthlyInspection.objects.count() == 3
