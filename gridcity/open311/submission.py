"""A POSTed Open311 service request, checked and turned into the arguments of workflow.report.

Everything a client can get wrong is found here, before anything is written, and reported
together: one error per problem, each naming the parameter.
"""

import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gridcity.cases.models import Case

from .catalogue import Attribute
from .formats import Refusal
from .models import Datatype

MAX_DESCRIPTION = 4000  # characters, GeoReport v2
MAX_STRING = 1000  # a one-line attribute answer
MAX_SHORT = 200  # device_id, account_id
MAX_URL = 2000

# attribute[CODE] and attribute[CODE][] (a multivaluelist sent PHP-style)
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?\Z")
_CJK = re.compile(r"[\u3400-\u9fff]")
_validate_url = URLValidator(schemes=["http", "https"])


def _value(data, name):
    """A parameter's value, stripped; an empty parameter counts as absent."""
    return (data.get(name) or "").strip()


def submitted_attributes(data):
    """{code: [non-empty values]} of every attribute[...] parameter in the body."""
    answers = {}
    for key, values in data.lists():
        match = _ATTRIBUTE.match(key)
        if match:
            answers.setdefault(match.group(1), []).extend(v.strip() for v in values if v.strip())
    return answers


def check_attribute(attribute: Attribute, values):
    """The answer to store for ``attribute`` given the submitted ``values``; ValidationError if wrong."""
    name = {"attribute": attribute.description, "code": attribute.code}
    if attribute.datatype == Datatype.MULTIVALUELIST:
        unknown = [value for value in values if value not in attribute.keys]
        if unknown:
            raise ValidationError(
                _(
                    "“%(value)s” is not a choice of “%(attribute)s” (attribute[%(code)s]); the choices are %(keys)s."
                )
                % {**name, "value": unknown[0], "keys": ", ".join(key for key, _n in attribute.values)}
            )
        return list(dict.fromkeys(values))
    if len(values) > 1:
        raise ValidationError(_("“%(attribute)s” (attribute[%(code)s]) takes one value.") % name)
    value = values[0]
    if attribute.datatype == Datatype.SINGLEVALUELIST:
        if value not in attribute.keys:
            raise ValidationError(
                _(
                    "“%(value)s” is not a choice of “%(attribute)s” (attribute[%(code)s]); the choices are %(keys)s."
                )
                % {**name, "value": value, "keys": ", ".join(key for key, _n in attribute.values)}
            )
    elif attribute.datatype == Datatype.NUMBER:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ValidationError(_("“%(attribute)s” (attribute[%(code)s]) must be a number.") % name)
    elif attribute.datatype == Datatype.DATETIME:
        moment = _parse_datetime(value)
        if moment is None:
            raise ValidationError(
                _(
                    "“%(attribute)s” (attribute[%(code)s]) must be a date and time such as 2026-05-01T08:30:00+08:00."
                )
                % name
            )
        return moment.isoformat()
    elif attribute.datatype == Datatype.STRING:
        if "\n" in value or "\r" in value:
            raise ValidationError(_("“%(attribute)s” (attribute[%(code)s]) takes one line of text.") % name)
        if len(value) > MAX_STRING:
            raise ValidationError(
                _("“%(attribute)s” (attribute[%(code)s]) may be at most %(limit)s characters long.")
                % {**name, "limit": MAX_STRING}
            )
    elif len(value) > MAX_DESCRIPTION:
        raise ValidationError(
            _("“%(attribute)s” (attribute[%(code)s]) may be at most %(limit)s characters long.")
            % {**name, "limit": MAX_DESCRIPTION}
        )
    return value


def _parse_datetime(value):
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def reporter_name(first, last):
    """One name from Open311's two: 张 + 伟 → 张伟 (family name first), John + Smith → John Smith."""
    if _CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def _coordinate(text, name, lowest, highest, problems):
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and lowest <= value <= highest):
        problems.append(
            _("%(name)s must be a number of degrees between %(lowest)s and %(highest)s (WGS84).")
            % {"name": name, "lowest": lowest, "highest": highest}
        )
        return None
    return value


