"""Open311 GeoReport v2 endpoints (docs/open311.md): each in ``.xml`` and ``.json``.

The views only parse, check access and call one domain function (workflow.report for a new
request, the selectors for reads). Errors are ``errors[]`` with the HTTP status as their code:
400 for wrong input, 403 for key problems, 404 for what does not exist, 413 for a body too
large, 429 when a client exceeds its rate.
"""

import functools
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gridcity.cases import workflow
from gridcity.clients.access import over_rate_limit

from . import catalogue, formats, intake, keys, selectors, serialisers, submission
from .formats import Refusal

MAX_WINDOW = timedelta(days=90)
UPDATES_WINDOW = timedelta(hours=24)  # the updates feed's default window
MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000  # keeps the offset within what a database integer holds
DEFAULT_PHOTO_LIMIT = 15 * 2**20  # as gridcity.cases.uploads


def _param(params, name):
    """A parameter's value, stripped; empty means absent (GeoReport v2)."""
    return (params.get(name) or "").strip()


def _language(request):
    """The language of Accept-Language that we speak, else Simplified Chinese."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code).lower()
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def endpoint(*methods):
    """Serve a view in ``fmt``: unknown formats and methods, and every Refusal, become errors[]."""

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, fmt, **kwargs):
            language = _language(request)
            with translation.override(language):
                try:
                    if fmt not in formats.CONTENT_TYPES:
                        raise Refusal(
                            404, _("Unknown format “%(format)s”: use .xml or .json.") % {"format": fmt}
                        )
                    if request.method not in methods:
                        raise Refusal(
                            405,
                            _("%(method)s is not allowed here; use %(allowed)s.")
                            % {"method": request.method, "allowed": ", ".join(methods)},
                            headers={"Allow": ", ".join(methods)},
                        )
                    response = view(request, fmt, **kwargs)
                except Refusal as refusal:
                    response = formats.errors(fmt, refusal.status, refusal.messages, refusal.headers)
            response["Content-Language"] = language
            patch_vary_headers(response, ["Accept-Language"])
            return response

        return wrapper

    return decorate


def _jurisdiction(params, snapshot):
    """The jurisdiction a GET is about: jurisdiction_id, needed only when we serve several."""
    code = _param(params, "jurisdiction_id")
    if code:
        jurisdiction = snapshot.jurisdictions.get(code)
        if jurisdiction is None:
            raise Refusal(404, _("Unknown jurisdiction_id “%(code)s”.") % {"code": code})
        return jurisdiction
    if len(snapshot.jurisdictions) == 1:
        return next(iter(snapshot.jurisdictions.values()))
    if not snapshot.jurisdictions:
        raise Refusal(404, _("This server serves no jurisdiction yet."))
    raise Refusal(
        400,
        _("This server serves several jurisdictions: give jurisdiction_id, one of %(codes)s.")
        % {"codes": ", ".join(snapshot.jurisdictions)},
    )


# ---------------------------------------------------------------------------------------------
# Discovery and services


@endpoint("GET", "HEAD")
def discovery(request, fmt):
    url = request.build_absolute_uri(reverse("open311:discovery", args=["xml"])).removesuffix("discovery.xml")
    payload = serialisers.discovery(
        url,
        contact=getattr(settings, "OPEN311_CONTACT", "") or _("The digital city-management command center."),
        key_service=getattr(settings, "OPEN311_KEY_SERVICE", "")
        or _("Ask the command center for a key; its system administrator issues one under API clients."),
        test=settings.DEBUG,
    )
    return formats.respond(fmt, "discovery", payload)


@endpoint("GET", "HEAD")
def services(request, fmt):
    snapshot = catalogue.current()
    _jurisdiction(request.GET, snapshot)
    kind = intake.mode()
    key = ("services", fmt, kind)
    if key not in snapshot.rendered:
        snapshot.rendered[key] = formats.encode(
            fmt, "services", [serialisers.service(service, kind) for service in snapshot.listed]
        )
    return formats.respond(fmt, "services", None, body=snapshot.rendered[key])


@endpoint("GET", "HEAD")
def service_definition(request, fmt, code):
    snapshot = catalogue.current()
    _jurisdiction(request.GET, snapshot)
    service = snapshot.service(code)
    if service is None:
        raise Refusal(404, _("Unknown service_code “%(code)s”.") % {"code": code})
    key = ("definition", service.code, fmt)
    if key not in snapshot.rendered:
        snapshot.rendered[key] = formats.encode(
            fmt, "service_definition", serialisers.service_definition(service)
        )
    return formats.respond(fmt, "service_definition", None, body=snapshot.rendered[key])


# ---------------------------------------------------------------------------------------------
# Service requests


@endpoint("GET", "HEAD", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    snapshot = catalogue.current()
    params = request.GET
    jurisdiction = _jurisdiction(params, snapshot)
    offset, limit = _page(params)
    numbers = _list(params, "service_request_id")
    if numbers:
        if len(numbers) > MAX_PAGE_SIZE:
            raise Refusal(
                400, _("Ask for at most %(count)s service_request_id at once.") % {"count": MAX_PAGE_SIZE}
            )
        cases = selectors.service_requests(jurisdiction, numbers=numbers, offset=offset, limit=limit)
    else:
        classes = None
        codes = _list(params, "service_code")
        if codes:
            services = {code: snapshot.services.get(code.upper()) for code in codes}
            unknown = [code for code, service in services.items() if service is None]
            if unknown:
                raise Refusal(
                    400, *(_("Unknown service_code “%(code)s”.") % {"code": code} for code in unknown)
                )
            classes = [service.minor_class.pk for service in services.values()]
        statuses = None
        if _list(params, "status"):
            statuses = {status.lower() for status in _list(params, "status")}
            if not statuses <= {"open", "closed"}:
                raise Refusal(400, _("status takes open, closed or both (open,closed)."))
        start, end = _window(params, MAX_WINDOW)
        cases = selectors.service_requests(
            jurisdiction, classes=classes, statuses=statuses, start=start, end=end, offset=offset, limit=limit
        )
    words = serialisers.Words()
    return formats.respond(
        fmt, "service_requests", [serialisers.service_request(row, words) for row in cases]
    )


@endpoint("GET", "HEAD")
def service_request(request, fmt, number):
    jurisdiction = _jurisdiction(request.GET, catalogue.current())
    cases = selectors.service_requests(jurisdiction, numbers=[number], limit=1)
    if not cases:
        raise Refusal(404, _("There is no service request “%(id)s”.") % {"id": number})
    return formats.respond(
        fmt, "service_requests", [serialisers.service_request(cases[0], serialisers.Words())]
    )


@endpoint("GET", "HEAD")
def token(request, fmt, token):
    """A token of a request accepted in batch mode: its service_request_id once the worker filed it.
    A realtime POST gives no token; a client that asks anyway with a request id gets that request."""
    jurisdiction = _jurisdiction(request.GET, catalogue.current())
    accepted = selectors.intake(jurisdiction, token)
    if accepted is not None:
        if accepted.error:
            raise Refusal(
                400,
                _("The request with token “%(token)s” was not filed: %(reason)s")
                % {"token": token, "reason": accepted.error},
            )
        record = {"token": token}
        if accepted.case_number:
            record = {"service_request_id": accepted.case_number, "token": token}
        return formats.respond(fmt, "service_requests", [record])
    cases = selectors.service_requests(jurisdiction, numbers=[token], limit=1)
    if not cases:
        raise Refusal(404, _("There is no token “%(token)s”.") % {"token": token})
    return formats.respond(
        fmt, "service_requests", [{"service_request_id": cases[0]["number"], "token": token}]
    )


@endpoint("GET", "HEAD")
def request_updates(request, fmt):
    jurisdiction = _jurisdiction(request.GET, catalogue.current())
    offset, limit = _page(request.GET)
    start, end = _window(request.GET, UPDATES_WINDOW)
    events = selectors.request_updates(jurisdiction, start=start, end=end, offset=offset, limit=limit)
    words = serialisers.Words()
    return formats.respond(
        fmt, "service_request_updates", [serialisers.request_update(row, words) for row in events]
    )


def _create(request, fmt):
    """POST requests: file a case for an API client. Nothing is written on any error."""
    _check_size(request)
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        raise Refusal(
            413,
            _("The request's fields are longer than the %(limit)s bytes accepted.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
        ) from None
    except (TooManyFieldsSent, TooManyFilesSent, MultiPartParserError) as error:
        raise Refusal(400, _("The request body cannot be read: %(error)s") % {"error": error}) from None

    key = _param(data, "api_key") or _param(request.GET, "api_key")
    if not key:
        raise Refusal(403, _("An api_key is required to submit service requests."))
    client = keys.client_for(key)
    if client is None:
        raise Refusal(403, _("This api_key is not valid for submitting service requests."))
    wait = over_rate_limit(client)
    if wait:
        raise Refusal(
            429,
            _("Too many requests: at most %(limit)s a minute. Try again in %(seconds)s seconds.")
            % {"limit": client.rate_limit, "seconds": wait},
            headers={"Retry-After": str(wait)},
        )
    snapshot = catalogue.current()
    code = _param(data, "jurisdiction_id") or _param(request.GET, "jurisdiction_id")
    if code and code != client.jurisdiction.code:
        if code in snapshot.jurisdictions:
            raise Refusal(
                403,
                _("This api_key submits requests for %(jurisdiction)s only.")
                % {"jurisdiction": client.jurisdiction.name},
            )
        raise Refusal(404, _("Unknown jurisdiction_id “%(code)s”.") % {"code": code})
    code = _param(data, "service_code")
    if not code:
        raise Refusal(400, _("service_code is required."))
    service = snapshot.service(code)
    if service is None:
        raise Refusal(404, _("Unknown service_code “%(code)s”.") % {"code": code})

    arguments = submission.report_arguments(data, service, client, files.getlist("media"))
    account_id = arguments["details"].get("account_id", "")
    if intake.is_batched(arguments):
        try:
            accepted = intake.accept(arguments)
        except ValidationError as error:
            raise Refusal(400, *error.messages) from None
        return formats.respond(fmt, "service_requests", [serialisers.accepted(accepted, account_id)])
    try:
        case = workflow.report(**arguments)
    except workflow.NotAllowed as error:
        raise Refusal(403, str(error)) from None
    except ValidationError as error:
        raise Refusal(400, *error.messages) from None
    created = serialisers.created(case, account_id)
    return formats.respond(fmt, "service_requests", [created])


def _check_size(request):
    """413 before reading a body larger than we take: the form fields, plus one photo."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if fields is None:
        return
    limit = fields
    if request.content_type == "multipart/form-data":
        limit += getattr(settings, "CASE_PHOTO_MAX_BYTES", DEFAULT_PHOTO_LIMIT)
    if length > limit:
        raise Refusal(
            413,
            _("The request is %(size)s bytes long; at most %(limit)s bytes are accepted.")
            % {"size": length, "limit": limit},
        )


