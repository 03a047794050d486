"""What Open311 clients must tell us beyond the fields of a case: the questions (attributes) of a
service, as GeoReport v2's service definition describes them.

Each active minor class of the catalogue is one Open311 service (gridcity.open311.catalogue);
a class with attributes is served with ``metadata=true`` and its definition lists them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Codes travel as ``attribute[CODE]`` in a form body: letters, digits, "_" and "-" survive
# every client's encoding.
validate_attribute_code = RegexValidator(
    r"^[A-Za-z0-9_-]+\Z", _("Use letters, digits, “_” and “-” only."), code="attribute_code"
)


class Datatype(models.TextChoices):
    """The datatypes of GeoReport v2's service definition."""

    STRING = "string", _("One line of text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Text (several lines)")
    SINGLEVALUELIST = "singlevaluelist", _("One value from a list")
    MULTIVALUELIST = "multivaluelist", _("Several values from a list")


LIST_DATATYPES = (Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST)


class ServiceAttribute(models.Model):
    """One question a client asks the reporter of a problem of a class (e.g. 井盖: 丢失还是破损?)."""

    minor_class = models.ForeignKey(
        "catalog.MinorClass",
        on_delete=models.CASCADE,
        related_name="service_attributes",
        verbose_name=_("class"),
    )
    code = models.CharField(
        _("code"),
        max_length=50,
        validators=[validate_attribute_code],
        help_text=_("Sent by clients as attribute[code]; unique within the class."),
    )
    variable = models.BooleanField(
        _("asks for an answer"),
        default=True,
        help_text=_("Off: the text is only shown to the reporter; nothing is asked."),
    )
    datatype = models.CharField(_("datatype"), max_length=20, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    datatype_description = models.CharField(
        _("input hint"), max_length=200, blank=True, help_text=_("How to answer, e.g. “in metres”.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1)], help_text=_("Position in the form, 1 first.")
    )
    description = models.TextField(_("question"))
    values = models.JSONField(
        _("values"),
        default=list,
        blank=True,
        help_text=_(
            "For the list datatypes: the choices, each a key (what is sent) and a name (what is shown)."
        ),
    )

    class Meta:
        verbose_name = _("service attribute")
        verbose_name_plural = _("service attributes")
        ordering = ["minor_class", "order"]
        constraints = [
            models.UniqueConstraint(fields=["minor_class", "code"], name="service_attribute_code_unique"),
            models.UniqueConstraint(fields=["minor_class", "order"], name="service_attribute_order_unique"),
        ]

    def __str__(self):
        return f"{self.code}: {self.description[:40]}"

    def clean(self):
        errors = {}
        values = self.values if self.values is not None else []
        if self.datatype in LIST_DATATYPES:
            problem = _values_problem(values)
            if problem:
                errors["values"] = problem
        elif values:
            errors["values"] = _("Only the list datatypes have values; leave them empty.")
        if errors:
            raise ValidationError(errors)


def _values_problem(values):
    """What is wrong with a list attribute's values, or None."""
    if not isinstance(values, list) or not values:
        return _("A list attribute needs at least one value.")
    keys = set()
    for value in values:
        if (
            not isinstance(value, dict)
            or set(value) != {"key", "name"}
            or not all(isinstance(value[part], str) and value[part].strip() for part in ("key", "name"))
        ):
            return _("Each value is a key and a name, both non-empty text.")
        if value["key"] in keys:
            return _("The key “%(key)s” appears twice.") % {"key": value["key"]}
        keys.add(value["key"])
    return None


class IntakeState(models.TextChoices):
    WAITING = "waiting", _("Waiting to be filed")
    FILED = "filed", _("Filed as a case")
    REFUSED = "refused", _("Could not be filed")


class Intake(models.Model):
    """A service request accepted in batch mode (OPEN311_INTAKE = "batch"), waiting to be filed.

    The POST checks everything a report needs and answers with a token at the cost of this one
    row; the worker files it through cases.workflow.report a moment later, at the time it was
    received, and GET tokens/<token> then gives the case number.
    """

    token = models.CharField(_("token"), max_length=32, unique=True)
    client = models.ForeignKey(
        "clients.ApiClient", on_delete=models.PROTECT, related_name="+", verbose_name=_("API client")
    )
    received_at = models.DateTimeField(_("received at"))
    # workflow.report's arguments as JSON: the ids of the class, the fields and the details.
    report = models.JSONField(_("report"))
    state = models.CharField(
        _("state"), max_length=10, choices=IntakeState.choices, default=IntakeState.WAITING
    )
    claimed_until = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    error = models.TextField(_("why it was not filed"), blank=True)

    class Meta:
        verbose_name = _("request waiting to be filed")
        verbose_name_plural = _("requests waiting to be filed")
        indexes = [
            # The worker's query: the waiting ones, oldest first.
            models.Index(
                fields=["received_at"], name="open311_intake_waiting", condition=models.Q(state="waiting")
            )
        ]

    def __str__(self):
        return self.token
