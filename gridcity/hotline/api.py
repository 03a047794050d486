"""The HTTP side of the hotline exchange: who is calling, how often, how big, signed or not.

Every answer that is not a success is ``{"errors": [{"code", "field", "description"}]}``; the
codes are stable (the OpenAPI file lists them), the descriptions are for people and follow
the request's language (Chinese unless the caller chose English with the language cookie).
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gridcity.clients import access, signing
from gridcity.clients.models import Scope

MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 20  # JSON nesting; the deepest real order has 3


class ApiError(Exception):
    """A refused request: the HTTP status and the errors to answer with."""

    def __init__(self, status, errors, headers=None):
        super().__init__(errors)
        self.status = status
        self.errors = errors
        self.headers = headers or {}

    @classmethod
    def one(cls, status, code, description, field="", headers=None):
        return cls(status, [error(code, description, field)], headers)


def error(code, description, field=""):
    return {"code": code, "field": field, "description": str(description)}


def error_response(status, errors, headers=None):
    return json_response({"errors": errors}, status, headers)


def json_response(data, status=200, headers=None):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def authenticate(request):
    """The API client of the request's bearer key with the hotline scope, or ApiError 401/403."""
    header = request.headers.get("Authorization", "")
    scheme, _space, key = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="gridcity-hotline"'}
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError.one(
            401,
            "missing_key",
            _("Send the API key as “Authorization: Bearer <key>”."),
            "Authorization",
            challenge,
        )
    key = key.strip()
    client = access.authenticate(key, Scope.HOTLINE)
    if client is not None:
        return client
    # The same key under another scope is a known client without the right to this API: 403
    # tells its administrator what to change, where 401 would send them looking for a typo.
    if any(access.authenticate(key, scope) for scope in Scope.values if scope != Scope.HOTLINE):
        raise ApiError.one(
            403,
            "scope_missing",
            _("This API key may not use the 12345 work-order exchange (scope “hotline”)."),
            "Authorization",
        )
    raise ApiError.one(
        401,
        "invalid_key",
        _("The API key is wrong, revoked or of an inactive client."),
        "Authorization",
        challenge,
    )


def check_rate(client):
    wait = access.over_rate_limit(client)
    if wait:
        raise ApiError.one(
            429,
            "rate_limited",
            _("More than %(count)s requests this minute; try again in %(seconds)s seconds.")
            % {"count": client.rate_limit, "seconds": wait},
            headers={"Retry-After": str(wait)},
        )


def read_body(request):
    """The raw body, refused with 413 beyond MAX_BODY_BYTES and 415 when it is not JSON."""
    too_large = ApiError.one(
        413,
        "too_large",
        _("The request body is larger than %(size)s bytes.") % {"size": MAX_BODY_BYTES},
    )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise too_large
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    media_type = request.content_type or ""
    if media_type != "application/json":
        raise ApiError.one(
            415,
            "unsupported_media_type",
            _("Send the body as JSON (Content-Type: application/json)."),
            "Content-Type",
        )
    return body


def check_signature(client, request, body):
    """Accept the body's signature once, or ApiError 401 (missing, wrong, stale) / 409 (replay)."""
    header = request.headers.get(signing.SIGNATURE_HEADER, "")
    if not header:
        raise ApiError.one(
            401,
            "signature_missing",
            _("Sign the body and send the signature in the %(header)s header.")
            % {"header": signing.SIGNATURE_HEADER},
            signing.SIGNATURE_HEADER,
        )
    try:
        signing.check_signature(client, body, header)
    except signing.Replayed as refusal:
        raise ApiError.one(409, "replayed", str(refusal), signing.SIGNATURE_HEADER) from None
    except signing.BadSignature as refusal:
        raise ApiError.one(401, "signature_invalid", str(refusal), signing.SIGNATURE_HEADER) from None


def _no_constant(name):
    # NaN and Infinity are not JSON, and PostgreSQL's jsonb refuses them.
    raise ValueError(f"{name} is not a JSON number")


def parse_json_object(body):
    too_deep = False
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as problem:
        raise ApiError.one(
            400, "malformed_json", _("The body is not valid JSON: %(problem)s") % {"problem": problem}
        ) from None
    except RecursionError:
        too_deep = True
    if too_deep or _depth(data) > MAX_DEPTH:
        raise ApiError.one(
            400,
            "too_deep",
            _("The body nests objects and lists deeper than %(depth)s levels.") % {"depth": MAX_DEPTH},
        )
    if not isinstance(data, dict):
        raise ApiError.one(400, "invalid_type", _("The body must be a JSON object."))
    if not all(_storable(text) for text in _strings(data)):
        raise ApiError.one(
            400,
            "invalid_character",
            _("The body contains a NUL character or an unpaired surrogate, which cannot be stored."),
        )
    return data


def _depth(value):
    """How deep ``value`` nests (a scalar: 0), counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _strings(value):
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _storable(text):
    """Whether ``text`` can go into a PostgreSQL text or jsonb column: no NUL, valid UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def endpoint(*, signed):
    """Wrap a view ``view(request, client, data, **kwargs)`` of the hotline API.

    Checks the key, the scope and the rate; for a signed endpoint also the size, the media type
    and the signature, then parses the JSON object. A signed endpoint runs in one transaction
    with the signature's record: a request refused for any reason writes nothing, so 12345 may
    correct and resend it, and the same bytes sent again are refused as a replay only after one
    of them was accepted.
    """

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, **kwargs):
            try:
                client = authenticate(request)
                check_rate(client)
                if not signed:
                    return view(request, client, None, **kwargs)
                body = read_body(request)
                with transaction.atomic():
                    check_signature(client, request, body)
                    return view(request, client, parse_json_object(body), **kwargs)
            except ApiError as refusal:
                return error_response(refusal.status, refusal.errors, refusal.headers)

        return wrapped

    return decorate
