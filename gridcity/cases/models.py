from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction, Place, Unit
from gridcity.worktime.units import LimitUnit


class State(models.TextChoices):
    """Where a case stands. gridcity.cases.workflow.TRANSITIONS is the graph between them."""

    REPORTED = "reported", _("Reported")  # 待受理
    VERIFYING = "verifying", _("Awaiting verification")  # 待核实
    FILED = "filed", _("Filed, awaiting dispatch")  # 已立案 / 待派遣
    DISPATCHED = "dispatched", _("Dispatched, awaiting signature")  # 已派遣 / 待签收
    IN_DISPOSAL = "in_disposal", _("In disposal")  # 处置中
    SUSPENDED = "suspended", _("Suspended")  # 挂账
    CHECKING = "checking", _("Awaiting check")  # 待核查
    CHECKED = "checked", _("Checked, awaiting closure")  # 待结案
    CLOSED = "closed", _("Closed")  # 已结案
    DECLINED = "declined", _("Not filed")  # 不予立案
    VOIDED = "voided", _("Voided")  # 作废


OPEN_STATES = frozenset(
    {
        State.REPORTED,
        State.VERIFYING,
        State.FILED,
        State.DISPATCHED,
        State.IN_DISPOSAL,
        State.SUSPENDED,
        State.CHECKING,
        State.CHECKED,
    }
)
ENDED_STATES = frozenset({State.CLOSED, State.DECLINED, State.VOIDED})


class Source(models.TextChoices):
    COLLECTOR = "collector", _("Information collector")
    HOTLINE_12319 = "12319", _("12319 city-management hotline")
    HOTLINE_12345 = "12345", _("12345 citizen hotline")
    PUBLIC = "public", _("Public report")
    INSPECTION = "inspection", _("Inspection")
    LEADER = "leader", _("Leader's instruction")
    OTHER_SYSTEM = "other_system", _("Other system")


class PendingRequest(models.TextChoices):
    NONE = "", _("None")
    RETURN = "return", _("Return")  # 回退
    EXTENSION = "extension", _("Extension")  # 延期
    SUSPENSION = "suspension", _("Suspension")  # 挂账


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def in_jurisdiction(self, jurisdiction):
        return self.filter(jurisdiction=jurisdiction)

    def overdue(self):
        return self.open().filter(stage_breached=True)


