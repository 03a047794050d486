"""The evaluation pages' forms: what a person types, checked before an evaluation function runs.

The functions check their own rules again (gridcity.evaluation.evaluations, .appeals); the forms
only turn the text into values and name what is missing or malformed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .periods import Period


class ComputeForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("A period that has ended: 2026-Q3 (quarter), 2026-07 (month) or 2026 (year)."),
    )

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"])
        except ValueError as error:
            raise ValidationError(str(error)) from None


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the appeal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Please give the reason for the appeal.")},
    )


class DecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"
    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))])
    note = forms.CharField(
        label=_("Decision note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when refusing: the unit reads why."),
    )
