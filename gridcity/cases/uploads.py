"""Photos and videos of a case: checked for type and size before anything is written."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Container signatures of the videos a phone records (MP4/MOV share the ISO-BMFF "ftyp" box).
VIDEO_SIGNATURES = {
    b"ftyp": "video/mp4",  # at offset 4
    b"\x1aE\xdf\xa3": "video/webm",  # EBML header at offset 0
}
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "HEIC": "image/heic"}


@dataclass
class Upload:
    file: object  # a Django File / UploadedFile
    media_type: str
    size: int
    taken_at: datetime | None = None
    lon: float | None = None
    lat: float | None = None

    @property
    def is_image(self):
        return self.media_type.startswith("image/")


def _limit(name, default):
    return getattr(settings, name, default)


def check_upload(file):
    """An Upload for an image or video file, or ValidationError naming what is wrong."""
    name = getattr(file, "name", "") or _("(unnamed)")
    size = file.size
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    media_type = None
    if head[4:8] in VIDEO_SIGNATURES:
        media_type = VIDEO_SIGNATURES[head[4:8]]
    elif head[:4] in VIDEO_SIGNATURES:
        media_type = VIDEO_SIGNATURES[head[:4]]
    if media_type:
        limit = _limit("CASE_VIDEO_MAX_BYTES", 200 * 1024 * 1024)
        if size > limit:
            raise ValidationError(
                _("The video %(name)s is %(size)s MB; the limit is %(limit)s MB.")
                % {"name": name, "size": size // 2**20, "limit": limit // 2**20}
            )
        return Upload(file, media_type, size)
    try:
        with Image.open(file) as image:
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("%(name)s is neither a photo (JPEG, PNG, WebP) nor a video (MP4, MOV, WebM).") % {"name": name}
        ) from None
    finally:
        file.seek(0)
    if image_format not in IMAGE_TYPES:
        raise ValidationError(_("Photos of type %(type)s are not accepted.") % {"type": image_format})
    limit = _limit("CASE_PHOTO_MAX_BYTES", 15 * 1024 * 1024)
    if size > limit:
        raise ValidationError(
            _("The photo %(name)s is %(size)s MB; the limit is %(limit)s MB.")
            % {"name": name, "size": size // 2**20, "limit": limit // 2**20}
        )
    taken_at, lon, lat = _exif_time_and_place(exif)
    return Upload(file, IMAGE_TYPES[image_format], size, taken_at, lon, lat)


def _exif_time_and_place(exif):
    """The time (DateTimeOriginal, local time) and GPS position a camera wrote, if any."""
    taken_at = lon = lat = None
    try:
        raw = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)  # DateTimeOriginal, DateTime
        if raw:
            taken_at = timezone.make_aware(datetime.strptime(str(raw).strip("\x00"), "%Y:%m:%d %H:%M:%S"))
        gps = exif.get_ifd(0x8825)
        if gps and 2 in gps and 4 in gps:
            lat = _degrees(gps[2]) * (-1 if gps.get(1) == "S" else 1)
            lon = _degrees(gps[4]) * (-1 if gps.get(3) == "W" else 1)
    except (ValueError, TypeError, KeyError, ZeroDivisionError):
        pass  # a camera's odd EXIF never stops a report; the fields stay empty
    return taken_at, lon, lat


def _degrees(value):
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def check_uploads(files):
    """Check every file; ValidationError lists all the bad ones."""
    uploads, problems = [], []
    for file in files:
        try:
            uploads.append(check_upload(file))
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return uploads
