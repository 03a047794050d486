"""The 12345 work-order exchange, /hotline/v1/ (openapi.yaml describes it)."""

from functools import wraps
from pathlib import Path

from django.core import signing
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gridcity.cases.models import Attachment
from gridcity.console.responses import private_file_response

from . import orders, selectors
from .api import ApiError, endpoint, error, error_response, json_response
from .webhooks import attachment_from_token

OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")


def allow(*methods):
    """Answer other methods with a JSON 405 naming the allowed ones."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                return error_response(
                    405,
                    [
                        error(
                            "method_not_allowed",
                            _("Use %(methods)s here.") % {"methods": " or ".join(methods)},
                        )
                    ],
                    {"Allow": ", ".join(methods)},
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _not_found(order_number):
    return ApiError.one(
        404,
        "not_found",
        _("There is no work order %(order)s from you.") % {"order": order_number},
        "order_number",
    )


def _refused(refusal):
    raise ApiError(refusal.status, refusal.errors)


@allow("POST")
@endpoint(signed=True)
def order_create(request, client, data):
    try:
        case, created = orders.receive_order(client, data)
    except orders.InputError as refusal:
        _refused(refusal)
    location = reverse("hotline:order", args=[case.external_id])
    return json_response(
        orders.describe_case(case), status=201 if created else 200, headers={"Location": location}
    )


@allow("GET")
@endpoint(signed=False)
def order_detail(request, client, data, order_number):
    case = selectors.order_case(client, order_number)
    if case is None:
        raise _not_found(order_number)
    return json_response(orders.describe_case(case))


@allow("POST")
@endpoint(signed=True)
def order_callback(request, client, data, order_number):
    case = selectors.order_case(client, order_number)
    if case is None:
        raise _not_found(order_number)
    try:
        event, created = orders.receive_callback(client, case, data)
    except orders.InputError as refusal:
        _refused(refusal)
    return json_response(orders.describe_callback(case, event), status=201 if created else 200)


@allow("GET")
def openapi_yaml(request):
    return HttpResponse(OPENAPI_PATH.read_bytes(), content_type="application/yaml; charset=utf-8")


@allow("GET")
def openapi_json(request):
    import yaml

    return json_response(yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8")))


@allow("GET")
def attachment(request, token):
    """A photo of a case through a signed link from a webhook message; no login needed."""
    try:
        photo = attachment_from_token(token)
    except signing.SignatureExpired:
        return error_response(410, [error("link_expired", _("This link has expired."))])
    except (signing.BadSignature, Attachment.DoesNotExist, KeyError, TypeError):
        return error_response(404, [error("not_found", _("No such file, or the link was changed."))])
    # Whoever holds the link may see the photo; no shared cache keeps it.
    response = private_file_response(photo.file, photo.media_type)
    if response is None:
        return error_response(404, [error("not_found", _("No such file, or the link was changed."))])
    return response
