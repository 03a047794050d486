"""Open311 requests in batch mode: accepted at once, filed by the worker a moment later.

In the default realtime mode a POST files the case itself and answers with its number. Filing a
case is most of a POST's cost (the number of the day, the case, its text-search row, its event,
the acceptors' notifications), so a platform that must take bursts of requests from its clients
sets ``OPEN311_INTAKE = "batch"``: the POST checks everything a report needs
(``workflow.check_report``) and stores one row, answering with a token; the worker's
``file_forever`` files the waiting rows through ``workflow.report`` at the time they were
received, and ``GET tokens/<token>`` gives the case number once it is filed (GeoReport v2's
``batch`` service type).
"""

import logging
import secrets
import threading
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.db.models.functions import Mod
from django.utils import timezone

from gridcity.cases import store, workflow
from gridcity.catalog.models import MinorClass

from .models import Intake, IntakeState

log = logging.getLogger("gridcity.open311")

REALTIME, BATCH = "realtime", "batch"
CLAIM = timedelta(seconds=60)  # a pass that dies leaves its rows to the next one after this


def mode():
    """``realtime`` (the default) or ``batch``: settings.OPEN311_INTAKE, read at each request."""
    return BATCH if getattr(settings, "OPEN311_INTAKE", REALTIME) == BATCH else REALTIME


def is_batched(arguments):
    """Whether a request with these workflow.report arguments is accepted now and filed later.

    A photo is stored with the case at once, so a request with one is filed in either mode.
    """
    return mode() == BATCH and not arguments["photos"]


def accept(arguments, at=None):
    """Check the arguments of workflow.report (without photos) and keep them for the worker.

    Raises ValidationError as report() would; returns the Intake row, in one INSERT.
    """
    workflow.check_report(
        jurisdiction=arguments["jurisdiction"],
        source=arguments["source"],
        minor_class=arguments["minor_class"],
        description=arguments["description"],
        lon=arguments["lon"],
        lat=arguments["lat"],
    )
    intake = Intake(
        token=secrets.token_hex(16),
        client_id=arguments["details"]["client"],
        received_at=at or timezone.now(),
        report={
            "jurisdiction": arguments["jurisdiction"].pk,
            "source": arguments["source"],
            "minor_class": arguments["minor_class"].pk,
            "description": arguments["description"],
            "lon": arguments["lon"],
            "lat": arguments["lat"],
            "address": arguments["address"],
            "reporter_name": arguments["reporter_name"],
            "reporter_phone": arguments["reporter_phone"],
            "details": arguments["details"],
        },
    )
    return store.insert(intake)


def _due(now):
    return Q(state=IntakeState.WAITING) & (Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


def file_waiting(limit=100, now=None, shard=(0, 1)):
    """File up to ``limit`` waiting requests, oldest first; returns {"filed": n, "refused": n}.

    Each row is claimed with a conditional UPDATE, so several workers may run at once, and filed
    in one transaction with the row's new state: a pass that dies half-way files nothing twice.
    ``shard`` = (index, count) takes only the rows whose id leaves that remainder: the worker's
    filing threads share the waiting rows without trying to claim the same ones.
    """
    now = now or timezone.now()
    counts = {"filed": 0, "refused": 0}
    classes = {}
    waiting = Intake.objects.filter(_due(now))
    index, count = shard
    if count > 1:
        waiting = waiting.annotate(remainder=Mod("pk", count)).filter(remainder=index)
    waiting = waiting.order_by("received_at", "pk").values_list("pk", flat=True)
    for pk in list(waiting[:limit]):
        if not Intake.objects.filter(_due(now), pk=pk).update(claimed_until=now + CLAIM):
            continue  # another worker took it
        intake = Intake.objects.select_related("client__jurisdiction").get(pk=pk)
        counts[_file(intake, classes)] += 1
    return counts


def _file(intake, classes):
    fields = dict(intake.report)
    class_id = fields.pop("minor_class")
    if class_id not in classes:
        classes[class_id] = MinorClass.objects.select_related("major").filter(pk=class_id).first()
    fields.pop("jurisdiction")
    details = {**fields.pop("details"), "token": intake.token}
    try:
        with transaction.atomic():
            case = workflow.report(
                jurisdiction=intake.client.jurisdiction,
                minor_class=classes[class_id],
                details=details,
                at=intake.received_at,
                **fields,
            )
            Intake.objects.filter(pk=intake.pk).update(state=IntakeState.FILED, case=case, claimed_until=None)
        return "filed"
    except (ValidationError, workflow.WorkflowError) as error:
        reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        Intake.objects.filter(pk=intake.pk).update(
            state=IntakeState.REFUSED, error=reason, claimed_until=None
        )
        return "refused"


def file_forever(stop=None, interval=0.5, limit=100, shard=(0, 1)):
    """File waiting requests until ``stop`` (a threading.Event) is set: one of the worker's
    filing threads (settings.OPEN311_FILING_THREADS, each with its ``shard``)."""
    stop = stop or threading.Event()
    while not stop.is_set():
        close_old_connections()
        try:
            counts = file_waiting(limit=limit, shard=shard)
        except Exception:  # the thread must outlive a database restart
            log.exception("filing Open311 requests failed")
            counts = {}
        if not any(counts.values()):
            stop.wait(interval)
