"""The case page: every fact in Chinese, photos, timeline, and only the buttons this person may use."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gridcity.cases import workflow
from gridcity.org.duties import suggest_unit
from gridcity.org.models import Jurisdiction, User
from gridcity.org.roles import Role
from tests.cases.conftest import photo

PHONE = "13905391234"


def page(client, person, case):
    client.force_login(person)
    response = client.get(reverse("console:case", args=[case.number]))
    assert response.status_code == 200
    return response.content.decode()


def action_ids(html):
    """The actions offered on the page, by transition name."""
    return set(re.findall(r'data-action="([a-z_]+)"', html))


@pytest.fixture
def dispatched(reported, cycle):
    case = reported(reporter_name="王芳", reporter_phone=PHONE)
    cycle["dispatch"](case)
    return case


def test_page_shows_the_facts_in_chinese(client, people, reported, cycle):
    case = reported(address="人民路 12 号")
    cycle["dispatch"](case)
    html = page(client, people["shiftleader"], case)
    assert f"案件 {case.number}" in html
    assert "已派遣待签收" in html  # the state
    assert "信息采集员" in html  # the source
    assert "暴露垃圾" in html and "0102" in html  # the class
    assert "路边有暴露垃圾" in html and "人民路 12 号" in html
    assert case.grid.code in html and case.zone.name in html
    assert "县城市管理局" in html  # the unit handling it
    assert case.condition.closing_condition in html  # the closing condition
    assert "处置截止时间" in html and "环节截止时间" in html  # the deadlines
    assert 'class="light light-' in html  # the traffic light
    assert "时间轴" in html and "派遣至单位" in html  # the timeline, in words
    assert 'id="case-map"' in html and f'data-lon="{case.lon:f}"' in html


def test_photos_before_and_after_side_by_side(client, people, reported, cycle):
    case = reported()
    cycle["feedback"](case)
    html = page(client, people["shiftleader"], case)
    before = html.index('class="photo-column photo-before"')
    after = html.index('class="photo-column photo-after"')
    assert before < after
    assert html.count('class="attachment attachment-report"') >= 1
    assert html.count('class="attachment attachment-after"') >= 1
    assert "处置前" in html and "处置后" in html


def test_timeline_says_who_did_what_newest_last(client, people, reported, cycle):
    case = reported()
    cycle["feedback"](case)
    html = page(client, people["dispatcher"], case)
    titles = ["问题上报", "立案", "派遣至单位", "单位签收", "处置反馈"]
    positions = [html.index(f'<strong class="timeline-title">{title}</strong>') for title in titles]
    assert positions == sorted(positions)
    assert people["handler"].display_name in html and "单位处置人员" in html
    assert "已清理" in html  # the note of the feedback


def test_reporter_phone_only_for_the_command_center(client, people, dispatched):
    for username in ("acceptor", "shiftleader", "dispatcher"):
        assert PHONE in page(client, people[username], dispatched), username
    for username in ("handler", "collector01", "leader01", "evaluator"):
        html = page(client, people[username], dispatched)
        assert "王芳" in html, username
        assert PHONE not in html, username


def test_print_view_has_no_phone_and_no_buttons(client, people, dispatched):
    client.force_login(people["dispatcher"])
    response = client.get(reverse("console:case_print", args=[dispatched.number]))
    html = response.content.decode()
    assert response.status_code == 200
    assert dispatched.number in html and "路边有暴露垃圾" in html and "派遣至单位" in html
    assert "<button" not in html and "<form" not in html
    assert PHONE not in html
    assert "gridcity/case.css" in html  # whose @page rule sets A4


def test_each_role_sees_only_its_buttons(client, people, reported, cycle):
    case = reported()
    cycle["file"](case)
    dispatcher_page = page(client, people["dispatcher"], case)
    assert "dispatch" in action_ids(dispatcher_page)
    assert "<summary>派遣</summary>" in dispatcher_page
    assert "dispatch" not in action_ids(page(client, people["acceptor"], case))
    assert action_ids(page(client, people["leader01"], case)) == {"urge"}

    workflow.dispatch(
        case, unit=case.jurisdiction.units.get(code="urban-management"), actor=people["dispatcher"]
    )
    handler_page = page(client, people["handler"], case)
    assert {"sign", "request_return"} <= action_ids(handler_page)
    assert "dispatch" not in action_ids(handler_page) and "派遣</summary>" not in handler_page
    assert "sign" not in action_ids(page(client, people["dispatcher"], case))
    # Another unit's handler cannot even open it.
    client.force_login(people["handler-housing-construction"])
    assert client.get(reverse("console:case", args=[case.number])).status_code == 404


def test_nothing_to_do_says_so(client, people, reported):
    case = reported()
    html = page(client, people["inspector"], case)
    assert action_ids(html) == set()
    assert "您目前不能对此案件进行操作" in html


def test_dispatch_form_preselects_the_suggested_unit(client, people, reported, cycle):
    case = reported()
    cycle["file"](case)
    suggestion = suggest_unit(case.jurisdiction, case.minor_class, case.place, case.component)
    html = page(client, people["dispatcher"], case)
    assert f'<option value="{suggestion.unit.pk}" selected>' in html
    assert suggestion.reason in html


def test_file_form_lists_the_conditions_of_the_class(client, people, reported, manhole):
    case = reported(minor_class=manhole)
    html = page(client, people["acceptor"], case)
    for condition in manhole.conditions.all():
        assert condition.filing_condition in html


def test_merge_form_offers_the_possible_duplicates(client, people, reported):
    first = reported()
    second = reported()
    html = page(client, people["acceptor"], second)
    assert f'value="{first.number}"' in html


def test_case_of_another_jurisdiction_is_not_found(client, people, reported):
    case = reported()
    other = Jurisdiction.objects.create(code="371302", name="兰山区")
    stranger = User.objects.create_user(username="stranger", password="x-pass-123", jurisdiction=other)
    stranger.groups.add(Group.objects.get(name=Role.DISPATCHER))
    client.force_login(stranger)
    assert client.get(reverse("console:case", args=[case.number])).status_code == 404
    assert client.get(reverse("console:case_print", args=[case.number])).status_code == 404
    # A collector of another zone does not see it either.
    client.force_login(people["collector02"])
    assert client.get(reverse("console:case", args=[case.number])).status_code == 404


def test_login_required(client, reported):
    case = reported()
    response = client.get(reverse("console:case", args=[case.number]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The page reads a fixed number of rows whatever the history: the case with its related rows,
# the events with their people and units, the attachments, the units named in the events,
# the cases merged into it, the calendar, the session and the person.
QUERY_BUDGET = 25


def _long_history(case, people, cycle, rounds):
    cycle["feedback"](case)
    for _round in range(rounds):
        workflow.fail_check(case, actor=people["collector01"], note="还有垃圾", photos=[photo(), photo()])
        workflow.urge(case, actor=people["leader01"], note="尽快处理")
        workflow.feedback(case, actor=people["handler"], note="再次清理", photos=[photo(), photo()])


@pytest.mark.parametrize("username", ["dispatcher", "handler", "collector01"])
def test_query_count_does_not_grow_with_the_history(
    client, people, reported, cycle, django_assert_max_num_queries, username
):
    short, long = reported(), reported()
    cycle["feedback"](short)
    _long_history(long, people, cycle, rounds=6)  # both now wait for the check
    assert long.events.count() > short.events.count() + 15
    assert long.attachments.count() > short.attachments.count() + 20
    client.force_login(people[username])
    client.get(reverse("console:case", args=[short.number]))  # warm the per-process caches
    with django_assert_max_num_queries(QUERY_BUDGET), CaptureQueriesContext(connection) as few:
        client.get(reverse("console:case", args=[short.number]))
    with django_assert_max_num_queries(QUERY_BUDGET), CaptureQueriesContext(connection) as many:
        response = client.get(reverse("console:case", args=[long.number]))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.decode().count('class="timeline-row') == long.events.count()
