"""The order day's forms: they turn what people typed into values. Whether the values may be
written (the jurisdiction, the dates, the photos, who may act) is decided by actions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gridcity.catalog.models import MinorClass
from gridcity.frontage.models import Party
from gridcity.org.models import Unit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrderDayForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=DATE_INPUT,
        error_messages={"required": _("Give the date of the order day."), "invalid": _("Give a date.")},
    )
    reason = forms.CharField(
        label=_("Reason for another date than the 15th"),
        max_length=200,
        required=False,
        help_text=_("E.g. moved for a public holiday."),
    )


class ParticipationForm(forms.Form):
    leader_took_part = forms.BooleanField(label=_("The sponsoring county leader took part"), required=False)
    # Every unit and party is accepted here so that actions.record_participation can say which one
    # belongs elsewhere; the page offers only the jurisdiction's units and the grid's parties.
    units = forms.ModelMultipleChoiceField(
        label=_("Units that took part"), queryset=Unit.objects.all(), required=False
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Responsible parties that took part"), queryset=Party.objects.all(), required=False
    )
    head_count = forms.IntegerField(
        label=_("Head-count"),
        min_value=0,
        required=False,
        error_messages={
            "invalid": _("The head-count is a whole number, zero or more."),
            "min_value": _("The head-count is a whole number, zero or more."),
        },
    )
    work_done = forms.CharField(
        label=_("Work done"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckForm(forms.Form):
    RESULTS = [("passed", _("Passed")), ("failed", _("Failed"))]

    checked_on = forms.DateField(
        label=_("Checked on"),
        widget=DATE_INPUT,
        error_messages={"required": _("Give the date of the check."), "invalid": _("Give a date.")},
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=RESULTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the grid passed the check.")},
    )
    score = forms.DecimalField(
        label=_("Score (0–100, optional)"),
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        required=False,
        error_messages={"invalid": _("The score is a number from 0 to 100.")},
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @property
    def passed(self):
        return self.cleaned_data["result"] == "passed"


class FindingForm(forms.Form):
    description = forms.CharField(
        label=_("What was found"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe what the check found.")},
    )
    lon = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        error_messages={"invalid": _("The longitude must be a number such as 118.7985.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    lat = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        error_messages={"invalid": _("The latitude must be a number such as 35.1710.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if (data.get("lon") is None) != (data.get("lat") is None) and not self.errors:
            raise forms.ValidationError(_("Give both the longitude and the latitude, or neither."))
        return data


class CaseForm(forms.Form):
    minor_class = forms.ModelChoiceField(
        label=_("Class of the problem"),
        queryset=MinorClass.objects.active().select_related("major"),
        error_messages={
            "required": _("Choose the class of the problem."),
            "invalid_choice": _("Choose the class of the problem."),
        },
    )
