"""Responses several parts of the site give alike: the page after a POST, an Excel download, a
private file."""

import tempfile

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SeeOther(HttpResponseRedirect):
    """After a POST, the page to show next (303: the browser asks for it with GET)."""

    status_code = 303


def xlsx_response(write, filename):
    """A download of the workbook ``write(file)`` writes."""
    # Deleted when the response, having streamed it, closes it.
    buffer = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)


def private_file_response(file, media_type):
    """A stored photo or video for one person's browser (through nginx when
    GRIDCITY_MEDIA_ACCEL_REDIRECT is set); None when the file is gone from the storage."""
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=media_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{file.name}"
    else:
        try:
            response = FileResponse(file.open("rb"), content_type=media_type)
        except FileNotFoundError:
            return None
    # Private to this person's browser: a shared cache must never hand it to someone else.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
