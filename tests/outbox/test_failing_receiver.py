"""One receiver that fails does not hold up the messages of the others."""

from django.utils import timezone

from gridcity.outbox.delivery import deliver_due
from gridcity.outbox.messages import enqueue
from gridcity.outbox.models import Message


def test_a_failing_receiver_is_tried_once_per_pass_and_the_others_go_on(make_client, refused_url, receiver):
    down = make_client("部门系统", webhook_url=refused_url)
    hotline = make_client("12345热线平台")
    waiting = [enqueue(down, "case.dispatched", {"n": n}) for n in range(3)]
    sent = enqueue(hotline, "case.dispatched", {"n": 9})

    counts = deliver_due(now=timezone.now())

    assert counts == {"delivered": 1, "retrying": 1, "dead": 0, "skipped": 0}
    assert receiver.message_ids() == [str(sent.pk)]
    attempts = dict(Message.objects.filter(client=down).values_list("pk", "attempts"))
    assert attempts == {waiting[0].pk: 1, waiting[1].pk: 0, waiting[2].pk: 0}
