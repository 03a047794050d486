"""The forms of the frontage register's pages: the party list's filters and the party page's actions.

They only read and check what was typed; the rules live in gridcity.frontage (agreements,
inspections), which the views call.
"""

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.frontage.agreements import default_term
from gridcity.frontage.geometry import MAX_DEPTH_M, parse_coordinate_text
from gridcity.frontage.models import Agreement, AgreementState, Ineligibility, PartyKind
from gridcity.grids.models import Grid, Zone
from gridcity.org.models import Unit

from .filters import QuickSelect

# The party list's "agreement" filter: the state of the agreement the list shows for a party
# (its current one), or "not signed": no agreement in force, as the coverage pages count it.
NOT_SIGNED = "unsigned"
STATE_FILTER_CHOICES = [
    ("", _("All")),
    (AgreementState.SIGNED, _("Signed (in force)")),
    (AgreementState.DRAFT, _("Draft")),
    (AgreementState.EXPIRED, _("Expired")),
    (AgreementState.TERMINATED, _("Terminated")),
    (NOT_SIGNED, _("Not signed (no agreement in force)")),
]


def current_agreements():
    """A party's agreements, the one that describes it best first: in force, then the latest
    draft, then the latest expired, then terminated (selectors.STATE_PRIORITY)."""
    rank = Case(
        When(state=AgreementState.SIGNED, then=Value(0)),
        When(state=AgreementState.DRAFT, then=Value(1)),
        When(state=AgreementState.EXPIRED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        Agreement.objects.filter(party=OuterRef("pk"))
        .annotate(rank=rank)
        .order_by("rank", "-starts_on", "-pk")
    )


def with_current(parties, year):
    """``parties`` annotated with their current agreement (id, state, signing unit), whether one is
    in force, and whether they are ineligible for the awards of ``year``."""
    current = current_agreements()
    return parties.annotate(
        current_id=Subquery(current.values("pk")[:1]),
        current_state=Subquery(current.values("state")[:1]),
        current_unit_id=Subquery(current.values("signing_unit_id")[:1]),
        is_signed=Exists(Agreement.objects.filter(party=OuterRef("pk"), state=AgreementState.SIGNED)),
        ineligible=Exists(
            Ineligibility.objects.filter(party=OuterRef("pk"), year=year, override__isnull=True)
        ),
    )


class PartyFilterForm(forms.Form):
    """The filters of the party list, read from the query string (a bookmarkable URL)."""

    FILTERS = ("q", "kind", "zone", "grid", "state", "unit", "ineligible")

    q = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, code or address"), "autocomplete": "off"}
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of party"), required=False)
    zone = forms.ChoiceField(label=_("Zone"), required=False)
    grid = forms.ChoiceField(label=_("Grid"), required=False, widget=QuickSelect)
    state = forms.ChoiceField(label=_("Agreement"), required=False, choices=STATE_FILTER_CHOICES)
    unit = forms.ChoiceField(label=_("Signing unit"), required=False)
    ineligible = forms.BooleanField(label=_("Ineligible for awards this year"), required=False)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, *, jurisdiction_id=None, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(PartyKind.choices)
        zones = Zone.objects.filter(jurisdiction_id=jurisdiction_id).order_by("code")
        self.fields["zone"].choices = everything + [
            (str(pk), f"{code} {name}") for pk, code, name in zones.values_list("pk", "code", "name")
        ]
        grids = Grid.objects.filter(jurisdiction_id=jurisdiction_id).order_by("code")
        self.fields["grid"].choices = everything + [
            (str(pk), f"{code} {name}") for pk, code, name in grids.values_list("pk", "code", "name")
        ]
        units = Unit.objects.filter(jurisdiction_id=jurisdiction_id).order_by("name")
        self.fields["unit"].choices = everything + [
            (str(pk), name) for pk, name in units.values_list("pk", "name")
        ]

    @property
    def page_number(self):
        return (self.cleaned_data.get("page") if self.is_valid() else None) or 1

    def apply(self, parties):
        """``parties`` (annotated by with_current) narrowed by the valid filters."""
        data = self.cleaned_data
        text = data["q"].strip()
        if text:
            parties = parties.filter(
                Q(name__icontains=text)
                | Q(credit_code__icontains=text)
                | Q(licence_number__icontains=text)
                | Q(address__icontains=text)
            )
        if data["kind"]:
            parties = parties.filter(kind=data["kind"])
        if data["zone"]:
            parties = parties.filter(zone_id=int(data["zone"]))
        if data["grid"]:
            parties = parties.filter(grid_id=int(data["grid"]))
        if data["state"] == NOT_SIGNED:
            parties = parties.filter(is_signed=False)
        elif data["state"]:
            parties = parties.filter(current_state=data["state"])
        if data["unit"]:
            parties = parties.filter(current_unit_id=int(data["unit"]))
        if data["ineligible"]:
            parties = parties.filter(ineligible=True)
        return parties

    def chosen(self):
        """[(label, value shown)] of the filters in use."""
        if not self.is_valid():
            return []
        chosen = []
        for name in self.FILTERS:
            value = self.cleaned_data.get(name)
            if not value:
                continue
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                shown = str(dict(field.choices).get(value, value))
            elif isinstance(field, forms.BooleanField):
                shown = str(_("yes"))
            else:
                shown = str(value)
            chosen.append((field.label, shown))
        return chosen


# -- the party page's actions ------------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.Form):
    """An action on one agreement of the party: the agreement's number travels in the form."""

    agreement = forms.CharField(widget=forms.HiddenInput, max_length=32)


class DraftForm(forms.Form):
    signing_unit = forms.ModelChoiceField(label=_("Signing unit"), queryset=Unit.objects.none())
    starts_on = forms.DateField(label=_("Term starts"), widget=DATE_INPUT)
    ends_on = forms.DateField(
        label=_("Term ends"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Empty: one year from the start, to the day before."),
    )

    def __init__(self, *args, party, suggestion=None, units=None, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "signing_unit": suggestion.unit.pk if suggestion else None,
                "starts_on": today,
                "ends_on": default_term(today)[1],
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["signing_unit"]
        field.queryset = Unit.objects.filter(jurisdiction_id=party.jurisdiction_id).order_by("name")
        if units is not None:  # the page's own list: no second query for the choices
            field.choices = [("", "---------")] + [(unit.pk, unit.name) for unit in units]


class RenewForm(AgreementForm):
    starts_on = forms.DateField(
        label=_("Term starts"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Empty: the day after the current term ends."),
    )
    ends_on = forms.DateField(
        label=_("Term ends"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Empty: one year from the start, to the day before."),
    )


class SignForm(AgreementForm):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_INPUT)
    party_signatory = forms.CharField(label=_("Signed for the party by"), max_length=50)
    unit_signatory = forms.CharField(label=_("Signed for the unit by"), max_length=50)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("signed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class TerminateForm(AgreementForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, strip=True
    )


PASSED, FAILED = "passed", "failed"


class InspectForm(forms.Form):
    """One pass/fail choice per standard of the party's kind (fields ``item_<number>``)."""

    inspected_on = forms.DateField(label=_("Inspected on"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args, standards=(), **kwargs):
        kwargs.setdefault("initial", {"inspected_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        for standard in self.standards:
            self.fields[f"item_{standard.number}"] = forms.ChoiceField(
                label=f"{standard.number}. {standard.text}",
                choices=[(PASSED, _("passed")), (FAILED, _("failed"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose passed or failed.")},
            )

    def item_fields(self):
        return [self[f"item_{standard.number}"] for standard in self.standards]

    def results(self):
        return {
            standard.number: self.cleaned_data[f"item_{standard.number}"] == PASSED
            for standard in self.standards
        }


class LiftForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, strip=True
    )


class FrontageForm(forms.Form):
    """The frontage drawn on the page's map (the map writes the positions into the text) or typed:
    "lon,lat; lon,lat; …" along the building line, closed on its first position for an area,
    or a GeoJSON geometry, as in the Excel import."""

    frontage = forms.CharField(
        label=_("Positions"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        max_length=20000,
        help_text=_(
            "Click the map along the building line, or type “longitude,latitude; …”. "
            "End on the first position to draw an area."
        ),
    )
    depth_m = forms.FloatField(
        label=_("Depth (m)"),
        min_value=0.1,
        max_value=MAX_DEPTH_M,
        help_text=_("From the building line to the kerb."),
    )

    def clean_frontage(self):
        try:
            return parse_coordinate_text(self.cleaned_data["frontage"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    @staticmethod
    def text_of(frontage):
        """The positions of a stored frontage as the form writes them."""
        if not frontage or frontage.get("type") not in ("LineString", "Polygon"):
            return ""
        positions = (
            frontage["coordinates"] if frontage["type"] == "LineString" else frontage["coordinates"][0]
        )
        return "; ".join(f"{lon:.7f},{lat:.7f}" for lon, lat in positions)
