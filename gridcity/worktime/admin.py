from django.contrib import admin, messages
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gridcity.org.models import Jurisdiction

from .calendar import package_is_working_day
from .models import DayOverride, WorkPeriod
from .selectors import missing_holidays_warning


def holiday_warnings(user, today):
    """The missing-holidays warnings for the jurisdictions this person works for: their own,
    or all of them for someone attached to none (a platform administrator)."""
    if getattr(user, "jurisdiction_id", None):
        jurisdictions = Jurisdiction.objects.filter(pk=user.jurisdiction_id)
    else:
        jurisdictions = Jurisdiction.objects.order_by("code")
    warnings = []
    for jurisdiction in jurisdictions:
        warning = missing_holidays_warning(jurisdiction, today)
        if warning:
            warnings.append(
                _("%(jurisdiction)s: %(warning)s") % {"jurisdiction": jurisdiction, "warning": warning}
            )
    return warnings


class HolidayWarningMixin:
    """Shows the missing-holidays warning above the list, where the overrides are entered."""

    def changelist_view(self, request, extra_context=None):
        # Only on GET: an action's POST redirects to a GET, which would show it twice.
        if request.method == "GET":
            for warning in holiday_warnings(request.user, timezone.localdate()):
                messages.warning(request, warning)
        return super().changelist_view(request, extra_context)


@admin.register(WorkPeriod)
class WorkPeriodAdmin(HolidayWarningMixin, admin.ModelAdmin):
    list_display = ["__str__", "start", "end", "jurisdiction"]
    list_filter = ["jurisdiction"]
    list_select_related = ["jurisdiction"]


@admin.register(DayOverride)
class DayOverrideAdmin(HolidayWarningMixin, admin.ModelAdmin):
    list_display = ["date", "weekday", "is_working_day", "package_says", "note", "jurisdiction"]
    list_filter = ["jurisdiction", "is_working_day"]
    list_select_related = ["jurisdiction"]
    date_hierarchy = "date"
    search_fields = ["note"]

    @admin.display(description=gettext_lazy("weekday"), ordering="date")
    def weekday(self, obj):
        return formats.date_format(obj.date, "l")

    @admin.display(description=gettext_lazy("State Council calendar"))
    def package_says(self, obj):
        # What the day would be without this row: shows overrides that merely repeat the
        # package, and what a new-year notice changes.
        known = package_is_working_day(obj.date)
        if known is None:
            return _("unknown (the package does not cover %(year)s)") % {"year": obj.date.year}
        return _("working day") if known else _("day off")
