"""Problems found by the monthly inspection or on the public order day, made cases in one click.

Both keep their own record of the finding (with its photos and videos); the case is reported with
the source "inspection", the finding named in the report's details, and the finding keeps its
case and who made it.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from . import workflow
from .models import Source


def reporter_for(person, jurisdiction_id):
    """The person to report a found problem as, when their own role may report cases (a
    command-center operator); otherwise None: the platform reports it."""
    roles = [role for role in workflow.TRANSITIONS["report"].roles if role != workflow.SYSTEM]
    if person.jurisdiction_id == jurisdiction_id and any(person.has_role(role) for role in roles):
        return person
    return None


def photo_copies(stored):
    """Fresh copies of a finding's stored images for its case (videos stay with the finding), so
    neither archive depends on the other's files. ``stored``: objects with ``file`` and ``is_image``."""
    copies = []
    for item in stored:
        if item.is_image:
            with item.file.open("rb") as handle:
                copies.append(ContentFile(handle.read(), name=os.path.basename(item.file.name)))
    return copies


def report_finding(finding, *, actor, jurisdiction, minor_class, address, photos, details, at=None):
    """Report ``finding`` (locked by the caller's transaction) as a case and link it; refused when
    it is a case already. Returns the Case."""
    if finding.case_id:
        raise ValidationError(
            _("This finding is already a case: %(number)s.") % {"number": finding.case.number}
        )
    case = workflow.report(
        jurisdiction=jurisdiction,
        source=Source.INSPECTION,
        minor_class=minor_class,
        description=finding.description,
        lon=finding.lon,
        lat=finding.lat,
        address=address,
        actor=reporter_for(actor, jurisdiction.pk),
        photos=photos,
        details=details,
        at=at,
    )
    finding.case = case
    finding.case_made_by = actor
    finding.case_made_at = case.reported_at
    finding.save(update_fields=["case", "case_made_by", "case_made_at"])
    return case
