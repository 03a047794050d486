from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .catalogue import service_code
from .models import LIST_DATATYPES, Intake, ServiceAttribute


class ValuesField(forms.CharField):
    """The choices of a list attribute, one per line as ``key=name`` (e.g. ``lost=丢失``)."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{item.get('key', '')}={item.get('name', '')}" for item in value)
        return value

    def to_python(self, value):
        values = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            key, equals, name = line.partition("=")
            if not equals or not key.strip() or not name.strip():
                raise ValidationError(
                    _("Line %(number)s: write key=name, e.g. lost=丢失."), params={"number": number}
                )
            values.append({"key": key.strip(), "name": name.strip()})
        return values


class ServiceAttributeForm(forms.ModelForm):
    values = ValuesField(
        label=_("values"),
        required=False,
        help_text=_(
            "Only for the list datatypes: one choice per line, key=name (the key is what clients send)."
        ),
    )

    class Meta:
        model = ServiceAttribute
        fields = [
            "minor_class",
            "order",
            "code",
            "description",
            "datatype",
            "required",
            "variable",
            "datatype_description",
            "values",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 60})}


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    """The questions of each Open311 service (a class of the catalogue), in the admin."""

    form = ServiceAttributeForm
    list_display = ["service", "order", "code", "description", "datatype", "required", "choice_count"]
    list_display_links = ["code"]
    list_filter = ["minor_class__major__kind", "datatype", "required"]
    list_select_related = ["minor_class__major"]
    search_fields = ["code", "description", "minor_class__name"]
    autocomplete_fields = ["minor_class"]
    ordering = ["minor_class__major__kind", "minor_class__major__code", "minor_class__code", "order"]

    @admin.display(description=_("service"), ordering="minor_class__major__code")
    def service(self, attribute):
        return f"{service_code(attribute.minor_class)} {attribute.minor_class.name}"

    @admin.display(description=_("choices"))
    def choice_count(self, attribute):
        return len(attribute.values) if attribute.datatype in LIST_DATATYPES else "—"


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    """Requests accepted in batch mode: the worker files them; the refused ones say why."""

    list_display = ["token", "client", "received_at", "state", "case", "error"]
    list_filter = ["state", "client"]
    search_fields = ["token"]
    list_select_related = ["client", "case"]
    readonly_fields = [field.name for field in Intake._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
