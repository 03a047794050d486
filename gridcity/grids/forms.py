from django import forms
from django.utils.translation import gettext_lazy as _

from gridcity.org.models import Jurisdiction

# A county's layer is a few hundred kB; a city's 10,000 grids stay well under this.
MAX_LAYER_BYTES = 50 * 1024 * 1024


class LayerImportForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(Jurisdiction.objects.all(), label=_("Jurisdiction"))
    file = forms.FileField(label=_("GeoJSON file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LAYER_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": upload.size // (1024 * 1024), "limit": MAX_LAYER_BYTES // (1024 * 1024)}
            )
        return upload