def report_arguments(data, service, client, photos):
    """The keyword arguments of workflow.report for a POSTed request of ``service`` by ``client``.

    Raises Refusal (400) listing every problem found.
    """
    problems = []

    # Location: we file every case in the grid that contains it, so we need the point.
    lat_text, long_text = _value(data, "lat"), _value(data, "long")
    address = _value(data, "address_string")
    lat = lon = None
    if not lat_text and not long_text:
        if address or _value(data, "address_id"):
            problems.append(
                _(
                    "Send the location as lat and long (WGS84 degrees): every case is placed in its grid, "
                    "which an address alone does not tell."
                )
            )
        else:
            problems.append(_("Send the location as lat and long (WGS84 degrees)."))
    elif not lat_text or not long_text:
        problems.append(_("Send both lat and long."))
    else:
        lat = _coordinate(lat_text, "lat", -90, 90, problems)
        lon = _coordinate(long_text, "long", -180, 180, problems)
    if len(address) > Case._meta.get_field("address").max_length:
        problems.append(
            _("address_string may be at most %(limit)s characters long.")
            % {"limit": Case._meta.get_field("address").max_length}
        )

    description = _value(data, "description")
    if len(description) > MAX_DESCRIPTION:
        problems.append(
            _("The description is %(length)s characters long; at most %(limit)s are accepted.")
            % {"length": len(description), "limit": MAX_DESCRIPTION}
        )

    name = reporter_name(_value(data, "first_name"), _value(data, "last_name"))
    if len(name) > Case._meta.get_field("reporter_name").max_length:
        problems.append(
            _("first_name and last_name together may be at most %(limit)s characters long.")
            % {"limit": Case._meta.get_field("reporter_name").max_length}
        )
    phone = _value(data, "phone")
    if len(phone) > Case._meta.get_field("reporter_phone").max_length:
        problems.append(
            _("phone may be at most %(limit)s characters long.")
            % {"limit": Case._meta.get_field("reporter_phone").max_length}
        )

    details = {"client": client.pk, "channel": "open311"}
    email = _value(data, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("email “%(email)s” is not an e-mail address.") % {"email": email})
        details["email"] = email
    media_url = _value(data, "media_url")
    if media_url:
        try:
            if len(media_url) > MAX_URL:
                raise ValidationError("too long")
            _validate_url(media_url)
        except ValidationError:
            problems.append(_("media_url must be an http or https address."))
        details["media_url"] = media_url
    for field in ("device_id", "account_id"):
        value = _value(data, field)
        if len(value) > MAX_SHORT:
            problems.append(
                _("%(name)s may be at most %(limit)s characters long.") % {"name": field, "limit": MAX_SHORT}
            )
        if value:
            details[field] = value

    answers = {}
    submitted = submitted_attributes(data) if service.attributes else {}
    for attribute in service.attributes:
        if not attribute.variable:
            continue  # shown to the reporter, nothing to answer
        values = submitted.get(attribute.code)
        if not values:
            if attribute.required:
                problems.append(
                    _("“%(attribute)s” (attribute[%(code)s]) is required.")
                    % {"attribute": attribute.description, "code": attribute.code}
                )
            continue
        try:
            answers[attribute.code] = check_attribute(attribute, values)
        except ValidationError as error:
            problems.extend(error.messages)
    if answers:
        details["attributes"] = answers

    if problems:
        raise Refusal(400, *problems)
    return {
        "jurisdiction": client.jurisdiction,
        "source": client.source,
        "minor_class": service.minor_class,
        "description": description or service.name,
        "lon": lon,
        "lat": lat,
        "address": address,
        "reporter_name": name,
        "reporter_phone": phone,
        "photos": photos,
        "details": details,
        "actor": None,
    }
