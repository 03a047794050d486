"""Each role lands on its own queue and sees there the cases waiting on it, with what it needs beside each."""

import pytest
import time_machine
from django.contrib.auth.models import Group
from shapely.geometry import shape

from gridcity.cases import workflow
from gridcity.cases.models import Source
from gridcity.grids.models import Grid
from gridcity.org.models import User
from gridcity.org.roles import Role
from tests.cases.conftest import ZONE_01, local

NOW = local(2026, 11, 24, 10, 0)  # a Tuesday morning, in working time
NEAR = (ZONE_01[0], ZONE_01[1] + 0.00027)  # ~30 m north of ZONE_01
FAR = (ZONE_01[0], ZONE_01[1] + 0.00072)  # ~80 m north


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def point_in_zone(code):
    grid = Grid.objects.filter(zone__code=code).order_by("code").first()
    point = shape(grid.boundary).representative_point()
    return point.x, point.y


def page(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response


def numbers(response):
    return [row.case.number for row in response.context["rows"]]


@pytest.mark.parametrize(
    ("username", "queue"),
    [
        ("acceptor", "acceptance"),
        ("shiftleader", "acceptance"),
        ("dispatcher", "dispatch"),
        ("handler", "unit"),
        ("unitleader", "unit"),
        ("collector01", "collector"),
        ("leader01", "overview"),
        ("evaluator", "overview"),
        ("inspector", "overview"),
        ("admin", "overview"),
    ],
)
def test_each_role_lands_on_its_queue(client, people, username, queue):
    client.force_login(people[username])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/queue/{queue}/"
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    assert f"<h1>{landed.context['queue'].label}</h1>" in landed.content.decode()
    assert 'class="counts"' in landed.content.decode()


def test_a_person_without_a_role_is_refused_with_a_message(client, demo_county):
    nobody = User.objects.create_user("nobody", password="x-secret-1", jurisdiction=demo_county)
    client.force_login(nobody)
    response = client.get("/")
    assert response.status_code == 403


def test_another_roles_queue_is_refused_and_an_unknown_one_not_found(client, people):
    client.force_login(people["dispatcher"])
    assert client.get("/queue/unit/").status_code == 403
    assert client.get("/queue/nowhere/").status_code == 404


def test_a_person_with_several_roles_lands_on_the_first_and_switches_with_tabs(english, people):
    shiftleader = people["shiftleader"]
    shiftleader.groups.add(Group.objects.get(name=Role.DISPATCHER))
    english.force_login(shiftleader)
    assert english.get("/")["Location"] == "/queue/acceptance/"
    html = english.get("/queue/dispatch/").content.decode()
    assert 'href="/queue/acceptance/">Acceptance desk</a>' in html
    assert 'href="/queue/dispatch/" class="current" aria-current="page">Dispatch desk</a>' in html


def test_a_collector_sees_the_tasks_of_his_zone_only(client, people, reported, cycle):
    acceptor = people["acceptor"]
    mine = reported(actor=acceptor, source=Source.HOTLINE_12345)
    workflow.request_verification(mine, actor=acceptor)
    lon, lat = point_in_zone("02")
    elsewhere = reported(actor=acceptor, source=Source.HOTLINE_12345, lon=lon, lat=lat)
    workflow.request_verification(elsewhere, actor=acceptor)
    to_check = reported()
    cycle["feedback"](to_check)

    response = page(client, people["collector01"], "/queue/collector/")
    assert set(numbers(response)) == {mine.number, to_check.number}
    assert elsewhere.number not in response.content.decode()
    counts = {part.slug: number for part, number in response.context["counts"]}
    assert counts == {"all": 2, "verify": 1, "check": 1, "reports": 1}
    # The big report button comes first on the phone screen.
    assert 'class="big-button" href="/report/"' in response.content.decode()

    assert numbers(page(client, people["collector02"], "/queue/collector/")) == [elsewhere.number]


def test_a_collectors_reports_are_listed_newest_first(client, people, reported, clock):
    first = reported()
    clock.shift(600)
    second = reported()
    response = page(client, people["collector01"], "/queue/collector/?show=reports")
    assert numbers(response) == [second.number, first.number]


def test_the_unit_inbox_shows_only_its_units_cases_with_a_sign_button(client, people, units, reported, cycle):
    ours = reported()
    cycle["dispatch"](ours)
    theirs = reported()
    workflow.file(theirs, actor=people["shiftleader"])
    workflow.dispatch(theirs, unit=units["environment"], actor=people["dispatcher"])

    response = page(client, people["handler"], "/queue/unit/")
    html = response.content.decode()
    assert numbers(response) == [ours.number]
    assert theirs.number not in html
    assert f'action="/cases/{ours.number}/sign/"' in html
    assert f'name="version" value="{ours.version}"' in html

    assert numbers(page(client, people["handler-environment"], "/queue/unit/")) == [theirs.number]


def test_a_signed_case_stays_in_the_inbox_without_a_sign_button(client, people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    response = page(client, people["unitleader"], "/queue/unit/?show=disposal")
    assert numbers(response) == [case.number]
    assert "/sign/" not in response.content.decode()


def test_the_acceptance_desk_shows_a_possible_duplicate_beside_a_case(client, people, reported, clock):
    first = reported(source=Source.HOTLINE_12319, actor=people["acceptor"])
    clock.shift(300)
    second = reported(lon=NEAR[0], lat=NEAR[1])
    lonely = reported(lon=FAR[0] + 0.01, lat=FAR[1])

    response = page(client, people["acceptor"], "/queue/acceptance/")
    rows = {row.case.number: row for row in response.context["rows"]}
    assert [other.number for other, _distance in rows[second.number].duplicates] == [first.number]
    assert [other.number for other, _distance in rows[first.number].duplicates] == [second.number]
    assert rows[lonely.number].duplicates == []
    html = response.content.decode()
    assert f'<a href="/cases/{first.number}/"' in html
    # The source of each report is shown.
    assert str(Source.HOTLINE_12319.label) in html


def test_the_dispatch_desk_shows_the_suggested_unit_and_the_reason(english, people, reported, cycle):
    filed = reported()
    cycle["file"](filed)
    response = page(english, people["dispatcher"], "/queue/dispatch/")
    html = response.content.decode()
    assert numbers(response) == [filed.number]
    assert "Suggested: <strong>县城市管理局</strong>" in html
    assert "城管局负责城区主次干道、公共场所的日常巡查和管理（默认）" in html


def test_the_dispatch_desk_lists_requests_to_decide_and_overdue_cases(
    english, people, reported, cycle, clock
):
    late = reported()
    cycle["sign"](late)
    asking = reported()
    cycle["sign"](asking)
    workflow.request_extension(asking, actor=people["handler"], amount=2, reason="需要调用吊车")
    clock.shift(3 * 24 * 3600)  # Friday: the four working hours of disposal are long gone

    response = page(english, people["dispatcher"], "/queue/dispatch/?show=requests")
    html = response.content.decode()
    assert numbers(response) == [asking.number]
    assert "Request: Extension" in html and "需要调用吊车" in html

    overdue = page(english, people["dispatcher"], "/queue/dispatch/?show=overdue")
    assert set(numbers(overdue)) == {late.number, asking.number}
    assert "overdue, urge" in overdue.content.decode()


def test_queues_are_ordered_by_deadline_most_urgent_first(client, people, reported, clock, manhole):
    relaxed = reported()
    clock.shift(60)
    urgent = reported(urgent=True)  # half the time to accept
    response = page(client, people["acceptor"], "/queue/acceptance/")
    assert numbers(response) == [urgent.number, relaxed.number]
    assert [row.light for row in response.context["rows"]] == ["green", "green"]


def test_the_overview_counts_open_overdue_and_supervised_per_unit_and_zone(
    english, people, reported, cycle, clock
):
    late = reported()
    cycle["dispatch"](late)
    workflow.urge(late, actor=people["leader01"])
    fresh = reported()
    clock.shift(3 * 24 * 3600)
    newest = reported()

    response = page(english, people["leader01"], "/queue/overview/")
    # Overdue open cases first: the two older ones are past their stage deadline.
    assert set(numbers(response)) == {late.number, fresh.number}
    assert newest.number not in numbers(response)
    by_unit = {line["current_unit__name"]: line for line in response.context["by_unit"]}
    assert (by_unit["县城市管理局"]["open"], by_unit["县城市管理局"]["overdue"]) == (1, 1)
    assert by_unit["县城市管理局"]["supervised"] == 1
    assert (by_unit[None]["open"], by_unit[None]["overdue"]) == (2, 1)
    (zone,) = response.context["by_zone"]
    assert (zone["zone__code"], zone["open"], zone["overdue"], zone["supervised"]) == ("01", 3, 2, 1)
    html = response.content.decode()
    assert "Command center (not dispatched)" in html
    counts = {part.slug: number for part, number in response.context["counts"]}
    assert counts == {"overdue": 2, "all": 3, "supervised": 1, "urgent": 0}


def test_the_command_center_is_warned_when_the_holidays_are_missing(client, people):
    # No State Council notice is known for 2031: deadlines would count weekends only.
    with time_machine.travel(local(2031, 3, 4, 10, 0), tick=False):
        acceptance = page(client, people["acceptor"], "/queue/acceptance/")
        administrator = page(client, people["admin"], "/queue/overview/")
        inbox = page(client, people["handler"], "/queue/unit/")
        leader = page(client, people["leader01"], "/queue/overview/")
    assert acceptance.context["warning"] and "2031" in acceptance.context["warning"]
    assert acceptance.context["warning"] in acceptance.content.decode()
    assert administrator.context["warning"] == acceptance.context["warning"]
    assert inbox.context["warning"] is None and leader.context["warning"] is None


def test_the_queue_reads_in_chinese(client, people, reported):
    reported()
    html = page(client, people["collector01"], "/queue/collector/?show=reports").content.decode()
    assert "<h1>我的任务</h1>" in html
    assert "我的上报" in html and "待核实" in html
