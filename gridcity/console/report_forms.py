"""The report form (上报): parses what a collector or the command center typed.

The form only turns text into values; whether a report may be made (the class, the point,
the photos) is decided by gridcity.cases.workflow.report.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gridcity.cases.models import Source
from gridcity.catalog.models import MinorClass
from gridcity.catalog.selectors import search_classes
from gridcity.org.models import Place
from gridcity.org.roles import Role

COMMAND_CENTER = {Role.ACCEPTOR, Role.SHIFT_LEADER}
# The sources the command center records a report from (a collector's own reports are "collector").
COMMAND_CENTER_SOURCES = [
    Source.HOTLINE_12319,
    Source.HOTLINE_12345,
    Source.PUBLIC,
    Source.LEADER,
    Source.INSPECTION,
    Source.OTHER_SYSTEM,
]


class ReportForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Source"), error_messages={"required": _("Choose where the report comes from.")}
    )
    reporter_name = forms.CharField(label=_("Caller's name"), max_length=50, required=False)
    reporter_phone = forms.CharField(
        label=_("Caller's phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        error_messages={
            "required": _("Give the position: use your location, tap the map or type the longitude."),
            "invalid": _("The longitude must be a number such as 118.7985."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        error_messages={
            "required": _("Give the position: use your location, tap the map or type the latitude."),
            "invalid": _("The latitude must be a number such as 35.1710."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address or landmark"), max_length=200, required=False)
    class_query = forms.CharField(label=_("Class of the problem"), max_length=50, required=False)
    minor_class = forms.CharField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the problem in a few words.")},
    )
    place = forms.ChoiceField(
        label=_("Kind of place"), choices=Place.choices, initial=Place.ANY, required=False
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.command_center = bool(user.roles & COMMAND_CENTER)
        if self.command_center:
            sources = list(COMMAND_CENTER_SOURCES)
            if Role.COLLECTOR in user.roles:
                sources.insert(0, Source.COLLECTOR)
            self.fields["source"].choices = [("", _("— choose —"))] + [(s.value, s.label) for s in sources]
        else:
            # A collector reports what he saw: the source is always "collector", the reporter himself.
            for name in ("source", "reporter_name", "reporter_phone"):
                del self.fields[name]

    def clean_minor_class(self):
        """The chosen class, or None (the workflow then asks for one).

        Someone who typed a name or code and submitted without tapping a result means the one
        class that matches it; more than one match stays unchosen.
        """
        value = self.cleaned_data.get("minor_class", "")
        if value.isdigit():
            return MinorClass.objects.active().select_related("major").filter(pk=value).first()
        matches = search_classes(self.data.get("class_query", ""), limit=2)
        return matches[0] if len(matches) == 1 else None

    def report_arguments(self):
        """Keyword arguments for gridcity.cases.workflow.report."""
        data = self.cleaned_data
        arguments = {
            "source": data["source"] if self.command_center else Source.COLLECTOR,
            "minor_class": data["minor_class"],
            "description": data["description"],
            "lon": data["lon"],
            "lat": data["lat"],
            "address": data["address"].strip(),
            "place": data["place"] or Place.ANY,
            "urgent": data["urgent"],
        }
        if self.command_center:
            arguments["reporter_name"] = data["reporter_name"].strip()
            arguments["reporter_phone"] = data["reporter_phone"].strip()
        return arguments
