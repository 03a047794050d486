"""The records of each Open311 response, as Python data for gridcity.open311.formats.

Internal workflow states stay internal: a request is ``open`` or ``closed``; the state's name
(处置中, 待核查, …) goes into ``status_notes``. The reporter's name, phone and e-mail never
appear.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from gridcity.cases.models import ENDED_STATES, State
from gridcity.cases.workflow import TRANSITIONS
from gridcity.console.timeline import EVENT_TITLES

from .catalogue import code_of

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this server's Open311 interface last changed (discovery's changeset).
CHANGESET = "2026-11-29T00:00:00+08:00"


def status_of(state):
    return "closed" if state in ENDED_STATES else "open"


class Words:
    """The names of states and events in the language of the request, looked up once per response
    rather than once per record."""

    def __init__(self):
        self.states = {value: str(label) for value, label in State.choices}
        self.events = {name: str(title) for name, title in EVENT_TITLES.items()}
        for name, spec in TRANSITIONS.items():
            self.events.setdefault(spec.event_type(name), str(spec.label))
        self.tz = timezone.get_current_timezone()
        self.update = _("%(event)s. Now: %(state)s.")

    def time(self, moment):
        """A datetime as W3C / ISO 8601 in the server's time zone, with its offset."""
        return moment.astimezone(self.tz).isoformat(timespec="seconds") if moment else ""


def discovery(base_url, contact, key_service, test):
    return {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": key_service,
        "max_requests": 1000,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": CHANGESET,
                "type": "test" if test else "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def service(service, kind):
    """One service of the list; ``kind`` is realtime or batch (gridcity.open311.intake.mode)."""
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": bool(service.attributes),
        "type": kind,
        "keywords": service.keywords,
        "group": service.group,
    }


def service_definition(service):
    return {
        "service_code": service.code,
        "attributes": [
            {
                "variable": attribute.variable,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description,
                "order": attribute.order,
                "description": attribute.description,
                "values": [{"key": key, "name": name} for key, name in attribute.values],
            }
            for attribute in service.attributes
        ],
    }


def created(case, account_id):
    """The answer to a POSTed request: its id at once (we are realtime), never a token."""
    notice = ""
    if case.stage_due_at:
        notice = _("Received as case %(number)s; the command center will accept it by %(due)s.") % {
            "number": case.number,
            "due": timezone.localtime(case.stage_due_at).strftime("%Y-%m-%d %H:%M"),
        }
    return {"service_request_id": case.number, "service_notice": notice, "account_id": account_id}


def accepted(intake, account_id):
    """The answer to a request accepted in batch mode: a token to look the request id up with."""
    notice = _("Received; it will be filed as a case within seconds: look its number up with the token.")
    return {"token": intake.token, "service_notice": notice, "account_id": account_id}


def service_request(row, words):
    """One case as a service request; ``row`` comes from selectors.service_requests."""
    state = row["state"]
    closed = state in ENDED_STATES
    record = {
        "service_request_id": row["number"],
        "status": "closed" if closed else "open",
        "status_notes": words.states.get(state, state),
        "service_name": row["class_name"],
        "service_code": code_of(row["major_kind"], row["major_code"], row["class_code"]),
        "description": row["description"],
        "agency_responsible": row["unit_name"] or "",
        "service_notice": "",
        "requested_datetime": words.time(row["reported_at"]),
        "updated_datetime": words.time(
            row["closed_at"] if closed and row["closed_at"] else row["last_event_at"] or row["reported_at"]
        ),
    }
    expected = row["disposal_due_at"] or row["stage_due_at"]
    if expected:
        record["expected_datetime"] = words.time(expected)
    record["address"] = row["address"]
    record["lat"] = row["lat"]
    record["long"] = row["lon"]
    record["media_url"] = row["sent_media_url"] or ""
    return record


def request_update(row, words):
    """One event of a case as an update (mySociety's servicerequestupdates): what happened and
    the state it left the case in; never the internal note. ``row`` comes from
    selectors.request_updates."""
    state = row["to_state"] or row["case_state"]
    event = row["type"]
    return {
        "update_id": str(row["pk"]),
        "service_request_id": row["case_number"],
        "status": status_of(state),
        "updated_datetime": words.time(row["at"]),
        "description": words.update
        % {"event": words.events.get(event, event), "state": words.states.get(state, state)},
        "media_url": "",
        "external_status_code": state,
    }
