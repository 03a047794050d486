"""A finding of the check becomes a case in one click; a second click is refused."""

import pytest
from django.core.exceptions import ValidationError

from gridcity.cases.models import Attachment, Case, Event, Source
from gridcity.orderday import actions
from gridcity.orderday.models import Finding

from .conftest import grid_url, photo, post_as


def test_a_finding_becomes_a_case_once(client, people, order_day, grid, garbage):
    response = post_as(
        client,
        people["inspector"],
        grid_url(order_day, "findings"),
        {"description": "商户门前堆放杂物", "photos": [photo("finding.jpg")]},
    )
    assert response.status_code == 303
    finding = Finding.objects.get()
    assert finding.photos.count() == 1

    made = client.post(f"/order-days/findings/{finding.pk}/case/", {"minor_class": garbage.pk})
    case = Case.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/cases/{case.number}/"
    assert (case.source, case.minor_class, case.grid_id) == (Source.INSPECTION, garbage, grid.pk)
    assert case.reporter is None  # an inspector does not report cases: the platform does
    assert Event.objects.get(case=case, type="case.reported").data == {"order_day_finding": finding.pk}
    assert Attachment.objects.filter(case=case).count() == 1
    finding.refresh_from_db()
    assert (finding.case, finding.case_made_by) == (case, people["inspector"])
    assert case.number in client.get(grid_url(order_day)).content.decode()

    again = client.post(f"/order-days/findings/{finding.pk}/case/", {"minor_class": garbage.pk})
    assert again.status_code == 409
    assert case.number in again.content.decode()
    assert Case.objects.count() == 1


def test_the_action_refuses_a_second_case_too(people, order_day, grid, garbage):
    finding = actions.add_finding(order_day, grid, actor=people["evaluator"], description="绿化带内有垃圾")
    case = actions.make_case(finding, actor=people["evaluator"], minor_class=garbage)
    stale = Finding.objects.get(pk=finding.pk)
    stale.case = None  # as a page loaded before the first click knows it
    with pytest.raises(ValidationError, match=case.number):
        actions.make_case(stale, actor=people["evaluator"], minor_class=garbage)
    assert Case.objects.count() == 1
