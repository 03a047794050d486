"""The admin: messages and their delivery log are read there, and dead ones are sent again."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from gridcity.org.models import User
from gridcity.org.roles import Role
from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message

from ..conftest import make_person


@pytest.fixture(autouse=True)
def _english(client, settings):
    # The console speaks Chinese first; these tests read the English messages.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def root(county):
    return User.objects.create_superuser("root", password="secret-pass-1")


@pytest.fixture
def dead_message(hotline, receiver, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    receiver.answers = [503]
    message = enqueue(
        hotline, "case.dispatched", {"case": "371327-20261128-0001"}, subject="371327-20261128-0001"
    )
    deliver_due()
    message.refresh_from_db()
    assert message.state == Message.State.DEAD
    return message


def send_again(client, *messages):
    return client.post(
        reverse("admin:outbox_message_changelist"),
        {"action": "send_again", "_selected_action": [message.pk for message in messages]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_dead_message_sent_again_from_the_admin_is_delivered(client, root, dead_message, receiver):
    client.force_login(root)

    response = send_again(client, dead_message)

    assert "1 message will be sent again." in response.content.decode()
    dead_message.refresh_from_db()
    assert dead_message.state == Message.State.PENDING and dead_message.attempts == 0
    assert deliver_due()["delivered"] == 1
    dead_message.refresh_from_db()
    assert dead_message.state == Message.State.DELIVERED
    # Both attempts stay in the log, and the receiver saw the same message id twice.
    assert [d.status_code for d in dead_message.deliveries.all()] == [503, 200]
    assert receiver.message_ids() == [str(dead_message.pk)] * 2


def test_a_waiting_message_is_left_as_it_is(client, root, hotline):
    waiting = enqueue(hotline, "case.dispatched", {"n": 1})
    client.force_login(root)

    response = send_again(client, waiting)

    assert "1 message was still waiting to be sent" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == Message.State.PENDING


def test_the_dead_letters_are_the_state_filter(client, root, dead_message, hotline):
    enqueue(hotline, "case.signed", {"n": 2}, subject="371327-20261128-0002")
    client.force_login(root)

    page = client.get(reverse("admin:outbox_message_changelist"), {"state": "dead"}).content.decode()

    assert "371327-20261128-0001" in page and "371327-20261128-0002" not in page


def test_a_message_page_shows_the_body_and_the_delivery_log(client, root, dead_message):
    client.force_login(root)

    page = client.get(
        reverse("admin:outbox_message_change", args=[dead_message.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "&quot;case&quot;: &quot;371327-20261128-0001&quot;" in page  # the body, indented
    assert "503" in page and "服务暂时不可用" in page  # the attempt's answer
    assert 'name="_save"' not in page  # read-only


def test_messages_cannot_be_added_or_deleted(client, root, dead_message):
    client.force_login(root)
    assert client.get(reverse("admin:outbox_message_add")).status_code == 403
    assert client.get(reverse("admin:outbox_message_delete", args=[dead_message.pk])).status_code == 403


def test_sending_again_needs_its_own_permission(client, county, dead_message):
    staff = make_person(county, "admin2", Role.EVALUATION_OFFICE, is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="outbox", codename__in=["view_message", "view_delivery"]
        )
    )
    client.force_login(staff)
    page = client.get(reverse("admin:outbox_message_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "371327-20261128-0001" in page and "Send again" not in page

    staff.user_permissions.add(Permission.objects.get(codename="resend_message"))
    staff = User.objects.get(pk=staff.pk)  # no cached permissions
    client.force_login(staff)
    send_again(client, dead_message)
    dead_message.refresh_from_db()
    assert dead_message.state == Message.State.PENDING


def test_the_system_administrator_may_send_dead_letters_again(client, county, dead_message):
    administrator = make_person(county, "sysadmin", Role.SYSTEM_ADMIN, is_staff=True)
    client.force_login(administrator)

    send_again(client, dead_message)

    dead_message.refresh_from_db()
    assert dead_message.state == Message.State.PENDING
