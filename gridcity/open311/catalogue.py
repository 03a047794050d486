"""The Open311 services: the catalogue's minor classes and their attributes, held per process.

Every service request names its service and answers its attributes, so reading them from the
database on every request would cost more than the rest of the request's reads together. Each
process keeps one snapshot of the catalogue (classes, attributes, jurisdictions) and builds it
again when this process changes one of those rows (signals, apps.py) and, for changes made by
other processes, when the snapshot is older than OPEN311_CATALOGUE_RECHECK_SECONDS.

A service code is "C" (component, 部件) or "E" (event, 事件) and the four digits of the class
code: C0101 上水井盖, E0504 店外经营. Component and event codes overlap (0101 is both 上水井盖 and
私搭乱建), hence the letter.
"""

import math
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from gridcity.catalog.models import Condition, MajorClass, MinorClass
from gridcity.org.models import Jurisdiction

from .models import LIST_DATATYPES, ServiceAttribute

KIND_LETTERS = {MajorClass.Kind.COMPONENT: "C", MajorClass.Kind.EVENT: "E"}
DEFAULT_RECHECK_SECONDS = 30


def code_of(kind, major_code, minor_code):
    """The Open311 service code of a class by its kind and codes, e.g. ("event", "05", "04") → "E0504"."""
    return KIND_LETTERS[kind] + major_code + minor_code


def service_code(minor_class):
    """The Open311 service code of a minor class (its major class loaded), e.g. "E0504"."""
    return code_of(minor_class.major.kind, minor_class.major.code, minor_class.code)


@dataclass(frozen=True, slots=True)
class Attribute:
    code: str
    variable: bool
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str
    values: tuple  # ((key, name), ...) for the list datatypes
    keys: frozenset

    @property
    def is_list(self):
        return self.datatype in LIST_DATATYPES


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    minor_class: MinorClass  # with its major class; shared by the process: read, never change
    name: str
    group: str
    keywords: str
    description: str
    active: bool
    attributes: tuple  # Attribute, in their order


@dataclass(frozen=True)
class Snapshot:
    services: dict  # code -> Service, inactive classes included (their cases keep their code)
    by_class: dict  # minor class id -> Service
    listed: tuple  # the active services, components first, in code order
    jurisdictions: dict  # administrative code -> Jurisdiction
    # Rendered service lists and definitions (they depend on nothing else), filled on first use.
    rendered: dict = field(default_factory=dict)

    def service(self, code):
        """The active service of ``code`` (exact, or in any letter case), or None."""
        service = self.services.get(code) or self.services.get((code or "").upper())
        return service if service is not None and service.active else None

    def jurisdiction(self, pk):
        return next((j for j in self.jurisdictions.values() if j.pk == pk), None)


def build():
    """Read the catalogue, the attributes and the jurisdictions (four queries)."""
    attributes = {}
    for row in ServiceAttribute.objects.order_by("minor_class_id", "order", "pk"):
        values = tuple((str(v.get("key", "")), str(v.get("name", ""))) for v in row.values or [])
        attributes.setdefault(row.minor_class_id, []).append(
            Attribute(
                code=row.code,
                variable=row.variable,
                datatype=row.datatype,
                required=row.required,
                datatype_description=row.datatype_description,
                order=row.order,
                description=row.description,
                values=values,
                keys=frozenset(key for key, _name in values),
            )
        )
    classes = MinorClass.objects.select_related("major").prefetch_related(
        Prefetch("conditions", queryset=Condition.objects.order_by("number"))
    )
    services = {}
    for minor in classes.order_by("major__kind", "major__code", "code"):
        code = service_code(minor)
        services[code] = Service(
            code=code,
            minor_class=minor,
            name=minor.name,
            group=minor.major.name,
            keywords=",".join(minor.synonym_list),
            # The filing conditions say which problems of the class the county takes on.
            description="；".join(c.filing_condition for c in minor.conditions.all()) or minor.name,
            active=minor.is_active,
            attributes=tuple(attributes.get(minor.pk, ())),
        )
    listed = tuple(
        sorted(
            (s for s in services.values() if s.active),
            key=lambda s: (s.minor_class.major.kind != MajorClass.Kind.COMPONENT, s.code),
        )
    )
    return Snapshot(
        services=services,
        by_class={s.minor_class.pk: s for s in services.values()},
        listed=listed,
        jurisdictions={j.code: j for j in Jurisdiction.objects.order_by("code")},
    )


class _Cache:
    def __init__(self):
        self.snapshot = None
        self.fresh_until = -math.inf
        self.lock = threading.Lock()


_cache = _Cache()


def current():
    """The snapshot of this process, built again first if it is older than the recheck time."""
    cache = _cache
    snapshot = cache.snapshot
    if snapshot is not None and time.monotonic() < cache.fresh_until:
        return snapshot
    with cache.lock:
        if cache.snapshot is None or time.monotonic() >= cache.fresh_until:
            recheck = getattr(settings, "OPEN311_CATALOGUE_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS)
            cache.snapshot = build()
            cache.fresh_until = time.monotonic() + recheck
        return cache.snapshot


def forget():
    """Drop this process's snapshot; the next request builds a new one."""
    _cache.snapshot = None
    _cache.fresh_until = -math.inf


def catalogue_changed(sender=None, **kwargs):
    """Signal receiver: a class, major class, condition, attribute or jurisdiction changed."""
    # Forget now, so this connection sees its own change; forget again after commit, in case
    # another thread built a snapshot from the old rows in between.
    forget()
    transaction.on_commit(forget)
