"""The small forms of the case page: one per transition that needs input.

A form only parses what was typed into the keyword arguments of the workflow function
(``arguments()``); whether the step is allowed, and every rule of the case cycle, stay in
gridcity.cases.workflow. Every form carries the case version the page showed.
"""

from datetime import datetime, time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gridcity.cases.duplicates import possible_duplicates
from gridcity.catalog.models import Condition, MinorClass
from gridcity.org.duties import suggest_unit
from gridcity.org.models import Unit
from gridcity.worktime.units import LimitUnit

from .access import visible_cases

# Any image or video: a phone then offers its camera as well as its gallery.
PHOTO_TYPES = "image/*,video/*"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotoField(forms.FileField):
    """Several photos or videos from one file input (the phone's camera or its gallery)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_TYPES}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ActionForm(forms.Form):
    """A transition without input: the button and the version of the case it was shown for."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    has_files = False

    def __init__(self, *args, case, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("version", case.version)
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user

    def arguments(self):
        """Keyword arguments for the workflow function, besides the case, actor and version."""
        return {}


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def arguments(self):
        return {"note": self.cleaned_data["note"]}


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def arguments(self):
        return {"reason": self.cleaned_data["reason"]}


def _aware_day(day):
    """The start of a chosen day, local time: "resume on 3 March" means from that morning."""
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


class FileForm(ActionForm):
    minor_class = forms.ModelChoiceField(
        label=_("Class"),
        queryset=MinorClass.objects.none(),
        required=False,
        help_text=_("Change it only if the report was filed under the wrong class."),
    )
    condition = forms.ModelChoiceField(label=_("Filing condition"), queryset=None, required=False)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
        self.fields["minor_class"].queryset = MinorClass.objects.active().select_related("major")
        self.fields["minor_class"].initial = case.minor_class_id
        self.fields["urgent"].initial = case.urgent
        # The conditions of the class chosen in this form (after a change of class), else the case's.
        chosen = self.data.get(self.add_prefix("minor_class")) if self.is_bound else None
        class_id = int(chosen) if chosen and str(chosen).isdigit() else case.minor_class_id
        conditions = self.fields["condition"]
        conditions.queryset = Condition.objects.filter(minor_id=class_id)
        conditions.label_from_instance = lambda condition: condition.filing_condition
        if len(conditions.queryset) == 1:
            conditions.initial = conditions.queryset[0].pk

    def clean_condition(self):
        condition = self.cleaned_data.get("condition")
        chosen = self.cleaned_data.get("minor_class")
        if condition is not None and chosen is not None and condition.minor_id != chosen.pk:
            return None  # chosen for the former class: the workflow asks again
        return condition

    def arguments(self):
        chosen = self.cleaned_data["minor_class"]
        return {
            "condition": self.cleaned_data["condition"],
            "minor_class": chosen if chosen is not None and chosen.pk != self.case.minor_class_id else None,
            "urgent": self.cleaned_data["urgent"],
            "note": self.cleaned_data["note"],
        }


class MergeForm(ActionForm):
    into = forms.ChoiceField(label=_("Possible duplicates"), required=False, widget=forms.RadioSelect)
    number = forms.CharField(label=_("Or the number of the original case"), required=False, max_length=24)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = possible_duplicates(self.case)
        self.fields["into"].choices = [
            (other.number, f"{other.number} · {other.get_state_display()} · {distance:.0f} m")
            for other, distance in self.duplicates
        ]

    def clean(self):
        cleaned = super().clean()
        number = (cleaned.get("number") or "").strip() or cleaned.get("into")
        if not number:
            raise ValidationError(_("Choose the case this one repeats, or type its number."))
        original = visible_cases(self.user).filter(number=number).first()
        if original is None:
            raise ValidationError(_("No case %(number)s that you may see.") % {"number": number})
        cleaned["original"] = original
        return cleaned

    def arguments(self):
        return {"into": self.cleaned_data["original"], "note": self.cleaned_data["note"]}


class DispatchForm(ActionForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
        self.fields["unit"].queryset = Unit.objects.filter(
            jurisdiction_id=case.jurisdiction_id, is_active=True
        )
        self.suggestion = suggest_unit(case.jurisdiction, case.minor_class, case.place, case.component)
        if self.suggestion is not None:
            self.fields["unit"].initial = self.suggestion.unit.pk

    def arguments(self):
        return {"unit": self.cleaned_data["unit"], "note": self.cleaned_data["note"]}


class ExtensionForm(ActionForm):
    amount = forms.DecimalField(
        label=_("Extra time"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        condition = self.case.condition
        if condition is not None:
            unit = LimitUnit(condition.limit_unit).label
            self.fields["amount"].label = _("Extra time (%(unit)s)") % {"unit": unit}

    def arguments(self):
        return {"amount": self.cleaned_data["amount"], "reason": self.cleaned_data["reason"]}


class SuspensionForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    resume_on = forms.DateField(
        label=_("Resume on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty when no date is known; the dispatcher resumes it by hand."),
    )

    def arguments(self):
        return {
            "reason": self.cleaned_data["reason"],
            "resume_at": _aware_day(self.cleaned_data["resume_on"]),
        }


class ApproveSuspensionForm(ActionForm):
    resume_on = forms.DateField(
        label=_("Resume on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to keep the date the unit asked for."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def arguments(self):
        return {"resume_at": _aware_day(self.cleaned_data["resume_on"]), "note": self.cleaned_data["note"]}


class PhotoNoteForm(ActionForm):
    """A note and photos: feedback, a check, a self-disposal."""

    has_files = True
    note_required = True
    note_label = _("What was done")
    photos_label = _("Photos after disposal")

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotoField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = self.note_required
        self.fields["note"].label = self.note_label
        self.fields["photos"].label = self.photos_label

    def arguments(self):
        return {"note": self.cleaned_data["note"], "photos": self.cleaned_data["photos"]}


class FeedbackForm(PhotoNoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The workflow refuses a feedback without a photo for such classes; the browser says so first.
        if self.case.minor_class.photo_required:
            self.fields["photos"].widget.attrs["required"] = True


class SelfDisposeForm(FeedbackForm):
    pass


class PassCheckForm(PhotoNoteForm):
    note_required = False
    note_label = _("Note")
    photos_label = _("Photos of the check")


class FailCheckForm(PhotoNoteForm):
    note_label = _("What is still wrong")
    photos_label = _("Photos of the check")


class VerifyForm(PhotoNoteForm):
    note_required = False
    note_label = _("Note")
    photos_label = _("Photos taken on site")

    confirmed = forms.TypedChoiceField(
        label=_("Is the problem there?"),
        choices=[("yes", _("Yes, the problem is there")), ("no", _("No, nothing found"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    field_order = ["confirmed", "note", "photos"]

    def arguments(self):
        return {"confirmed": self.cleaned_data["confirmed"], **super().arguments()}


FORMS = {
    "file": FileForm,
    "decline": ReasonForm,
    "void": ReasonForm,
    "merge": MergeForm,
    "verify": VerifyForm,
    "dispatch": DispatchForm,
    "request_return": ReasonForm,
    "refuse_return": ReasonForm,
    "request_extension": ExtensionForm,
    "refuse_extension": ReasonForm,
    "request_suspension": SuspensionForm,
    "approve_suspension": ApproveSuspensionForm,
    "refuse_suspension": ReasonForm,
    "feedback": FeedbackForm,
    "pass_check": PassCheckForm,
    "fail_check": FailCheckForm,
    "self_dispose": SelfDisposeForm,
    "reopen": ReasonForm,
    "urge": NoteForm,
}


def form_for(action, case, user, data=None, files=None):
    """The form of ``action`` for ``case``; bound when ``data`` is given."""
    form_class = FORMS.get(action, ActionForm)
    # Several forms share a page: distinct ids, but the plain field names ("version", "reason").
    return form_class(data, files, case=case, user=user, auto_id=f"id_{action}_%s")