class Case(models.Model):
    """A problem reported in the city, from report to closure (案卷).

    Only gridcity.cases.workflow changes ``state`` and the stage columns; every change writes
    one Event row in the same transaction, so the log explains every number computed later.
    """

    # No single-column indexes where a composite index of Meta.indexes starts with the column:
    # every transition rewrites the case row, and each index makes that write dearer.
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    number = models.CharField(_("case number"), max_length=24, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    external_id = models.CharField(
        _("external id"), max_length=64, blank=True, help_text=_("Work-order number in the source system.")
    )
    minor_class = models.ForeignKey(
        "catalog.MinorClass",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("class"),
        db_index=False,
    )
    condition = models.ForeignKey(
        "catalog.Condition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("filing condition"),
    )
    description = models.TextField(_("description"))
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="cases", verbose_name=_("grid")
    )
    zone = models.ForeignKey(
        "grids.Zone", on_delete=models.PROTECT, related_name="cases", verbose_name=_("zone")
    )
    place = models.CharField(_("place"), max_length=30, choices=Place.choices, default=Place.ANY)
    component = models.ForeignKey(
        "catalog.Component",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("component"),
    )
    # The reporter's personal data never appears on a public page.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_cases",
        verbose_name=_("reported by"),
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=30, blank=True)

    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REPORTED)
    current_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("unit"),
        db_index=False,
    )
    reported_at = models.DateTimeField(_("reported at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # The open stage's clock: when it started, its limit and deadline. tick marks the
    # breach once (stage_breached), through the partial index below.
    stage_started_at = models.DateTimeField(_("stage started at"), null=True, blank=True)
    stage_limit = models.DecimalField(_("stage limit"), max_digits=8, decimal_places=2, null=True, blank=True)
    stage_limit_unit = models.CharField(
        _("stage limit unit"), max_length=20, choices=LimitUnit.choices, blank=True
    )
    stage_due_at = models.DateTimeField(_("stage deadline"), null=True, blank=True)
    stage_breached = models.BooleanField(_("stage overdue"), default=False)
    # The disposal clock runs from dispatch to feedback (CJ/T 315) and survives signing,
    # suspension and extension.
    disposal_started_at = models.DateTimeField(_("disposal started at"), null=True, blank=True)
    disposal_due_at = models.DateTimeField(_("disposal deadline"), null=True, blank=True)
    disposal_extension = models.DecimalField(
        _("extension granted"), max_digits=8, decimal_places=2, default=0
    )  # in the unit of the disposal limit
    disposal_remaining = models.FloatField(
        _("disposal time left when suspended"), null=True, blank=True
    )  # in the unit of the disposal limit
    resume_at = models.DateTimeField(_("resume at"), null=True, blank=True)

    pending_request = models.CharField(
        _("pending request"), max_length=20, choices=PendingRequest.choices, blank=True, default=""
    )
    pending_request_data = models.JSONField(_("pending request details"), default=dict, blank=True)

    urgent = models.BooleanField(_("urgent"), default=False)
    supervised = models.BooleanField(_("supervised"), default=False)  # 督办
    self_disposed = models.BooleanField(_("self-disposed"), default=False)
    return_count = models.PositiveSmallIntegerField(_("returns"), default=0)
    rework_count = models.PositiveSmallIntegerField(_("reworks"), default=0)
    extension_count = models.PositiveSmallIntegerField(_("extensions"), default=0)
    urge_count = models.PositiveSmallIntegerField(_("urges"), default=0)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    # Bumped by every transition: a page that shows version N and acts on N+1 is told the
    # case changed meanwhile, instead of overwriting someone else's work.
    version = models.PositiveIntegerField(default=0)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-reported_at"]
        indexes = [
            # tick looks for open stages past their deadline that are not yet marked.
            models.Index(
                fields=["stage_due_at"],
                name="case_stage_due_unbreached",
                condition=Q(stage_breached=False, stage_due_at__isnull=False),
            ),
            models.Index(fields=["resume_at"], name="case_resume_due", condition=Q(state="suspended")),
            models.Index(fields=["jurisdiction", "state", "reported_at"], name="case_state_reported"),
            models.Index(fields=["current_unit", "state"], name="case_unit_state"),
            models.Index(fields=["minor_class", "reported_at"], name="case_class_reported"),
            # The console's case list (gridcity.console.filters) shows a first page ORDER BY
            # reported_at DESC, id DESC LIMIT 51 under one filter. These let PostgreSQL walk an
            # index in the page's order and stop, instead of sorting a million cases: unfiltered
            # and by report date (3 s → 1 ms at 1,000,000 cases, bench/bench_console.py), and by
            # source, whose rarer values (leader's instructions, 2 %) were found and counted by
            # scanning the table (140 ms).
            models.Index(fields=["jurisdiction", "reported_at", "id"], name="case_list_reported"),
            models.Index(fields=["jurisdiction", "source", "reported_at", "id"], name="case_list_source"),
            # The list sorted by deadline: nearest first (ASC NULLS LAST, PostgreSQL's index order)…
            models.Index(fields=["jurisdiction", "stage_due_at", "id"], name="case_list_deadline"),
            # …and latest first with the cases that have no deadline still last. DESC NULLS LAST
            # cannot be spelt in SQLite's CREATE INDEX, so the order is a COALESCE to a date before
            # any case; the list sorts by this very expression (3 s → 1 ms).
            models.Index(
                models.F("jurisdiction"),
                models.functions.Coalesce(
                    "stage_due_at",
                    models.Value("0001-01-01 00:00:00+00:00", output_field=models.DateTimeField()),
                ).desc(),
                models.F("id").desc(),
                name="case_list_deadline_desc",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="case_external_id_unique_per_source",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class CaseText(models.Model):
    """The two-character pieces of a case's description and address, written once when it is reported.

    Text search on PostgreSQL looks a word up here through a GIN index (gridcity.cases.search)
    instead of reading every case. A narrow table of its own, because the case row is updated at
    every transition and each update would have to rewrite an index on it.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="+")
    bigrams = models.TextField()  # distinct, lower-case, separated by spaces

    def __str__(self):
        return str(self.case_id)


class CaseCounter(models.Model):
    """The last serial number given per jurisdiction and day (case numbers)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "day"], name="one_counter_per_day")]

    def __str__(self):
        return f"{self.day} {self.last}"


class Event(models.Model):
    """One thing that happened to a case: append-only, the truth evaluation reads."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(_("event"), max_length=50)  # dotted, e.g. case.dispatched
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="case_events"
    )
    actor_role = models.CharField(_("role"), max_length=30, blank=True)
    actor_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # What evaluation counts by, kept in columns so a quarter's millions of events are summed
    # without reading JSON: the unit holding the case at this event (after it, or before it when
    # the event takes the case away: a return, a reopening), and the deadline of the stage this
    # event ended, so "on time" is ``at <= due_at`` for every step of the cycle.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    due_at = models.DateTimeField(_("deadline of the stage ended"), null=True, blank=True)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["type", "at"], name="event_type_at")]

    def __str__(self):
        return f"{self.case_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    REPORT = "report", _("Report photo")
    BEFORE = "before", _("Before disposal")
    AFTER = "after", _("After disposal")
    VERIFICATION = "verification", _("Verification or check")


class Attachment(models.Model):
    """A photo or video of a case. Never deleted by a state change."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    media_type = models.CharField(_("media type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size"))
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.file.name


class StageLimit(models.Model):
    """A jurisdiction's time limit for a workflow stage (defaults in gridcity.cases.deadlines)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="stage_limits")
    state = models.CharField(_("stage"), max_length=20, choices=State.choices)
    amount = models.DecimalField(_("limit"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=LimitUnit.choices)
    urgent_amount = models.DecimalField(
        _("limit for urgent cases"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("stage time limit")
        verbose_name_plural = _("stage time limits")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "state"], name="one_limit_per_stage")]

    def __str__(self):
        return f"{self.get_state_display()}: {self.amount} {self.get_unit_display()}"
