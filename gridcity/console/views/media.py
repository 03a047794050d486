"""Case photos and videos, to the people who may see their case.

Every uploaded file belongs to an attachment of a case; the file is sent only to someone who may
see that case (console.access.visible_cases), and anyone else gets the same 404 as for a file that
does not exist. In production the view only decides: it answers with an ``X-Accel-Redirect`` to
the internal location ``GRIDCITY_MEDIA_ACCEL_REDIRECT`` (e.g. ``/protected-media/``) and nginx
sends the bytes (docs/deploy.md §9); without that setting Django streams the file itself.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from gridcity.cases.models import Attachment

from ..access import staff_required, visible_cases
from ..responses import private_file_response


@staff_required
def attachment_file(request, name):
    attachment = Attachment.objects.filter(file=name).only("case_id", "file", "media_type").first()
    if attachment is None or not visible_cases(request.user).filter(pk=attachment.case_id).exists():
        raise Http404(_("No such file, or not one you may see."))
    response = private_file_response(attachment.file, attachment.media_type)
    if response is None:
        raise Http404(_("No such file, or not one you may see."))
    return response
