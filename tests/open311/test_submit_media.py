"""A photo uploaded with the request (multipart, field ``media``) becomes the case's report photo."""

from django.core.files.base import ContentFile

from gridcity.cases.models import AttachmentKind, Case
from tests.cases.conftest import photo


def test_a_photo_sent_as_media_is_the_report_photo(api, fmt, report):
    answer = api.post(fmt, report(media=photo("垃圾.jpg")))

    assert answer.status == 200
    case = Case.objects.get(number=answer.data[0]["service_request_id"])
    (attachment,) = case.attachments.all()
    assert attachment.kind == AttachmentKind.REPORT
    assert attachment.media_type == "image/jpeg"
    assert attachment.event.type == "case.reported"
    assert attachment.file.read()[:2] == b"\xff\xd8"


def test_a_file_that_is_no_photo_is_refused(api, fmt, report):
    answer = api.post(fmt, report(media=ContentFile(b"just some text", name="note.txt")))

    assert answer.status == 400
    assert "note.txt" in answer.messages[0]
    assert not Case.objects.exists()


def test_a_photo_over_the_limit_is_refused(api, fmt, report, settings):
    settings.CASE_PHOTO_MAX_BYTES = 100

    answer = api.post(fmt, report(media=photo("big.jpg", size=(400, 300))))

    assert answer.status in (400, 413)
    assert not Case.objects.exists()
