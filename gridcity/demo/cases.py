"""The demo county's duty matrix and a few hundred cases of the last 90 days.

Cases are made by calling the workflow functions at chosen times with a fixed seed, exactly
as people would have acted, never by writing rows directly.
"""

import io
import random
from datetime import datetime, timedelta

import shapely
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from gridcity.cases import workflow
from gridcity.cases.models import Case, Event, Source
from gridcity.catalog.models import MajorClass, MinorClass
from gridcity.grids.models import Grid
from gridcity.org.models import DutyRule, Place, Unit, User

COMPONENT, EVENT = MajorClass.Kind.COMPONENT, MajorClass.Kind.EVENT

# (kind, major, minor or None, place, unit code, informs unit code or None, reason) — seed §四.
DUTY_MATRIX = [
    (
        None,
        None,
        None,
        Place.ANY,
        "urban-management",
        None,
        "城管局负责城区主次干道、公共场所的日常巡查和管理（默认）",
    ),
    (None, None, None, Place.MAIN_ROAD, "urban-management", None, "城管局负责城区主次干道、公共场所"),
    (None, None, None, Place.CONSTRUCTION_SITE, "housing-construction", None, "住建局负责建筑工地“门前三包”"),
    (None, None, None, Place.PROPERTY_COMPOUND, "housing-administration", None, "房管局负责物业管理居民小区"),
    (None, None, None, Place.VILLAGE_COMMUNITY, "shizilu-street", None, "镇街落实村庄（社区）管理责任"),
    (EVENT, "03", None, Place.ANY, "housing-construction", None, "施工管理问题由住建局负责"),
    (COMPONENT, "01", None, Place.ANY, "housing-construction", None, "住建局负责市政公用设施的维护"),
    (COMPONENT, "04", None, Place.ANY, "housing-construction", None, "住建局负责园林绿化设施的维护"),
    (COMPONENT, "02", "10", Place.ANY, "public-security", None, "交通信号灯由公安交警维护"),
    (
        EVENT,
        "01",
        "16",
        Place.ANY,
        "environment",
        "urban-management",
        "环保局检测临街经营户油烟污染，结果告知城管局",
    ),
    (
        EVENT,
        "05",
        "08",
        Place.ANY,
        "environment",
        "urban-management",
        "环保局检测临街经营户噪音，结果告知城管局",
    ),
    (EVENT, "05", "01", Place.ANY, "industry-commerce", None, "无照经营由工商局依法处理"),
    (EVENT, "05", "05", Place.ANY, "public-security", None, "机动车乱停放由公安交警处理"),
    (EVENT, "05", "09", Place.ANY, "public-security", None, "黑车拉客由公安局处理"),
]

# Classes the demo cases use: (kind, major, minor, weight, place).
DEMO_CLASSES = [
    (EVENT, "01", "02", 10, Place.MAIN_ROAD),  # 暴露垃圾
    (EVENT, "01", "04", 8, Place.MAIN_ROAD),  # 道路不洁
    (EVENT, "01", "01", 4, Place.VILLAGE_COMMUNITY),  # 私搭乱建
    (EVENT, "01", "16", 3, Place.STREET_RESTAURANT),  # 油烟污染
    (EVENT, "02", "01", 8, Place.ANY),  # 非法小广告
    (EVENT, "03", "02", 3, Place.CONSTRUCTION_SITE),  # 工地扬尘
    (EVENT, "04", "06", 2, Place.ANY),  # 道路积水
    (EVENT, "05", "04", 9, Place.STREET_BUSINESS),  # 店外经营
    (EVENT, "05", "05", 5, Place.MAIN_ROAD),  # 机动车乱停放
    (EVENT, "05", "07", 6, Place.STREET_BUSINESS),  # 乱堆物堆料
    (EVENT, "05", "08", 2, Place.STREET_BUSINESS),  # 商业噪音
    (COMPONENT, "01", "02", 4, Place.MAIN_ROAD),  # 污水井盖
    (COMPONENT, "01", "18", 5, Place.MAIN_ROAD),  # 路灯
    (COMPONENT, "03", "05", 5, Place.ANY),  # 垃圾箱
    (COMPONENT, "04", "02", 3, Place.MAIN_ROAD),  # 行道树
    (COMPONENT, "02", "10", 1, Place.MAIN_ROAD),  # 交通信号灯
]

SOURCES = [
    (Source.COLLECTOR, 60),
    (Source.HOTLINE_12345, 12),
    (Source.HOTLINE_12319, 10),
    (Source.PUBLIC, 8),
    (Source.INSPECTION, 5),
    (Source.LEADER, 2),
    (Source.OTHER_SYSTEM, 3),
]

# How far each case goes: weights of the last step reached.
ENDINGS = [
    ("reported", 3),
    ("verifying", 2),
    ("filed", 3),
    ("dispatched", 3),
    ("in_disposal", 6),
    ("suspended", 2),
    ("checking", 3),
    ("checked", 2),
    ("closed", 60),
    ("declined", 4),
    ("voided", 3),
    ("merged", 2),
    ("self_disposed", 5),
]

