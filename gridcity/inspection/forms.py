"""The forms of the inspection pages: they parse what was typed; gridcity.inspection.monthly
decides whether it may be done."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.catalog.models import MinorClass
from gridcity.org.models import Unit, User

from .draw import DEFAULT_COUNT, MAX_SEED
from .models import Strategy
from .monthly import MAX_DEDUCTION, team_candidates

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by gridcity.cases.uploads later."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return person.display_name


class OpenForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"}),
        help_text=_("As year-month, e.g. 2026-11."),
    )
    grid_count = forms.IntegerField(
        label=_("Number of grids drawn"), min_value=1, max_value=999, initial=DEFAULT_COUNT
    )
    strategy = forms.ChoiceField(
        label=_("Way of drawing"),
        choices=Strategy.choices,
        initial=Strategy.PER_ZONE,
        widget=forms.RadioSelect,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("Leave empty: the platform draws a seed at random. The seed is recorded and shown."),
    )
    team_units = UnitChoiceField(
        label=_("Member units of the team"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "The team is formed from member units of the leading group; %(value)s is not one."
            )
        },
    )
    inspectors = PersonChoiceField(
        label=_("Inspectors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, jurisdiction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_units"].queryset = Unit.objects.filter(
            jurisdiction=jurisdiction, is_member=True, is_active=True
        ).order_by("kind", "code")
        self.fields["inspectors"].queryset = team_candidates(jurisdiction)
        if not self.is_bound:
            self.initial.setdefault("month", f"{timezone.localdate():%Y-%m}")

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        match = MONTH.match(text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(
                _("“%(text)s” is not a month; write it as year-month, e.g. 2026-11."), params={"text": text}
            )
        return date(int(match[1]), int(match[2]), 1)


class FindingForm(forms.Form):
    description = forms.CharField(
        label=_("Problem found"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    minor_class = forms.ModelChoiceField(label=_("Class"), queryset=MinorClass.objects.none())
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none(), required=False)
    party = forms.ModelChoiceField(label=_("Responsible party"), queryset=None, required=False)
    deduction = forms.DecimalField(
        label=_("Points deducted"),
        min_value=0,
        max_value=MAX_DEDUCTION,
        decimal_places=1,
        max_digits=4,
        help_text=_("Deducted from the responsible unit's score of the month (out of 100)."),
    )
    found_on = forms.DateField(label=_("Found on"), widget=DATE_INPUT)
    lon = forms.FloatField(
        label=_("Longitude"), required=False, help_text=_("Empty: the centre of the grid.")
    )
    lat = forms.FloatField(label=_("Latitude"), required=False)
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={"required": _("Every problem found is photographed: add at least one photo.")},
    )
    videos = MultipleFileField(
        label=_("Videos"), required=False, widget=MultipleFileInput(attrs={"accept": "video/*"})
    )

    def __init__(self, *args, sheet, parties, **kwargs):
        super().__init__(*args, **kwargs)
        inspection = sheet.inspection
        self.fields["minor_class"].queryset = MinorClass.objects.active().select_related("major")
        self.fields["unit"].queryset = Unit.objects.filter(
            jurisdiction_id=inspection.jurisdiction_id, is_active=True
        ).order_by("kind", "code")
        self.fields["unit"].label_from_instance = lambda unit: unit.name
        self.fields["party"].queryset = parties
        if not self.is_bound:
            today = timezone.localdate()
            in_month = today if today.replace(day=1) == inspection.month else inspection.month
            self.initial.setdefault("found_on", in_month)
            self.initial.setdefault("unit", sheet.grid.zone.supervising_unit_id)

    def uploads(self):
        return [*self.cleaned_data["photos"], *self.cleaned_data["videos"]]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
