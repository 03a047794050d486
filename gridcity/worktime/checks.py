"""System check worktime.W001: a jurisdiction lacks the public holidays of this year or the next."""

from django.core import checks
from django.db import DatabaseError, connections, router
from django.utils import timezone
from django.utils.translation import gettext as _


@checks.register("worktime")
def missing_holidays(app_configs, **kwargs):
    """One warning per jurisdiction whose calendar does not know this year's or next year's
    holidays; nothing while the database is unreachable or not migrated yet."""
    if app_configs is not None and not any(config.label == "worktime" for config in app_configs):
        return []
    from gridcity.org.models import Jurisdiction

    from .models import DayOverride, WorkPeriod
    from .selectors import missing_holidays_warning

    connection = connections[router.db_for_read(DayOverride)]
    needed = {model._meta.db_table for model in (Jurisdiction, WorkPeriod, DayOverride)}
    today = timezone.localdate()
    try:
        # Look before querying: on PostgreSQL a failed query inside a transaction would
        # break every query after it, and `check` also runs before the first `migrate`.
        if not needed <= set(connection.introspection.table_names()):
            return []
        jurisdictions = list(Jurisdiction.objects.using(connection.alias).order_by("code"))
        found = [(j, missing_holidays_warning(j, today)) for j in jurisdictions]
    except DatabaseError:
        # OperationalError (no server, no file) and ProgrammingError (no table) alike.
        return []
    return [
        checks.Warning(
            message,
            hint=_(
                "Enter the holidays and swapped working days as day overrides in the admin, or upgrade chinesecalendar to a release that covers the year."
            ),
            obj=jurisdiction,
            id="worktime.W001",
        )
        for jurisdiction, message in found
        if message
    ]