DESCRIPTIONS = {
    "02": "路边有暴露垃圾，影响市容",
    "04": "路面不洁，有明显污渍和垃圾",
    "01": "发现私搭乱建的简易棚",
    "16": "临街餐馆油烟直排，周边居民反映强烈",
    "07": "店门口乱堆物料，占用人行道",
    "05": "机动车停放在人行道上，影响通行",
    "08": "商户用高音喇叭招揽生意",
    "10": "路口信号灯不亮",
    "18": "路灯夜间不亮",
    "06": "暴雨后路面积水较深",
}


def load_duty_matrix(jurisdiction):
    units = {unit.code: unit for unit in Unit.objects.filter(jurisdiction=jurisdiction)}
    for kind, major, minor, place, unit, informs, reason in DUTY_MATRIX:
        major_class = MajorClass.objects.get(kind=kind, code=major) if kind else None
        minor_class = MinorClass.objects.get(major=major_class, code=minor) if minor else None
        DutyRule.objects.get_or_create(
            jurisdiction=jurisdiction,
            major_class=major_class,
            minor_class=minor_class,
            place=place,
            defaults={"unit": units[unit], "informs": units.get(informs), "reason": reason},
        )


def _photo(rng, label):
    """A small real JPEG standing in for a field photo."""
    image = Image.new("RGB", (160, 120), tuple(rng.randrange(60, 200) for _ in range(3)))
    ImageDraw.Draw(image).text((8, 50), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name=f"{label}.jpg")


def _point_in(grid, rng):
    shape = shapely.geometry.shape(grid.boundary)
    minx, miny, maxx, maxy = shape.bounds
    while True:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shape.contains(shapely.Point(x, y)):
            return round(x, 6), round(y, 6)


