"""Remember which client created a case, in the report's transaction.

The API passes the client in the report's details (``{"client": <id>}``), so the event log
says who filed the case and the link commits or rolls back with it.
"""

from django.dispatch import receiver

from gridcity.cases import store
from gridcity.cases.workflow import case_event_recorded

from .models import ClientCase


@receiver(case_event_recorded, dispatch_uid="clients-link-reported-case")
def link_client_case(sender, case, event, **kwargs):
    if event.type == "case.reported" and event.data.get("client"):
        store.insert(ClientCase(case_id=case.pk, client_id=event.data["client"]))
