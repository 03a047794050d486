from django import forms
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction

from .register import MAX_UPLOAD_BYTES, guess_format


class ComponentImportForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(Jurisdiction.objects.all(), label=_("Jurisdiction"))
    file = forms.FileField(label=_("CSV or GeoJSON file"))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("From the file name (.csv, .geojson)")), ("csv", "CSV"), ("geojson", "GeoJSON")],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": upload.size // (1024 * 1024), "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not cleaned.get("format"):
            cleaned["format"] = guess_format(upload.name)
            if cleaned["format"] is None:
                self.add_error(
                    "format",
                    _("The file name ends neither in .csv nor in .geojson: choose the format."),
                )
        return cleaned
