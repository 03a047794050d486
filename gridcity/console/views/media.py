"""Case photos and videos, to the people who may see their case.

Every uploaded file belongs to an attachment of a case; the file is sent only to someone who may
see that case (console.access.visible_cases), and anyone else gets the same 404 as for a file that
does not exist. In production the view only decides: it answers with an ``X-Accel-Redirect`` to
the internal location ``GRIDCITY_MEDIA_ACCEL_REDIRECT`` (e.g. ``/protected-media/``) and nginx
sends the bytes (docs/deploy.md §9); without that setting Django streams the file itself.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from gridcity.cases.models import Attachment

from ..access import staff_required, visible_cases


@staff_required
def attachment_file(request, name):
    attachment = Attachment.objects.filter(file=name).only("case_id", "file", "media_type").first()
    if attachment is None or not visible_cases(request.user).filter(pk=attachment.case_id).exists():
        raise Http404(_("No such file, or not one you may see."))
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=attachment.media_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{attachment.file.name}"
    else:
        try:
            response = FileResponse(attachment.file.open("rb"), content_type=attachment.media_type)
        except FileNotFoundError:
            raise Http404(_("No such file, or not one you may see.")) from None
    # Private to this person's browser: a shared cache must never hand it to someone else.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
