"""Actions on the case page: POSTs to /cases/<number>/<action>/, with and without htmx."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event, State
from gridcity.org.duties import suggest_unit

HTMX = {"HX-Request": "true"}


def jpeg(name="after.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 160, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def act(client, person, case, action, headers=None, **data):
    client.force_login(person)
    data.setdefault("version", Case.objects.get(pk=case.pk).version)
    return client.post(reverse("console:act", args=[case.number, action]), data, headers=headers or {})


def fresh(case):
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def filed(reported, cycle):
    case = reported()
    cycle["file"](case)
    return case


@pytest.fixture
def dispatched(reported, cycle):
    case = reported()
    cycle["dispatch"](case)
    return case


def test_full_cycle_through_the_pages(client, people, units, reported):
    case = reported()  # the collector's report
    page = reverse("console:case", args=[case.number])

    response = act(client, people["acceptor"], case, "file", note="符合立案条件")
    assert response.status_code == 302 and response["Location"] == page
    assert fresh(case).state == State.FILED

    response = act(client, people["dispatcher"], case, "dispatch", unit=units["urban-management"].pk)
    assert response.status_code == 302
    assert fresh(case).current_unit == units["urban-management"]

    assert act(client, people["handler"], case, "sign").status_code == 302
    assert fresh(case).state == State.IN_DISPOSAL

    response = act(client, people["handler"], case, "feedback", note="垃圾已清运", photos=[jpeg()])
    assert response.status_code == 302
    case = fresh(case)
    assert case.state == State.CHECKING
    assert case.attachments.filter(kind="after").count() == 1

    assert act(client, people["collector01"], case, "pass_check", note="现场已整洁").status_code == 302
    assert fresh(case).state == State.CHECKED

    response = act(client, people["shiftleader"], case, "close")
    assert response.status_code == 302
    case = fresh(case)
    assert case.state == State.CLOSED and case.closed_at is not None

    # Back on the page: the result is said, and every step is in the timeline.
    html = client.get(page).content.decode()
    assert "已办理“结案”" in html
    for title in ("问题上报", "立案", "派遣至单位", "单位签收", "处置反馈", "核查通过", "结案"):
        assert f'<strong class="timeline-title">{title}</strong>' in html
    assert "垃圾已清运" in html and "现场已整洁" in html


def test_success_with_htmx_redirects_to_the_page(client, people, units, filed):
    response = act(
        client, people["dispatcher"], filed, "dispatch", headers=HTMX, unit=units["urban-management"].pk
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("console:case", args=[filed.number])
    assert fresh(filed).state == State.DISPATCHED


def test_action_not_allowed_answers_403_and_writes_nothing(client, people, dispatched):
    events = Event.objects.count()
    response = act(client, people["handler"], dispatched, "close")
    html = response.content.decode()
    assert response.status_code == 403
    assert "不能" in html or "不可" in html  # the workflow's reason, in Chinese
    assert 'role="alert"' in html
    assert Event.objects.count() == events
    assert fresh(dispatched).state == State.DISPATCHED


def test_action_not_allowed_with_htmx_answers_the_message_alone(client, people, dispatched):
    response = act(client, people["handler"], dispatched, "close", headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="notice' in html and "<html" not in html
    assert fresh(dispatched).state == State.DISPATCHED


def test_stale_version_answers_409_and_writes_nothing(client, people, units, filed):
    shown = fresh(filed).version
    workflow.urge(filed, actor=people["leader01"], note="请尽快派遣")  # meanwhile
    events = Event.objects.count()
    response = act(
        client,
        people["dispatcher"],
        filed,
        "dispatch",
        version=shown,
        unit=units["urban-management"].pk,
        note="急",
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert filed.number in html and "重新加载" in html
    assert Event.objects.count() == events
    assert fresh(filed).state == State.FILED
    # The page now shows the case as it is (the urge), and the note typed is still there.
    assert "请尽快派遣" in html and "急</textarea>" in html


def test_stale_version_with_htmx_offers_reload_in_place(client, people, units, filed):
    shown = fresh(filed).version
    workflow.urge(filed, actor=people["leader01"])
    response = act(
        client,
        people["dispatcher"],
        filed,
        "dispatch",
        headers=HTMX,
        version=shown,
        unit=units["urban-management"].pk,
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert 'class="reload"' in html and reverse("console:case", args=[filed.number]) in html
    assert fresh(filed).state == State.FILED


def test_missing_reason_answers_400_and_keeps_what_was_typed(client, people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    events = Event.objects.count()
    response = act(client, people["handler"], case, "request_extension", amount="2", reason="  ")
    html = response.content.decode()
    assert response.status_code == 400
    assert "这个字段是必填项" in html  # Django's "This field is required."
    assert 'name="amount" value="2"' in html
    assert Event.objects.count() == events
    assert fresh(case).pending_request == ""


def test_missing_reason_with_htmx_answers_the_form_with_its_messages(client, people, reported):
    case = reported()
    response = act(client, people["acceptor"], case, "decline", headers=HTMX, reason="")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-action="decline"' in html and "这个字段是必填项" in html and "<html" not in html
    assert fresh(case).state == State.REPORTED


def test_workflow_refusal_keeps_the_note(client, people, reported, manhole):
    case = reported(minor_class=manhole)  # two filing conditions: one must be chosen
    response = act(client, people["acceptor"], case, "file", note="井盖缺失，已设警示")
    html = response.content.decode()
    assert response.status_code == 400
    assert "请选择" in html and "立案条件" in html
    assert "井盖缺失，已设警示</textarea>" in html
    assert fresh(case).state == State.REPORTED


def test_a_bad_file_is_refused_and_the_note_kept(client, people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    not_a_photo = SimpleUploadedFile("list.txt", b"not a photo at all", content_type="text/plain")
    response = act(client, people["handler"], case, "feedback", note="已清理完毕", photos=[not_a_photo])
    html = response.content.decode()
    assert response.status_code == 400
    assert "list.txt" in html and "已清理完毕</textarea>" in html
    assert fresh(case).state == State.IN_DISPOSAL


def test_file_with_the_chosen_condition(client, people, reported, manhole):
    case = reported(minor_class=manhole)
    condition = manhole.conditions.order_by("number").last()
    assert act(client, people["acceptor"], case, "file", condition=condition.pk).status_code == 302
    assert fresh(case).condition == condition


def test_merge_by_typed_number(client, people, reported):
    original, repeat = reported(), reported()
    response = act(client, people["acceptor"], repeat, "merge", number=original.number)
    assert response.status_code == 302
    repeat = fresh(repeat)
    assert repeat.state == State.VOIDED and repeat.duplicate_of == original
    html = client.get(reverse("console:case", args=[original.number])).content.decode()
    assert "并入本案的重复案件" in html and repeat.number in html


def test_merge_into_an_unknown_number_is_refused(client, people, reported):
    case = reported()
    response = act(client, people["acceptor"], case, "merge", number="3713270000000000000")
    assert response.status_code == 400
    assert 'value="3713270000000000000"' in response.content.decode()
    assert fresh(case).state == State.REPORTED


def test_dispatch_to_the_suggested_unit(client, people, filed):
    suggestion = suggest_unit(filed.jurisdiction, filed.minor_class, filed.place, filed.component)
    assert act(client, people["dispatcher"], filed, "dispatch", unit=suggestion.unit.pk).status_code == 302
    assert fresh(filed).current_unit == suggestion.unit


def test_extension_request_and_approval(client, people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    assert (
        act(
            client, people["handler"], case, "request_extension", amount="1.5", reason="需采购配件"
        ).status_code
        == 302
    )
    html = client.get(reverse("console:case", args=[case.number])).content.decode()
    assert "需采购配件" in html
    client.force_login(people["dispatcher"])
    html = client.get(reverse("console:case", args=[case.number])).content.decode()
    assert "待派遣员审批" in html and 'data-action="approve_extension"' in html
    assert act(client, people["dispatcher"], case, "approve_extension").status_code == 302
    assert fresh(case).extension_count == 1


def test_suspension_with_a_resume_date(client, people, reported, cycle):
    case = reported()
    cycle["sign"](case)
    response = act(
        client,
        people["handler"],
        case,
        "request_suspension",
        reason="需列入明年改造计划",
        resume_on="2099-03-01",
    )
    assert response.status_code == 302
    assert act(client, people["dispatcher"], case, "approve_suspension").status_code == 302
    case = fresh(case)
    assert case.state == State.SUSPENDED and timezone.localdate(case.resume_at).isoformat() == "2099-03-01"


def test_verify_answers_yes_or_no(client, people, reported):
    case = reported()
    workflow.request_verification(case, actor=people["acceptor"])
    assert (
        act(client, people["collector01"], case, "verify", confirmed="no", note="现场未发现").status_code
        == 302
    )
    event = Event.objects.filter(case=case, type="case.verified").get()
    assert event.data == {"confirmed": False}


def test_unknown_action_is_not_found(client, people, reported):
    case = reported()
    assert act(client, people["acceptor"], case, "report").status_code == 404
    assert act(client, people["acceptor"], case, "explode").status_code == 404


def test_get_is_refused(client, people, reported):
    case = reported()
    client.force_login(people["acceptor"])
    assert client.get(reverse("console:act", args=[case.number, "file"])).status_code == 405


def test_cannot_act_on_a_case_one_cannot_see(client, people, reported):
    case = reported()
    response = act(client, people["collector02"], case, "verify", confirmed="yes")
    assert response.status_code == 404


def test_self_disposal_with_a_photo(client, people, reported):
    case = reported()
    response = act(client, people["collector01"], case, "self_dispose", note="已顺手清理", photos=[jpeg()])
    assert response.status_code == 302
    case = fresh(case)
    assert case.state == State.CHECKED and case.self_disposed
    assert case.attachments.filter(kind="after").exists()


def test_failed_check_needs_what_is_still_wrong(client, people, reported, cycle):
    case = reported()
    cycle["feedback"](case)
    response = act(client, people["collector01"], case, "fail_check", note="")
    assert response.status_code == 400
    assert fresh(case).state == State.CHECKING
    assert act(client, people["collector01"], case, "fail_check", note="仍有垃圾").status_code == 302
    case = fresh(case)
    assert case.state == State.IN_DISPOSAL and case.rework_count == 1
