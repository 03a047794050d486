"""Other systems that talk to gridcity through its APIs: the 12345 hotline platform, other
departments' systems, a public reporting app. Each has a key (stored hashed), scopes, a rate
limit and, when it wants to hear back, a webhook address with a signing secret.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import Case, Source
from gridcity.org.models import Jurisdiction


class Scope(models.TextChoices):
    OPEN311 = "open311", _("File service requests through Open311")
    HOTLINE = "hotline", _("Exchange work orders with the citizen hotline")


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=100)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("jurisdiction")
    )
    source = models.CharField(
        _("source of its cases"), max_length=20, choices=Source.choices, default=Source.OTHER_SYSTEM
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    # Only the key's first characters and its SHA-256 are stored: the key is random and long,
    # so a fast hash is as safe as a slow one and keeps every API request cheap.
    key_prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"), default=600, help_text=_("Requests beyond this in a minute are refused.")
    )
    webhook_url = models.URLField(
        _("webhook address"), blank=True, help_text=_("Where changes to its cases are sent (POST, JSON).")
    )
    # A signing secret has to be stored as it is: both sides compute the same HMAC with it.
    webhook_secret = models.CharField(_("signing secret"), max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_scope(self, scope):
        return scope in self.scopes


class ClientCase(models.Model):
    """The case a client created: its changes go back to that client's webhook."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="client_link")
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="cases")

    class Meta:
        verbose_name = _("case from a client")
        verbose_name_plural = _("cases from clients")

    def __str__(self):
        return f"{self.client} {self.case_id}"


class SeenSignature(models.Model):
    """Signatures of signed requests already accepted, so that a replayed request is refused.

    Kept for twice the accepted clock skew; older ones cannot pass the timestamp check anyway.
    """

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    signature = models.CharField(max_length=64)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "signature"], name="signature_seen_once_per_client")
        ]
        indexes = [models.Index(fields=["seen_at"], name="seen_signature_age")]

    def __str__(self):
        return self.signature
