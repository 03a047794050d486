"""The demo's last two order days, filled for six zones; loading again changes nothing."""

from gridcity.orderday.demo import load_demo_order_days
from gridcity.orderday.models import Finding, GridRecord, OrderDay, Photo

from .conftest import local


def test_the_demo_fills_two_days_once(demo_county):
    days = load_demo_order_days(demo_county, at=local(2026, 6, 10, 9, 0))
    assert [day.date.isoformat() for day in days] == ["2026-04-15", "2026-05-15"]
    counts = (GridRecord.objects.count(), Finding.objects.count(), Photo.objects.count())
    assert counts[0] == 2 * 18
    assert GridRecord.objects.filter(check_recorded_at__isnull=False).exists()
    load_demo_order_days(demo_county, at=local(2026, 6, 10, 9, 0))
    assert OrderDay.objects.count() == 2
    assert (GridRecord.objects.count(), Finding.objects.count(), Photo.objects.count()) == counts
