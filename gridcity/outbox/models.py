"""Messages to other systems, written in the transaction of the change they announce and sent
afterwards by the worker (gridcity.outbox.delivery), with a row per attempt in the delivery log.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.clients.models import ApiClient


class MessageState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Given up")


class MessageQuerySet(models.QuerySet):
    def due(self, now):
        """Pending messages whose time has come and that no worker holds (or whose claim lapsed)."""
        return self.filter(state=MessageState.PENDING, next_attempt_at__lte=now).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
        )


class Message(models.Model):
    """One webhook call to make: the body is signed and sent exactly as stored.

    ``next_attempt_at`` is the next deadline of a pending message; the worker finds the due ones
    through the partial index below and claims each with a conditional UPDATE of ``claimed_until``.
    """

    State = MessageState

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="messages", verbose_name=_("API client")
    )
    topic = models.CharField(_("topic"), max_length=50)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    body = models.TextField(_("body"))
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState.choices, default=MessageState.PENDING
    )
    # Attempts since the message was queued or last sent again from the admin: the backoff and
    # the limit count these. Every attempt ever made stays in the delivery log.
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # A worker that claimed the message is sending it until then; after a crash the claim lapses
    # and another worker takes the message.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-id"]
        indexes = [
            # The worker's query every second: only pending messages are indexed, so the index
            # stays as small as the backlog however many messages were delivered.
            models.Index(fields=["next_attempt_at"], name="outbox_message_due", condition=Q(state="pending")),
        ]
        permissions = [("resend_message", _("Can send outgoing messages again"))]

    def __str__(self):
        return f"#{self.pk} {self.topic} {self.subject}".strip()


class Delivery(models.Model):
    """One attempt to send a message: what the receiver answered, or why there was no answer."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("message")
    )
    attempt = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    response_excerpt = models.CharField(_("response (beginning)"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery log")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.message_id} #{self.attempt}"
