"""JSON Schemas of our Open311 responses, written from the GeoReport v2 specification.

They describe the JSON form. The XML form is the same data under the Spark convention: the
``xml`` keyword (ignored by JSON Schema validators) names each document's root and each list's
item element, so a test can read an XML answer back into JSON and check it against the same
schema. Reporter data can never slip into a request record: records allow no other properties.
"""

W3C_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
# Ids and codes are put into paths by clients: no slash, no whitespace, no dot-format confusion.
PATH_SAFE = r"^[A-Za-z0-9_-]+$"

_string = {"type": "string"}
_datetime = {"type": "string", "pattern": W3C_DATETIME}
_id = {"type": "string", "pattern": PATH_SAFE, "minLength": 1}


def _record(properties, required, name):
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "xml": {"name": name},
    }


def _list(root, item):
    return {"type": "array", "items": item, "xml": {"name": root}}


ERRORS = _list(
    "errors",
    _record(
        {"code": {"type": "integer"}, "description": {"type": "string", "minLength": 1}},
        ["code", "description"],
        "error",
    ),
)
ERRORS["minItems"] = 1

DISCOVERY = {
    "type": "object",
    "xml": {"name": "discovery"},
    "properties": {
        "changeset": _datetime,
        "contact": _string,
        "key_service": _string,
        "max_requests": {"type": "integer"},
        "endpoints": _list(
            "endpoints",
            _record(
                {
                    "specification": {"const": "http://wiki.open311.org/GeoReport_v2"},
                    "url": {"type": "string", "pattern": r"^https?://"},
                    "changeset": _datetime,
                    "type": {"enum": ["production", "test"]},
                    "formats": {
                        **_list(
                            "formats", {"enum": ["text/xml", "application/json"], "xml": {"name": "format"}}
                        ),
                        "minItems": 2,
                    },
                },
                ["specification", "url", "changeset", "type", "formats"],
                "endpoint",
            ),
        ),
    },
    "required": ["changeset", "contact", "key_service", "endpoints"],
    "additionalProperties": False,
}

SERVICES = _list(
    "services",
    _record(
        {
            "service_code": _id,
            "service_name": {"type": "string", "minLength": 1},
            "description": _string,
            "metadata": {"type": "boolean"},
            "type": {"enum": ["realtime", "batch", "blackbox"]},
            "keywords": _string,
            "group": _string,
        },
        ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
        "service",
    ),
)

SERVICE_DEFINITION = {
    "type": "object",
    "xml": {"name": "service_definition"},
    "properties": {
        "service_code": _id,
        "attributes": _list(
            "attributes",
            _record(
                {
                    "variable": {"type": "boolean"},
                    "code": _id,
                    "datatype": {
                        "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
                    },
                    "required": {"type": "boolean"},
                    "datatype_description": _string,
                    "order": {"type": "integer", "minimum": 1},
                    "description": _string,
                    "values": _list(
                        "values", _record({"key": _string, "name": _string}, ["key", "name"], "value")
                    ),
                },
                ["variable", "code", "datatype", "required", "datatype_description", "order", "description"],
                "attribute",
            ),
        ),
    },
    "required": ["service_code", "attributes"],
    "additionalProperties": False,
}

# The answer to POST requests: realtime, so a service_request_id and never a token.
CREATED = {
    **_list(
        "service_requests",
        _record(
            {"service_request_id": _id, "service_notice": _string, "account_id": _string},
            ["service_request_id"],
            "request",
        ),
    ),
    "minItems": 1,
    "maxItems": 1,
}

# The answer to POST requests in batch mode: a token, looked up later with GET tokens/<token>.
ACCEPTED = {
    **_list(
        "service_requests",
        _record({"token": _id, "service_notice": _string, "account_id": _string}, ["token"], "request"),
    ),
    "minItems": 1,
    "maxItems": 1,
}

TOKENS = _list(
    "service_requests",
    _record({"service_request_id": _id, "token": _id}, ["service_request_id", "token"], "request"),
)

SERVICE_REQUESTS = _list(
    "service_requests",
    _record(
        {
            "service_request_id": _id,
            "status": {"enum": ["open", "closed"]},
            "status_notes": _string,
            "service_name": _string,
            "service_code": _id,
            "description": {"type": "string", "maxLength": 4000},
            "agency_responsible": _string,
            "service_notice": _string,
            "requested_datetime": _datetime,
            "updated_datetime": _datetime,
            "expected_datetime": _datetime,
            "address": _string,
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "long": {"type": "number", "minimum": -180, "maximum": 180},
            "media_url": _string,
        },
        [
            "service_request_id",
            "status",
            "service_name",
            "service_code",
            "description",
            "requested_datetime",
            "updated_datetime",
            "lat",
            "long",
        ],
        "request",
    ),
)

REQUEST_UPDATES = _list(
    "service_request_updates",
    _record(
        {
            "update_id": _id,
            "service_request_id": _id,
            "status": {"enum": ["open", "closed"]},
            "updated_datetime": _datetime,
            "description": _string,
            "media_url": _string,
            "external_status_code": _string,
        },
        ["update_id", "service_request_id", "status", "updated_datetime", "description"],
        "request_update",
    ),
)
