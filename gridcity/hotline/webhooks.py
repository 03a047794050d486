"""What goes back to 12345: a message per event of a case it transferred, through the outbox.

Each event of such a case queues, in the event's own transaction, a ``state_changed``
message; some events queue a second message that 12345 acts on:

* ``returned`` (退单) — the case was not filed or was voided: the reason, 办理结果 3;
* ``extension_requested`` (延期申请) — the unit asks for more time: amount, time unit, reason;
* ``result`` (办理结果) — the case was closed: result 0 (解决), what was done, and the photos
  after disposal as signed links that work without a login for ATTACHMENT_LINK_DAYS.

What 12345 did itself is not echoed: the report of its order (it has the answer to its request)
and the callback it sent. Every message carries
the event id, the order and case numbers, the state (value and Chinese label), the time
(ISO 8601, local) and the unit. The outbox signs and sends them (docs/webhooks.md).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from gridcity.cases.models import Attachment, AttachmentKind, Source
from gridcity.cases.workflow import case_event_recorded
from gridcity.clients.models import ClientCase
from gridcity.outbox.messages import enqueue
from gridcity.worktime.units import LimitUnit

from .orders import CALLBACK_EVENT, RESULT_LABELS, local_iso, state_label, status_of, unit_of

ATTACHMENT_LINK_DAYS = 30  # settings.HOTLINE_ATTACHMENT_LINK_DAYS
ATTACHMENT_SALT = "gridcity.hotline.attachment"
RETURNING_EVENTS = ("case.declined", "case.voided")
# What 12345 did itself is not echoed back: it has the answer to its request already.
NOT_ECHOED = ("case.reported", CALLBACK_EVENT)
RESULT_SOLVED = 0
RESULT_RETURNED = 3


@receiver(case_event_recorded, dispatch_uid="hotline-queue-webhooks")
def queue_webhooks(sender, case, event, **kwargs):
    """Queue the messages of ``event`` for the 12345 client that transferred ``case``, if any."""
    # Cases reported by a person (collectors, the command center) and cases without an order
    # number are never work orders: decided without a query, as most events are theirs.
    if case.reporter_id is not None or case.source == Source.COLLECTOR or not case.external_id:
        return
    if event.type in NOT_ECHOED:
        return
    link = (
        ClientCase.objects.select_related("client")
        .filter(case_id=case.pk, case__events__type="case.reported", case__events__data__channel="hotline")
        .first()
    )
    if link is None:
        return
    client = link.client
    # Labels in the platform's language (Chinese), whoever's request caused the event.
    with translation.override(settings.LANGUAGE_CODE):
        for kind, payload in messages_for(case, event):
            enqueue(client, f"hotline.{kind}", payload, subject=case.external_id)


def messages_for(case, event):
    """The (kind, payload) pairs that ``event`` of ``case`` sends to 12345."""
    common = {
        "event_id": event.pk,
        "event": event.type,
        "order_number": case.external_id,
        "case_number": case.number,
        "status": status_of(event.to_state),
        "state": event.to_state,
        "state_label": state_label(event.to_state),
        "at": local_iso(event.at),
        "unit": unit_of(case),
    }
    messages = [("state_changed", {"kind": "state_changed", **common, "note": event.note})]
    if event.type in RETURNING_EVENTS:
        messages.append(
            (
                "returned",
                {
                    "kind": "returned",
                    **common,
                    "reason": event.note,
                    "result_code": RESULT_RETURNED,
                    "result_label": str(RESULT_LABELS[RESULT_RETURNED]),
                },
            )
        )
    elif event.type == "case.extension_requested":
        unit = event.data.get("unit", "")
        messages.append(
            (
                "extension_requested",
                {
                    "kind": "extension_requested",
                    **common,
                    "extension": {
                        "amount": event.data.get("amount"),
                        "unit": unit,
                        "unit_label": str(LimitUnit(unit).label) if unit in LimitUnit.values else unit,
                        "reason": event.note,
                    },
                },
            )
        )
    elif event.type == "case.closed":
        disposal = (
            case.events.filter(type__in=("case.disposed", "case.self_disposed"))
            .order_by("-at", "-pk")
            .first()
        )
        photos = (
            Attachment.objects.filter(event=disposal, kind=AttachmentKind.AFTER).order_by("pk")
            if disposal
            else []
        )
        messages.append(
            (
                "result",
                {
                    "kind": "result",
                    **common,
                    "result_code": RESULT_SOLVED,
                    "result_label": str(RESULT_LABELS[RESULT_SOLVED]),
                    "result_text": disposal.note if disposal else event.note,
                    "closing_note": event.note,
                    "photos": [
                        {
                            "url": attachment_url(photo),
                            "media_type": photo.media_type,
                            "taken_at": local_iso(photo.taken_at),
                        }
                        for photo in photos
                    ],
                },
            )
        )
    return messages


# ---------------------------------------------------------------------------------------------
# Photo links that 12345 can open without an account


def attachment_url(attachment):
    """An absolute link to ``attachment`` that anyone holding it may download, until it expires.

    The token is signed with SECRET_KEY (django.core.signing) and carries its time; changing
    one character of it makes the link fail.
    """
    token = signing.dumps({"attachment": attachment.pk}, salt=ATTACHMENT_SALT)
    return settings.PUBLIC_URL + reverse("hotline:attachment", args=[token])


def attachment_from_token(token):
    """The Attachment a link's token names; signing.SignatureExpired or signing.BadSignature,
    or Attachment.DoesNotExist."""
    days = getattr(settings, "HOTLINE_ATTACHMENT_LINK_DAYS", ATTACHMENT_LINK_DAYS)
    value = signing.loads(token, salt=ATTACHMENT_SALT, max_age=timedelta(days=days))
    return Attachment.objects.get(pk=value["attachment"])
