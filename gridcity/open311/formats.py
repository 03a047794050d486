"""Open311 responses in XML and JSON, the JSON being the "Spark convention" mapping of the XML.

Each response is built once as Python data — a list of records under a root (services, service
requests, errors, updates) or one object (discovery, a service definition) — and written in the
format the URL asks for. In XML every list becomes an element holding one element per item
(``<attributes><attribute>…``, names in LIST_ITEMS); in JSON the root element is dropped and lists
are arrays, so the service list, requests, errors and updates are top-level arrays.
"""

import json
import re

from django.http import HttpResponse

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'

# The element of one item of each list, by the list's name.
LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 does not allow at all (a pasted description may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Refusal(Exception):
    """The request cannot be served: the HTTP status, the messages of ``errors[]`` and any headers."""

    def __init__(self, status, *messages, headers=None):
        super().__init__(*messages)
        self.status = status
        self.messages = [str(message) for message in messages]
        self.headers = headers or {}


def _text(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = _NOT_XML.sub("", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _element(name, value, out):
    if isinstance(value, dict):
        out.append(f"<{name}>")
        for key, item in value.items():
            _element(key, item, out)
        out.append(f"</{name}>")
    elif isinstance(value, list | tuple):
        item_name = LIST_ITEMS[name]
        out.append(f"<{name}>")
        for item in value:
            _element(item_name, item, out)
        out.append(f"</{name}>")
    else:
        out.append(f"<{name}>{_text(value)}</{name}>")


def to_xml(root, payload):
    """The XML document of ``payload`` (a list of records or one object) under ``root``."""
    out = [XML_DECLARATION]
    _element(root, payload, out)
    return "".join(out).encode()


def to_json(payload):
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def encode(fmt, root, payload):
    return to_xml(root, payload) if fmt == "xml" else to_json(payload)


def respond(fmt, root, payload, status=200, body=None):
    """An HttpResponse of ``payload`` in ``fmt`` ("json" or "xml"); ``body`` if already encoded."""
    if body is None:
        body = encode(fmt, root, payload)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt, status, messages, headers=None):
    """An Open311 error response: ``errors[]`` of {code, description}, code = the HTTP status."""
    if fmt not in CONTENT_TYPES:
        fmt = "xml"  # the format every Open311 client reads
    payload = [{"code": status, "description": str(message)} for message in messages]
    response = respond(fmt, "errors", payload, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
