"""Named reads of the class catalogue for the rest of the platform (reporting, filing, routing)."""

import re

from django.db.models import Case, IntegerField, Q, Value, When

from gridcity.worktime.units import LimitUnit

from .codes import split_class_code
from .models import MajorClass, MinorClass

# Relevance ranks of search_classes, best first.
_EXACT_CODE, _EXACT_NAME, _NAME_PREFIX, _IN_NAME, _IN_SYNONYMS, _CODE_PREFIX = range(6)


def _code_prefix(query):
    """A Q for classes whose full code starts with the digits typed so far ("05", "050"), or None."""
    digits = query.replace("-", "")
    if not re.fullmatch(r"\d{1,3}", digits):
        return None
    if len(digits) <= 2:
        return Q(major__code__startswith=digits)
    return Q(major__code=digits[:2], code__startswith=digits[2])


def search_classes(query, kind=None, limit=20):
    """Active minor classes matching what someone typed, most relevant first.

    Matches the full code ("0101", "05-04", "0504"; the first digits of a code also match),
    the name and the other names (synonyms), case-insensitively. Order: exact code, exact
    name, name starting with the query, name containing it, synonyms containing it, code
    starting with it; then by code. ``kind`` is a MajorClass.Kind to search only components
    or only events (component and event codes overlap: 0101 is 上水井盖 and 私搭乱建).
    An empty query finds nothing.
    """
    query = (query or "").strip()
    if not query:
        return []
    ranks = [
        When(name__iexact=query, then=Value(_EXACT_NAME)),
        When(name__istartswith=query, then=Value(_NAME_PREFIX)),
        When(name__icontains=query, then=Value(_IN_NAME)),
        When(synonyms__icontains=query, then=Value(_IN_SYNONYMS)),
    ]
    matches = Q(name__icontains=query) | Q(synonyms__icontains=query)
    code = split_class_code(query)
    if code:
        exact = Q(major__code=code[0], code=code[1])
        if query[:2].upper() == "BJ":  # 部件: the prefix of component codes in some systems
            exact &= Q(major__kind=MajorClass.Kind.COMPONENT)
        ranks.insert(0, When(exact, then=Value(_EXACT_CODE)))
        matches |= exact
    prefix = _code_prefix(query)
    if prefix is not None:
        ranks.append(When(prefix, then=Value(_CODE_PREFIX)))
        matches |= prefix
    classes = MinorClass.objects.active().filter(matches).select_related("major")
    if kind:
        classes = classes.filter(major__kind=kind)
    classes = classes.annotate(
        relevance=Case(*ranks, default=Value(_CODE_PREFIX), output_field=IntegerField())
    )
    return list(classes.order_by("relevance", "major__kind", "major__code", "code")[:limit])


def condition_limit(condition):
    """The disposal time limit of a condition as (amount, LimitUnit), e.g. (Decimal("2"), NATURAL_HOURS)."""
    return condition.time_limit, LimitUnit(condition.limit_unit)
