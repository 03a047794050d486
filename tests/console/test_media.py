"""Case photos go only to the people who may see their case."""

from django.contrib.auth.models import Group

from gridcity.org.models import Jurisdiction, User
from gridcity.org.roles import Role


def photo_url(case):
    return case.attachments.get().file.url


def test_a_person_who_sees_the_case_gets_its_photo(client, people, reported):
    case = reported()
    client.force_login(people["acceptor"])
    response = client.get(photo_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG's first bytes
    assert response["Cache-Control"] == "private, max-age=3600"


def test_nobody_else_learns_that_the_file_exists(client, people, reported):
    case = reported()
    url = photo_url(case)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(people["collector02"])  # another zone's collector does not see the case
    assert client.get(url).status_code == 404
    other = Jurisdiction.objects.create(code="371302", name="兰山区")
    stranger = User.objects.create_user(username="stranger", password="x-pass-123", jurisdiction=other)
    stranger.groups.add(Group.objects.get(name=Role.DISPATCHER))
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(people["acceptor"])
    assert client.get("/media/cases/2026/11/no-such-photo.jpg").status_code == 404


def test_behind_nginx_the_view_only_decides(client, people, reported, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    case = reported()
    client.force_login(people["acceptor"])
    response = client.get(photo_url(case))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{case.attachments.get().file.name}"
    assert response.content == b""
