"""Frontage responsibility (门前三包): the parties, their frontages and agreements, inspections
against the standards, award eligibility, the link between cases and parties, and the
grid-management agreements of the sponsoring county leaders (R4, R5, R11, R12).

Rows change through the domain modules next to this one (parties, imports, agreements,
inspections, accountability); the admin calls the same functions.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction, Place, Unit


class PartyKind(models.TextChoices):
    """The kinds of responsible party the implementing rules name (细则 §二)."""

    ORGAN = "organ", _("Government organ")  # 机关
    ASSOCIATION = "association", _("Association")  # 团体
    SCHOOL = "school", _("School")  # 学校
    ENTERPRISE = "enterprise", _("Enterprise or institution")  # 企事业单位
    VILLAGE_COMMUNITY = "village_community", _("Village or community")  # 村居（社区）
    MARKET = "market", _("Market")  # 市场
    CONSTRUCTION_SITE = "construction_site", _("Construction site")  # 建筑工地
    CAR_PARK = "car_park", _("Car park")  # 停车场
    STATION = "station", _("Station")  # 车站
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")  # 个体工商户
    OTHER = "other", _("Other organisation")  # 其他组织


class Guarantee(models.TextChoices):
    """The three guarantees (三包)."""

    SANITATION = "sanitation", _("Sanitation")  # 包卫生
    GREENING = "greening", _("Greening")  # 包绿化
    ORDER = "order", _("Order and city appearance")  # 包秩序（市容）


class PartyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_jurisdiction(self, jurisdiction):
        return self.filter(jurisdiction=jurisdiction)


class Party(models.Model):
    """A responsible party (责任主体) with its frontage area (责任区).

    The frontage is a GeoJSON geometry in WGS84: a LineString (the building line; the area
    reaches ``depth_m`` from it, to the kerb) or a Polygon drawn as the area itself. Written by
    gridcity.frontage.parties, which checks it and finds the grid of the party's location.
    The contact person and phone are masked in lists and never shown on a public page.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="parties", verbose_name=_("jurisdiction")
    )
    kind = models.CharField(_("kind of party"), max_length=30, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        help_text=_("18 characters (GB 32100-2015); or give the licence registration number."),
    )
    licence_number = models.CharField(
        _("licence registration number"),
        max_length=15,
        blank=True,
        help_text=_("15 digits, for a party without a unified social credit code."),
    )
    place = models.CharField(
        _("kind of place"),
        max_length=30,
        choices=Place.choices,
        default=Place.ANY,
        help_text=_("Where the party lies; with the kind it decides which unit signs the agreement."),
    )
    address = models.CharField(_("address"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="parties", verbose_name=_("grid")
    )
    zone = models.ForeignKey(
        "grids.Zone", on_delete=models.PROTECT, related_name="parties", verbose_name=_("zone")
    )
    frontage = models.JSONField(
        _("frontage area"),
        null=True,
        blank=True,
        help_text=_(
            "GeoJSON geometry in WGS84: a LineString along the building line, or a Polygon of the area."
        ),
    )
    depth_m = models.FloatField(
        _("depth (m)"),
        default=5.0,
        help_text=_("For a line: how far the area reaches from the building line, to the kerb."),
    )
    frontage_length_m = models.FloatField(_("frontage length (m)"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("responsible party")
        verbose_name_plural = _("responsible parties")
        ordering = ["jurisdiction", "name", "pk"]
        indexes = [
            models.Index(fields=["jurisdiction", "grid"], name="party_grid"),
            models.Index(fields=["jurisdiction", "kind"], name="party_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "credit_code"],
                condition=~Q(credit_code=""),
                name="party_credit_code_unique",
                violation_error_message=_(
                    "A party with this unified social credit code is registered already."
                ),
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "licence_number"],
                condition=~Q(licence_number=""),
                name="party_licence_unique",
                violation_error_message=_(
                    "A party with this licence registration number is registered already."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(credit_code="", licence_number=""),
                name="party_has_an_identifier",
                violation_error_message=_(
                    "Give the unified social credit code, or the licence registration number."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def identifier(self):
        return self.credit_code or self.licence_number

    def clean(self):
        from .parties import party_problems

        party_problems(self, raise_error=True)


class FrontageRevision(models.Model):
    """A single row counting changes to parties' frontages.

    Each process keeps its frontage index in memory and compares this number now and then
    (GRID_INDEX_RECHECK_SECONDS, as for the grid index) to learn that another process changed it.
    """

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("frontage layer revision")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})


class SigningRule(models.Model):
    """One line of the signing table (R3, R4): parties of this kind, at this kind of place, in
    this zone, sign their agreement with this unit. gridcity.frontage.signing picks the most
    specific line; the suggestion can be changed on each agreement."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="signing_rules", verbose_name=_("jurisdiction")
    )
    party_kind = models.CharField(
        _("kind of party"),
        max_length=30,
        choices=PartyKind.choices,
        blank=True,
        help_text=_("Empty: every kind."),
    )
    place = models.CharField(_("kind of place"), max_length=30, choices=Place.choices, default=Place.ANY)
    zone = models.ForeignKey(
        "grids.Zone",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signing_rules",
        verbose_name=_("zone"),
        help_text=_("Empty: every zone."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="signing_rules", verbose_name=_("signing unit")
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("signing rule")
        verbose_name_plural = _("signing rules")
        ordering = ["jurisdiction", "party_kind", "place", "zone", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "party_kind", "place", "zone"],
                name="one_signing_rule_per_kind_place_zone",
            )
        ]

    def __str__(self):
        kind = self.get_party_kind_display() if self.party_kind else _("every kind")
        if self.zone_id:
            return f"{kind} · {self.get_place_display()} · {self.zone} → {self.unit}"
        return f"{kind} · {self.get_place_display()} → {self.unit}"

    def clean(self):
        errors = {}
        if self.unit_id and self.jurisdiction_id and self.unit.jurisdiction_id != self.jurisdiction_id:
            errors["unit"] = _("The unit belongs to another jurisdiction.")
        if self.zone_id and self.jurisdiction_id and self.zone.jurisdiction_id != self.jurisdiction_id:
            errors["zone"] = _("The zone belongs to another jurisdiction.")
        # The unique constraint treats every empty zone as different (NULL): check those here.
        same = SigningRule.objects.filter(
            jurisdiction_id=self.jurisdiction_id, party_kind=self.party_kind, place=self.place, zone=self.zone
        ).exclude(pk=self.pk)
        if self.jurisdiction_id and same.exists():
            errors["__all__"] = _("A rule for this kind of party, place and zone exists already.")
        if errors:
            raise ValidationError(errors)


class ChecklistItem(models.Model):
    """One standard a kind of party must keep (细则 §三, R5): the text of its agreement and an
    item of its inspections. A jurisdiction without its own items uses the defaults of
    gridcity.frontage.standards."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("jurisdiction")
    )
    party_kind = models.CharField(_("kind of party"), max_length=30, choices=PartyKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    guarantee = models.CharField(_("guarantee"), max_length=20, choices=Guarantee.choices)
    text = models.CharField(_("standard"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("standard (checklist item)")
        verbose_name_plural = _("standards (checklist)")
        ordering = ["jurisdiction", "party_kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "party_kind", "number"], name="one_checklist_item_per_number"
            )
        ]

    def __str__(self):
        return f"{self.get_party_kind_display()} {self.number}. {self.text}"


class AgreementState(models.TextChoices):
    """Where an agreement stands. gridcity.frontage.agreements.TRANSITIONS is the graph."""

    DRAFT = "draft", _("Draft")  # 草拟
    SIGNED = "signed", _("Signed")  # 已签订
    EXPIRED = "expired", _("Expired")  # 已到期
    TERMINATED = "terminated", _("Terminated")  # 已终止


class AgreementQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(state=AgreementState.SIGNED)


class Agreement(models.Model):
    """A frontage-responsibility agreement (《“门前三包”责任书》) between a signing unit and a
    party, for a term. Only gridcity.frontage.agreements changes ``state``, writing one
    AgreementEvent per change."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("jurisdiction")
    )
    number = models.CharField(_("agreement number"), max_length=32, unique=True)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("responsible party")
    )
    signing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="frontage_agreements", verbose_name=_("signing unit")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=AgreementState.choices, default=AgreementState.DRAFT
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    # The standards as they stood when the agreement was drafted: the signed text never
    # changes when the checklist is edited later. [{"number", "guarantee", "text"}, …]
    standards = models.JSONField(_("standards"), default=list)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    party_signatory = models.CharField(_("signed for the party by"), max_length=50, blank=True)
    unit_signatory = models.CharField(_("signed for the unit by"), max_length=50, blank=True)
    renews = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name=_("renews agreement"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("frontage agreement")
        verbose_name_plural = _("frontage agreements")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["party", "state"], name="agreement_party_state"),
            # The daily job looks for signed agreements near or past the end of their term.
            models.Index(fields=["ends_on"], name="agreement_signed_ends", condition=Q(state="signed")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="agreement_term_in_order")
        ]

    def __str__(self):
        return f"{self.number} {self.party}"

    def clean(self):
        errors = {}
        if (
            self.signing_unit_id
            and self.party_id
            and self.signing_unit.jurisdiction_id != self.party.jurisdiction_id
        ):
            errors["signing_unit"] = _("The signing unit must be a unit of the party's jurisdiction.")
        if self.party_id and not self.party.is_active:
            errors["party"] = _("%(party)s is no longer active.") % {"party": self.party.name}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The term ends (%(end)s) before it starts (%(start)s).") % {
                "end": self.ends_on,
                "start": self.starts_on,
            }
        if errors:
            raise ValidationError(errors)


class AgreementEvent(models.Model):
    """One thing that happened to an agreement: append-only."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="events", verbose_name=_("agreement")
    )
    type = models.CharField(_("event"), max_length=50)  # dotted, e.g. agreement.signed
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_events",
        verbose_name=_("acted by"),
    )
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")
        ordering = ["at", "pk"]
        constraints = [
            # The renewal reminder is written once per agreement, however often the job runs.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(type="agreement.renewal_reminded"),
                name="one_renewal_reminder_per_agreement",
            )
        ]

    def __str__(self):
        return f"{self.agreement_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


class CaseParty(models.Model):
    """The party responsible for the place where a case lies: the case was reported on its
    frontage (within FRONTAGE_TOLERANCE_M). Written by gridcity.frontage.accountability."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="frontage_link", verbose_name=_("case")
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="case_links", verbose_name=_("responsible party")
    )
    distance_m = models.FloatField(_("distance from the frontage area (m)"))
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("case on a frontage")
        verbose_name_plural = _("cases on frontages")
        ordering = ["-linked_at", "-pk"]

    def __str__(self):
        return f"{self.case_id} → {self.party_id}"


class Inspection(models.Model):
    """An inspection of one party against the standards of its kind (R5), with a result per
    item. Written by gridcity.frontage.inspections.record_inspection."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="frontage_inspections",
        verbose_name=_("jurisdiction"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("responsible party")
    )
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="frontage_inspections",
        verbose_name=_("inspector"),
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("passed"))
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("frontage inspection")
        verbose_name_plural = _("frontage inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["party", "inspected_on"], name="inspection_party_date")]

    def __str__(self):
        return f"{self.party} {self.inspected_on} {self.score}"


class InspectionResult(models.Model):
    """One checklist item of an inspection, passed or failed; the item's text is kept as it was."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="results", verbose_name=_("inspection")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    guarantee = models.CharField(_("guarantee"), max_length=20, choices=Guarantee.choices)
    text = models.CharField(_("standard"), max_length=300)
    passed = models.BooleanField(_("passed"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        ordering = ["inspection", "number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "number"], name="one_result_per_item")]

    def __str__(self):
        return f"{self.number} {'✓' if self.passed else '✗'}"


class Ineligibility(models.Model):
    """A party that failed three inspections in a row within a calendar year is not eligible
    for awards that year (细则 §六(四), R11). Computed by gridcity.frontage.inspections after
    each inspection; lifted only by an EligibilityOverride."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="ineligibilities", verbose_name=_("responsible party")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    since = models.DateField(_("since"), help_text=_("The date of the third failed inspection."))
    inspections = models.ManyToManyField(
        Inspection, related_name="+", verbose_name=_("failed inspections in a row")
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("award ineligibility")
        verbose_name_plural = _("award ineligibilities")
        ordering = ["-year", "party"]
        constraints = [models.UniqueConstraint(fields=["party", "year"], name="one_ineligibility_per_year")]

    def __str__(self):
        return f"{self.party} {self.year}"


class EligibilityOverride(models.Model):
    """An administrator lifted a party's ineligibility: who, when and why."""

    ineligibility = models.OneToOneField(
        Ineligibility, on_delete=models.PROTECT, related_name="override", verbose_name=_("ineligibility")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("lifted by")
    )
    at = models.DateTimeField(_("lifted at"), default=timezone.now)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.ineligibility} ({self.by})"


class Sponsorship(models.Model):
    """A grid-management agreement (网格化管理责任书, 细则 §六(四), R12): a county leader
    sponsors a grid, and the units in it take their duties, for a term."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="sponsorships", verbose_name=_("jurisdiction")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sponsorships",
        verbose_name=_("sponsoring county leader"),
    )
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="sponsorships", verbose_name=_("grid")
    )
    duties = models.TextField(_("leader's duties"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("grid sponsorship agreement")
        verbose_name_plural = _("grid sponsorship agreements")
        ordering = ["jurisdiction", "grid", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="sponsorship_term_in_order")
        ]

    def __str__(self):
        return f"{self.grid} · {self.leader}"


class SponsorshipMember(models.Model):
    """A unit or a responsible party of the grid that signed the sponsorship, and its duties."""

    sponsorship = models.ForeignKey(
        Sponsorship, on_delete=models.CASCADE, related_name="members", verbose_name=_("sponsorship")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsorship_memberships",
        verbose_name=_("responsible party"),
    )
    duties = models.TextField(_("duties"))

    class Meta:
        verbose_name = _("sponsorship member")
        verbose_name_plural = _("sponsorship members")
        ordering = ["sponsorship", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, party__isnull=True)
                | Q(unit__isnull=True, party__isnull=False),
                name="sponsorship_member_is_unit_or_party",
            )
        ]

    def __str__(self):
        return str(self.unit or self.party)
