"""The standards each kind of party must keep (细则 §三, R5): the text of its agreement and the
checklist of its inspections.

The implementing rules give three sets: street-facing shops, units and residential compounds,
and towns, communities and villages. Each kind of party takes one set by default
(STANDARD_OF_KIND); a jurisdiction that writes its own ChecklistItem rows for a kind uses
those instead (``ensure_checklist`` copies the defaults into rows, to be edited in the admin).
The texts are data, in the language of the documents, like the classes of the catalogue.
"""

from dataclasses import dataclass

from django.db import transaction

from .models import ChecklistItem, Guarantee, PartyKind

SANITATION, GREENING, ORDER = Guarantee.SANITATION, Guarantee.GREENING, Guarantee.ORDER

STREET_BUSINESS = "street_business"
UNIT_COMPOUND = "unit_compound"
TOWN_COMMUNITY = "town_community"

# (guarantee, text) in order; the number is the position, from 1.
DEFAULT_STANDARDS = {
    # 沿街门店: 细则 §三 (一)
    STREET_BUSINESS: [
        (SANITATION, "门前无乱扔垃圾、无污水、无油污"),
        (SANITATION, "门前无乱堆乱放杂物、无暴露垃圾"),
        (ORDER, "不占道经营、不店外经营，无流动摊点"),
        (ORDER, "门前车辆停放整齐有序，无乱停乱放"),
        (ORDER, "无乱吊乱挂、乱贴乱画"),
        (ORDER, "无私搭乱建、违章建筑"),
        (GREENING, "爱护门前树木、绿地及设施，不在树木上钉挂物品"),
        (ORDER, "对门前发生的违法违章行为进行劝阻和举报"),
    ],
    # 机关、企事业单位和居民小区: 细则 §三 (二)
    UNIT_COMPOUND: [
        (SANITATION, "院落、楼道整洁干净"),
        (ORDER, "建筑物外立面整洁，无破损、无乱贴乱画"),
        (SANITATION, "无暴露垃圾，无卫生死角"),
        (GREENING, "绿地完好，无毁绿占绿"),
        (SANITATION, "环卫设施配套齐全、完好"),
        (ORDER, "门前区域无乱堆乱放、车辆停放有序"),
        (ORDER, "对门前发生的违法违章行为进行劝阻和举报"),
    ],
    # 镇街、社区和村居: 细则 §三 (三)
    TOWN_COMMUNITY: [
        (SANITATION, "背街小巷卫生整洁"),
        (SANITATION, "居民小区环境卫生整洁，无暴露垃圾"),
        (SANITATION, "做好除“四害”工作"),
        (ORDER, "协助执法部门送达执法文书"),
        (ORDER, "按属地管理原则预防和管控违法建设"),
        (GREENING, "辖区内绿地、树木完好，无毁绿占绿"),
    ],
}

STANDARD_OF_KIND = {
    PartyKind.ORGAN: UNIT_COMPOUND,
    PartyKind.ASSOCIATION: UNIT_COMPOUND,
    PartyKind.SCHOOL: UNIT_COMPOUND,
    PartyKind.ENTERPRISE: UNIT_COMPOUND,
    PartyKind.CONSTRUCTION_SITE: UNIT_COMPOUND,
    PartyKind.OTHER: UNIT_COMPOUND,
    PartyKind.VILLAGE_COMMUNITY: TOWN_COMMUNITY,
    PartyKind.MARKET: STREET_BUSINESS,
    PartyKind.CAR_PARK: STREET_BUSINESS,
    PartyKind.STATION: STREET_BUSINESS,
    PartyKind.INDIVIDUAL_BUSINESS: STREET_BUSINESS,
}


@dataclass(frozen=True)
class Standard:
    number: int
    guarantee: str
    text: str

    def as_dict(self):
        return {"number": self.number, "guarantee": self.guarantee, "text": self.text}


def default_checklist(kind):
    return [
        Standard(number, str(guarantee), text)
        for number, (guarantee, text) in enumerate(DEFAULT_STANDARDS[STANDARD_OF_KIND[kind]], start=1)
    ]


def checklist(jurisdiction, kind):
    """The standards a party of ``kind`` keeps in ``jurisdiction``, in order (a list of Standard)."""
    rows = ChecklistItem.objects.filter(jurisdiction=jurisdiction, party_kind=kind, is_active=True)
    items = [Standard(row.number, row.guarantee, row.text) for row in rows.order_by("number")]
    if items or ChecklistItem.objects.filter(jurisdiction=jurisdiction, party_kind=kind).exists():
        return items
    return default_checklist(kind)


def ensure_checklist(jurisdiction):
    """Write the default standards as the jurisdiction's rows for every kind that has none
    (to be edited in the admin). Safe to run again; returns the number of rows written."""
    have = set(ChecklistItem.objects.filter(jurisdiction=jurisdiction).values_list("party_kind", flat=True))
    rows = [
        ChecklistItem(
            jurisdiction=jurisdiction,
            party_kind=kind,
            number=standard.number,
            guarantee=standard.guarantee,
            text=standard.text,
        )
        for kind in PartyKind.values
        if kind not in have
        for standard in default_checklist(kind)
    ]
    with transaction.atomic():
        ChecklistItem.objects.bulk_create(rows)
    return len(rows)