def _working_time(rng, day):
    """A moment in the working hours of ``day`` (local time)."""
    minutes = rng.choice([rng.randint(8 * 60 + 40, 11 * 60 + 50), rng.randint(13 * 60 + 40, 17 * 60 + 20)])
    return timezone.make_aware(datetime(day.year, day.month, day.day, minutes // 60, minutes % 60))


def _weighted(rng, pairs):
    return rng.choices([value for value, _weight in pairs], weights=[weight for _value, weight in pairs])[0]


def load_demo_cases(jurisdiction, count=360, seed=371327, now=None):
    """Create ``count`` cases of the last 90 days, unless the jurisdiction already has cases."""
    if Case.objects.filter(jurisdiction=jurisdiction).exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(seed)
    people = {user.username: user for user in User.objects.filter(jurisdiction=jurisdiction)}
    grids = list(Grid.objects.active().filter(jurisdiction=jurisdiction).select_related("zone"))
    collectors = {user.zone_id: user for user in people.values() if user.zone_id}
    classes = [
        (MinorClass.objects.get(major__kind=kind, major__code=major, code=minor), weight, place)
        for kind, major, minor, weight, place in DEMO_CLASSES
    ]
    handlers = {
        user.unit_id: user
        for user in User.objects.filter(jurisdiction=jurisdiction, groups__name="unit_handler")
    }
    made = 0
    with transaction.atomic():
        for n in range(count):
            day = (now - timedelta(days=rng.uniform(0, 90))).date()
            at = _working_time(rng, day)
            if at >= now:
                continue
            grid = rng.choice(grids)
            minor_class, _weight, place = rng.choices(classes, weights=[c[1] for c in classes])[0]
            source = _weighted(rng, SOURCES)
            collector = collectors[grid.zone_id]
            actor = collector if source == Source.COLLECTOR else people["acceptor"]
            lon, lat = _point_in(grid, rng)
            case = workflow.report(
                jurisdiction=jurisdiction,
                source=source,
                minor_class=minor_class,
                description=DESCRIPTIONS.get(minor_class.code, f"{minor_class.name}问题"),
                lon=lon,
                lat=lat,
                address=f"{grid.name}附近",
                place=place,
                actor=actor,
                reporter_name="市民"
                if source in (Source.HOTLINE_12345, Source.HOTLINE_12319, Source.PUBLIC)
                else "",
                photos=[_photo(rng, f"report-{n}")] if source == Source.COLLECTOR else [],
                at=at,
            )
            _advance(case, _weighted(rng, ENDINGS), rng, people, collector, handlers, now, at)
            made += 1
        record_past_breaches(jurisdiction)
    return made


def record_past_breaches(jurisdiction):
    """Write the deadline breaches tick would have recorded while the demo's history happened:
    for every step taken after its stage's deadline, a ``case.deadline_breached`` event a minute
    after that deadline (what is overdue now, tick records when the worker starts)."""
    late = Event.objects.filter(
        case__jurisdiction=jurisdiction, due_at__isnull=False, at__gt=F("due_at")
    ).exclude(from_state=F("to_state"))  # the steps that ended a stage
    Event.objects.bulk_create(
        Event(
            case_id=event.case_id,
            type="case.deadline_breached",
            at=event.due_at + timedelta(minutes=1),
            from_state=event.from_state,
            to_state=event.from_state,
            unit_id=event.unit_id
            if event.from_state in ("dispatched", "in_disposal", "checking", "checked")
            else None,
            due_at=event.due_at,
            data={"stage": event.from_state, "due_at": event.due_at.isoformat(), "unit": event.unit_id},
        )
        for event in late
    )


def _advance(case, ending, rng, people, collector, handlers, now, at):
    """Take ``case`` along the cycle towards ``ending``, stopping where ``now`` is reached."""

    def later(minutes_low, minutes_high):
        nonlocal at
        at = at + timedelta(minutes=rng.randint(minutes_low, minutes_high))
        if at >= now:
            raise _Now
        return at

    acceptor, shift, dispatcher = people["acceptor"], people["shiftleader"], people["dispatcher"]
    try:
        if ending == "self_disposed" and case.source == Source.COLLECTOR:
            workflow.self_dispose(
                case, actor=collector, note="已现场处理", photos=[_photo(rng, "after")], at=later(5, 30)
            )
            workflow.close(case, actor=shift, at=later(5, 60))
            return
        if ending == "reported":
            return
        if case.source != Source.COLLECTOR or ending == "verifying":
            workflow.request_verification(case, actor=acceptor, at=later(2, 15))
            if ending == "verifying":
                return
            workflow.verify(case, actor=collector, confirmed=ending != "declined", at=later(10, 40))
        if ending == "declined":
            workflow.decline(case, actor=acceptor, reason="经核实，问题不存在", at=later(2, 20))
            return
        if ending == "voided":
            workflow.void(case, actor=shift, reason="重复上报或无效信息", at=later(2, 20))
            return
        if ending == "merged":
            original = (
                Case.objects.filter(
                    jurisdiction=case.jurisdiction,
                    minor_class=case.minor_class,
                    reported_at__lt=case.reported_at,
                )
                .exclude(pk=case.pk)
                .first()
            )
            if original is not None:
                workflow.merge(case, into=original, actor=acceptor, note="同一问题重复上报", at=later(2, 20))
                return
        workflow.file(
            case,
            actor=shift,
            condition=case.minor_class.conditions.order_by("number").first(),
            at=later(2, 20),
        )
        if ending == "filed":
            return
        suggestion = _suggest(case)
        first_choice = people["handler"].unit
        if suggestion != first_choice and rng.random() < 0.15:  # sent to the wrong unit first, returned
            workflow.dispatch(case, unit=first_choice, actor=dispatcher, at=later(3, 20))
            workflow.request_return(
                case, actor=people["handler"], reason="不属于本单位职责", at=later(10, 120)
            )
            workflow.approve_return(case, actor=dispatcher, at=later(5, 60))
        workflow.dispatch(case, unit=suggestion, actor=dispatcher, at=later(3, 20))
        if ending == "dispatched":
            return
        handler = handlers.get(suggestion.pk)
        if handler is None:
            return  # a unit without a demo account keeps the case unsigned
        workflow.sign(case, actor=handler, at=later(5, 90))
        if rng.random() < 0.1:
            workflow.urge(case, actor=people["leader01"], note="请尽快处理", at=later(30, 300))
        if rng.random() < 0.1:
            workflow.request_extension(
                case, actor=handler, amount=1, reason="需协调相关部门", at=later(30, 300)
            )
            workflow.approve_extension(case, actor=dispatcher, at=later(5, 60))
        if ending == "suspended":
            workflow.request_suspension(case, actor=handler, reason="需列入年度改造计划", at=later(60, 600))
            workflow.approve_suspension(case, actor=dispatcher, at=later(10, 120))
            return
        if ending == "in_disposal":
            return
        workflow.feedback(
            case, actor=handler, note="已处置完毕", photos=[_photo(rng, "after")], at=later(60, 2400)
        )
        if ending == "checking":
            return
        if rng.random() < 0.1:
            workflow.fail_check(case, actor=collector, note="现场仍有问题", at=later(10, 60))
            workflow.feedback(
                case, actor=handler, note="已重新处置", photos=[_photo(rng, "after")], at=later(60, 1200)
            )
        workflow.pass_check(case, actor=collector, photos=[_photo(rng, "check")], at=later(10, 60))
        if ending == "checked":
            return
        workflow.close(case, actor=shift, at=later(5, 60))
    except _Now:
        return


class _Now(Exception):
    """The next step would lie in the future: the case stays where it is."""


def _suggest(case):
    from gridcity.org.duties import suggest_unit

    suggestion = suggest_unit(case.jurisdiction, case.minor_class, case.place, case.component)
    return suggestion.unit
