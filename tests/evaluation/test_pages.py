"""The evaluation's pages on the September 2026 scenario (tests/evaluation/conftest.py): figures and
the cases behind them, appeals, the evaluation's approval and publication, the daily trend."""

import re

import pytest
from django.urls import reverse

from gridcity.evaluation import appeals, evaluations
from gridcity.evaluation.models import AppealState, DailyScore, Evaluation, EvaluationState, OvertimeAppeal

from .conftest import QUARTER

FIGURES = reverse("evaluation:figures")


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def cells_of(html, name):
    """[(text, link or None)] of the cells of the table row headed ``name``."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        if any(text(cell) == name for cell in cells):
            return [(text(cell), (re.search(r'href="([^"]+)"', cell) or [None, None])[1]) for cell in cells]
    raise AssertionError(f"no row {name}")


def headers_of(html):
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [text(cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def case_numbers(html):
    return re.findall(r'<tr class="case-line">\s*<td><a href="[^"]+">(\d+)</a>', html)


def test_each_figure_links_to_exactly_the_cases_it_counts(
    client, staff, scenario, django_assert_max_num_queries
):
    client.force_login(staff["handler"])
    with django_assert_max_num_queries(20):
        response = client.get(FIGURES, {"period": "2026-09", "kind": "unit"})
    assert response.status_code == 200
    html = response.content.decode()
    headers = headers_of(html)
    assert "按期处置数" in headers and "按期处置率" in headers and "综合指标值" in headers
    assert "综合指标值 = " in text(html)  # the composite's formula under the table
    row = dict(zip(headers, cells_of(html, "县城市管理局"), strict=True))
    # Closure 4 of 5 × 30 + on time 3 of 5 × 30 + no rework × 30 + a light load (full step score) × 10.
    assert (row["名次"][0], row["综合指标值"][0], row["等级"][0]) == ("1", "82.0", "B")
    assert row["按期处置数"][0] == "3" and row["按期处置率"][0] == "60.0%" and row["超期处置数"][0] == "1"
    assert cells_of(html, "县住房和城乡建设局")[0][0] == "—"  # 2 cases: too few to be ranked

    on_time = {scenario.cases[f"on_time_{n}"].number for n in (1, 2, 3)}
    for label in ("按期处置数", "按期处置率"):
        page = client.get(row[label][1])
        assert page.status_code == 200
        assert set(case_numbers(page.content.decode())) == on_time
    rate = client.get(row["按期处置率"][1]).content.decode()
    assert "县城市管理局 · 按期处置率 · 2026年9月" in rate
    assert re.search(r'id="figure-value">60\.0%<', rate)
    assert "应处置数</span><strong>5<" in rate  # the denominator, itself a link to its 5 cases


def test_the_case_list_shows_each_event_against_its_deadline(client, staff, scenario):
    client.force_login(staff["evaluator"])
    unit = scenario.units["urban-management"]
    response = client.get(reverse("evaluation:figure", args=["2026-09", "unit", unit.pk, "disposed_late"]))
    html = response.content.decode()
    assert case_numbers(html) == [scenario.cases["late"].number]
    late_line = re.search(r'<tr class="late">(.*?)</tr>', html, re.S).group(1)
    assert "处置反馈" in late_line and "2026-09-10 10:00" in late_line and "超时" in late_line
    assert 'name="reason"' not in html  # only the unit's own staff appeal


def test_a_unit_appeals_an_overtime_case_from_its_figure(client, staff, scenario):
    unit = scenario.units["urban-management"]
    url = reverse("evaluation:figure", args=["2026-09", "unit", unit.pk, "overdue_open"])
    overdue = scenario.cases["overdue"]
    client.force_login(staff["handler-housing-construction"])
    assert 'name="reason"' not in client.get(url).content.decode()  # another unit's staff
    admin = next(person for person in staff.values() if person.is_superuser)
    assert appeals.may_appeal(admin, overdue, unit)  # the page offers what request_appeal accepts
    client.force_login(admin)
    assert 'name="reason"' in client.get(url).content.decode()

    client.force_login(staff["handler"])
    assert 'name="reason"' in client.get(url).content.decode()
    post = {"case": overdue.pk, "unit": unit.pk, "next": url}
    response = client.post(reverse("evaluation:appeal_new"), {**post, "reason": "  "}, follow=True)
    assert "请填写申诉理由。" in response.content.decode()
    assert not OvertimeAppeal.objects.exists()

    response = client.post(
        reverse("evaluation:appeal_new"), {**post, "reason": "暴雨停电，无法作业"}, follow=True
    )
    appeal = OvertimeAppeal.objects.get()
    assert (appeal.case, appeal.unit, appeal.state, appeal.requested_by) == (
        overdue,
        unit,
        AppealState.PENDING,
        staff["handler"],
    )
    html = response.content.decode()
    assert "已提交考评办" in html and "待审核" in html and 'name="reason"' not in html


def test_the_office_decides_appeals_and_a_refusal_needs_a_note(client, staff, scenario):
    unit = scenario.units["urban-management"]
    appeal = appeals.request_appeal(
        scenario.cases["late"], unit=unit, actor=staff["handler"], reason="交通管制，无法进入现场"
    )
    decide = reverse("evaluation:appeal_decide", args=[appeal.pk])
    client.force_login(staff["collector01"])
    assert client.get(reverse("evaluation:appeals")).status_code == 403
    client.force_login(staff["handler"])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    assert "交通管制" in client.get(reverse("evaluation:appeals")).content.decode()  # his unit's appeals

    client.force_login(staff["evaluator"])
    response = client.post(decide, {"decision": "refuse", "note": ""}, follow=True)
    assert "请填写驳回申诉的理由。" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.state == AppealState.PENDING
    client.post(decide, {"decision": "approve", "note": "情况属实"})
    appeal.refresh_from_db()
    assert (appeal.state, appeal.decided_by, appeal.decision_note) == (
        AppealState.APPROVED,
        staff["evaluator"],
        "情况属实",
    )


def test_an_evaluation_is_computed_approved_and_published_by_the_office_only(client, staff, scenario):
    detail = reverse("evaluation:evaluation", args=[QUARTER.slug])
    client.force_login(staff["evaluator"])
    response = client.post(reverse("evaluation:evaluations"), {"period": "2999-Q1"})
    assert response.status_code == 400 and "尚未结束" in response.content.decode()
    response = client.post(reverse("evaluation:evaluations"), {"period": "2026-Q3"})
    assert response.status_code == 303 and response["Location"] == detail
    evaluation = Evaluation.objects.get()
    assert evaluation.state == EvaluationState.DRAFT

    client.force_login(staff["handler"])
    assert client.get(detail).status_code == 404  # a draft is the office's
    assert "2026年第3季度" not in client.get(reverse("evaluation:evaluations")).content.decode()
    client.force_login(staff["collector01"])
    assert (
        client.post(reverse("evaluation:evaluation_act", args=[QUARTER.slug, "approve"])).status_code == 403
    )

    client.force_login(staff["evaluator"])
    client.post(reverse("evaluation:evaluation_act", args=[QUARTER.slug, "publish"]), follow=True)
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DRAFT  # not approved yet: refused with a message
    client.post(
        reverse("evaluation:evaluation_act", args=[QUARTER.slug, "approve"]), {"note": "经领导小组审议"}
    )
    client.post(reverse("evaluation:evaluation_act", args=[QUARTER.slug, "publish"]))
    evaluation.refresh_from_db()
    assert (evaluation.state, evaluation.approved_by, evaluation.published_by, evaluation.note) == (
        EvaluationState.PUBLISHED,
        staff["evaluator"],
        staff["evaluator"],
        "经领导小组审议",
    )

    client.force_login(staff["handler"])
    html = client.get(detail, {"check": "1"}).content.decode()
    assert "每一行均可复现" in html
    stored = evaluation.rows.get(object_kind="unit", object_id=scenario.units["urban-management"].pk)
    unit_row = [cell for cell, _link in cells_of(html.split('id="section-unit"', 1)[1], "县城市管理局")]
    assert unit_row[0] == "1" and unit_row[-3:-1] == [str(stored.score), stored.grade]
    assert 'id="section-collector"' not in html  # the posts' rankings are the office's


def test_an_approval_with_a_note_too_long_is_refused_and_says_why(client, staff, scenario):
    evaluations.compute_evaluation(scenario.jurisdiction, QUARTER, actor=staff["evaluator"])
    client.force_login(staff["evaluator"])
    url = reverse("evaluation:evaluation_act", args=[QUARTER.slug, "approve"])
    response = client.post(url, {"note": "审" * 2001}, follow=True)
    assert "备注" in response.content.decode() and "2000" in response.content.decode()
    assert Evaluation.objects.get().state == EvaluationState.DRAFT


def test_the_check_names_a_line_that_no_longer_reproduces(client, staff, scenario):
    evaluation = evaluations.compute_evaluation(scenario.jurisdiction, QUARTER, actor=staff["evaluator"])
    row = evaluation.rows.get(object_kind="unit", object_id=scenario.units["urban-management"].pk)
    row.figures["counts"]["disposed_late"] = 0
    row.save()
    client.force_login(staff["evaluator"])
    html = client.get(reverse("evaluation:evaluation", args=[QUARTER.slug]), {"check": "1"}).content.decode()
    assert "有 1 行与现在的计算结果不一致" in html
    assert "单位 · 县城市管理局" in html and "超期处置数" in html


def test_a_holder_of_a_post_sees_his_own_line_only(client, staff, scenario):
    collector = staff["collector01"]
    client.force_login(collector)
    html = client.get(FIGURES, {"period": "2026-09", "kind": "collector"}).content.decode()
    table = html.split('id="figures-collector"', 1)[1].split("</table>", 1)[0]
    assert [text(name) for name in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table, re.S)] == [
        str(collector)
    ]
    response = client.get(FIGURES, {"period": "2026-09", "kind": "dispatcher"})
    assert response.status_code == 400 and "不是您可以查看的评价对象类型" in response.content.decode()
    other = reverse("evaluation:figure", args=["2026-09", "collector", staff["collector02"].pk, "reports"])
    assert client.get(other).status_code == 403


@pytest.mark.parametrize("days", ["30", "7"])
def test_the_daily_trend_draws_a_linked_point_per_scored_day(client, staff, scenario, days):
    client.force_login(staff["leader01"])
    unit = scenario.units["urban-management"]
    response = client.get(
        reverse("evaluation:unit_daily", args=[unit.pk]), {"days": days, "end": "2026-09-30"}
    )
    html = response.content.decode()
    if days == "7":
        assert response.status_code == 400 and "只能显示 30 天或 90 天" in html
        return
    assert response.status_code == 200
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    points = re.findall(r'<a href="([^"]+)"><circle', svg)
    # A point per day with a score (a day with nothing due has none), each opening that day's figures.
    scored = (
        DailyScore.objects.filter(unit=unit, score__isnull=False)
        .order_by("day")
        .values_list("day", flat=True)
    )
    assert len(scored) >= 3  # the three days with a case disposed on time, at least
    assert [p.replace("&amp;", "&") for p in points] == [
        f"{FIGURES}?period={day}&kind=unit" for day in scored
    ]
    assert "县城市管理局日评分（2026-09-01 至 2026-09-30）" in html
