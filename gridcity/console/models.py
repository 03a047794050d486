from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import State


class NotificationQuerySet(models.QuerySet):
    def for_person(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A line in a person's in-console notifications: a case entered their queue, or the
    deadline of a case in their queue is near or has passed.

    Written by gridcity.console.notifications only. The unique constraints make writing the same
    notification twice a no-op, so the deadline job may run as often, and from as many workers,
    as it likes.
    """

    class Kind(models.TextChoices):
        NEW_TASK = "new_task", _("New task")
        DEADLINE_NEAR = "deadline_near", _("Deadline near")
        DEADLINE_PASSED = "deadline_passed", _("Deadline passed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="notifications", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The case's state when written: the text says which task it was, even after the case moved on.
    state = models.CharField(_("state"), max_length=20, blank=True)
    # What the notification is about: the event that made the task (new task), or the stage
    # deadline (near, passed). An extension moves the deadline, and the new one is told again.
    event = models.ForeignKey(
        "cases.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    due_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The top bar counts a person's unread notifications on every page.
            models.Index(fields=["recipient"], name="notification_unread", condition=Q(read_at__isnull=True)),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"],
                condition=Q(event__isnull=False),
                name="notification_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["recipient", "case", "kind", "due_at"],
                condition=Q(due_at__isnull=False),
                name="notification_once_per_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id} {self.kind} {self.case_id}"

    @property
    def state_label(self):
        """The case's state when this was written, in words."""
        return State(self.state).label if self.state in State.values else self.state
