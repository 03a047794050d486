"""Inspection, order days and evaluation in a real browser on the demo county: a figure leads to
exactly the cases it counts; the published quarter, a unit's daily trend, a month's inspection and
an order day render in Chinese. Screenshots go to docs/screenshots/evaluation-*.png,
inspection-month.png and order-day.png."""

import pytest
from django.utils import timezone

from gridcity.demo.county import load_demo
from gridcity.evaluation.periods import Period, PeriodKind
from gridcity.frontage.lookup import forget_index
from gridcity.inspection.models import MonthlyInspection
from gridcity.orderday.models import OrderDay
from gridcity.org.models import Unit

from ..conftest import ensure_standard_catalog
from .conftest import log_in, screenshot, settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    ensure_standard_catalog()
    forget_index()
    jurisdiction, _accounts = load_demo(cases=True)
    yield jurisdiction
    forget_index()


def test_the_evaluator_follows_a_figure_to_its_cases_and_reads_the_quarter(live_server, open_page, demo):
    page = open_page("desk")
    log_in(page, live_server, "evaluator")
    quarter = Period.containing(PeriodKind.QUARTER, timezone.localdate()).previous()
    bureau = Unit.objects.get(jurisdiction=demo, code="urban-management")

    page.goto(f"{live_server.url}/evaluation/?period={quarter.slug}&kind=unit")
    link = page.locator(f'a[href$="/{quarter.slug}/unit/{bureau.pk}/disposed/"]')
    counted = int(link.inner_text())
    assert counted > 0
    settle(page)
    screenshot(page, "evaluation-figures")
    link.click()
    page.wait_for_selector("#cases-behind")
    assert int(page.locator("#figure-value").inner_text()) == counted
    assert page.locator("#cases-behind tr.case-line").count() == counted
    assert "处置" in page.locator("#cases-behind").inner_text()

    page.goto(f"{live_server.url}/evaluation/evaluations/{quarter.slug}/")
    assert "已发布" in page.content() and bureau.name in page.content()
    settle(page)
    screenshot(page, "evaluation-quarter")

    page.goto(f"{live_server.url}/evaluation/units/{bureau.pk}/daily/?days=60")
    assert page.locator("svg").count() >= 1
    settle(page)
    screenshot(page, "evaluation-daily")

    inspection = MonthlyInspection.objects.filter(jurisdiction=demo).order_by("-month").first()
    page.goto(f"{live_server.url}/inspection/{inspection.month:%Y-%m}/")
    assert str(inspection.seed) in page.content()
    settle(page)
    screenshot(page, "inspection-month")

    day = OrderDay.objects.filter(jurisdiction=demo).order_by("-date").first()
    page.goto(f"{live_server.url}/order-days/{day.pk}/")
    settle(page)
    screenshot(page, "order-day")
