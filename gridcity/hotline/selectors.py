"""Reads of the hotline exchange that other apps use."""

from dataclasses import dataclass
from datetime import datetime

from gridcity.cases.models import Case, Event

from .orders import CALLBACK_EVENT


@dataclass(frozen=True)
class Callback:
    """12345's last callback (回访) of a case."""

    case_id: int
    satisfaction: int  # 0 不满意, 1 理解, 2 满意, 3 非常满意
    result: int | None  # as the citizen confirmed it: 0 解决, 1 未解决, 2 部分解决
    note: str
    at: datetime  # when it was recorded
    callback_id: str


def satisfaction(cases):
    """The latest callback of each case of the queryset ``cases``: {case id: Callback}.

    This is what evaluation uses for citizens' satisfaction (市民满意度): one answer per case,
    the last one 12345 sent, so a case called back twice (after a recheck) counts with the
    citizen's final word. Cases never called back are absent. One query.
    """
    events = (
        Event.objects.filter(case__in=cases.values("pk"), type=CALLBACK_EVENT)
        .order_by("case_id", "-at", "-pk")
        .values_list("case_id", "at", "note", "data")
    )
    latest = {}
    for case_id, at, note, data in events:
        if case_id not in latest:
            latest[case_id] = Callback(
                case_id=case_id,
                satisfaction=data.get("satisfaction"),
                result=data.get("result"),
                note=note,
                at=at,
                callback_id=data.get("callback_id", ""),
            )
    return latest


def order_case(client, order_number):
    """The case of work order ``order_number`` that ``client`` transferred, or None."""
    return (
        Case.objects.filter(source=client.source, external_id=order_number, client_link__client=client)
        .select_related("current_unit")
        .first()
    )