# ---------------------------------------------------------------------------------------------
# Parameters of the reads


def _list(params, name):
    """A comma-separated parameter as a list of its non-empty items."""
    return [item.strip() for item in _param(params, name).split(",") if item.strip()]


def _page(params):
    """(offset, limit) from page (from 1) and page_size (at most 1000, the default)."""
    page = _whole_number(params, "page", 1, MAX_PAGE)
    size = _whole_number(params, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    return (page - 1) * size, size


def _whole_number(params, name, default, highest):
    text = _param(params, name)
    try:
        value = int(text) if text else default
    except ValueError:
        value = 0
    if not 1 <= value <= highest:
        raise Refusal(
            400,
            _("%(name)s must be a whole number from 1 to %(highest)s.") % {"name": name, "highest": highest},
        )
    return value


def _moment(params, name, end=False):
    """A W3C datetime parameter (2026-05-01T08:00:00+08:00, …Z; a date alone is that whole day)."""
    text = _param(params, name)
    if not text:
        return None
    # A client that forgets to encode the offset's "+" sends a space in its place.
    if len(text) > 6 and text[-6] == " " and text[-3] == ":":
        text = f"{text[:-6]}+{text[-5:]}"
    try:
        # A date alone first: parse_datetime would read it as that day's midnight.
        day = parse_date(text) if len(text) == 10 else None
        moment = None if day else parse_datetime(text)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day + timedelta(days=1) if end else day, time.min)
        if end:
            moment -= timedelta(microseconds=1)
    if moment is None:
        raise Refusal(
            400,
            _("%(name)s “%(value)s” is not a W3C date and time such as 2026-05-01T08:00:00+08:00.")
            % {"name": name, "value": text},
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _window(params, default_span):
    """(start, end) of start_date and end_date: at most 90 days; ``default_span`` back from now
    when neither is given, 90 days from the one given otherwise."""
    start, end = _moment(params, "start_date"), _moment(params, "end_date", end=True)
    if start and end:
        if end < start:
            raise Refusal(400, _("end_date is before start_date."))
        if end - start > MAX_WINDOW:
            raise Refusal(
                400,
                _("start_date and end_date may be at most %(days)s days apart.") % {"days": MAX_WINDOW.days},
            )
    elif start:
        end = start + MAX_WINDOW
    elif end:
        start = end - MAX_WINDOW
    else:
        end = timezone.now()
        start = end - default_span
    return start, end
