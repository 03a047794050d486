"""The demo county's last two public order days, for a part of its grids; safe to run again.

Everything goes through gridcity.orderday.actions with the demo accounts (gridcity.demo.county):
the evaluation office sets the days, each zone's supervising unit records its grids (the office
where that unit has no account), the inspector checks every second grid and records a finding
where it fails. Some leaders and units stay away, so the pages show absentees.
"""

import io
import random
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from gridcity.grids.models import Grid
from gridcity.org.models import User

from . import actions
from .models import USUAL_DAY, GridRecord, OrderDay
from .selectors import expected_participants

SEED = 15
ZONES = ["01", "02", "03", "04", "05", "06"]  # the part of the county the demo fills
WORK = [
    "清理背街小巷垃圾、杂物，清除小广告",
    "整治店外经营和占道堆放，规范非机动车停放",
    "清扫主次干道人行道，清理绿化带内垃圾",
    "清理居民小区楼道杂物和卫生死角",
    "拆除破损广告牌，清洗公共设施",
]
FINDINGS = [
    "沿街商户门前仍有杂物堆放",
    "绿化带内有未清运的垃圾",
    "路边非机动车乱停放未整改",
]


def _photo(rng, label):
    """A small real JPEG standing in for a field photo."""
    image = Image.new("RGB", (160, 120), tuple(rng.randrange(60, 200) for _ in range(3)))
    ImageDraw.Draw(image).text((8, 50), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name=f"{label}.jpg")


def _recent_days(today, count=2):
    """The dates of the last ``count`` 15ths on or before ``today``, oldest first."""
    year, month = today.year, today.month
    if today.day < USUAL_DAY:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    days = []
    for _ in range(count):
        days.append(today.replace(year=year, month=month, day=USUAL_DAY))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return days[::-1]


def _moment(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _recorder(people, grid, evaluator):
    unit = grid.zone.supervising_unit
    if unit is None:
        return evaluator
    return people.get("handler" if unit.code == "urban-management" else f"handler-{unit.code}", evaluator)


def _fill_grid(order_day, grid, people, rng):
    evaluator, inspector = people["evaluator"], people.get("inspector")
    record = GridRecord.objects.filter(order_day=order_day, grid=grid).first()
    if record is None or not record.participation_recorded:
        expected = expected_participants(grid, order_day.date)
        actions.record_participation(
            order_day,
            grid,
            actor=_recorder(people, grid, evaluator),
            leader_took_part=expected.leader is not None and rng.random() < 0.8,
            units=[unit for unit in expected.units if rng.random() < 0.85],
            head_count=rng.randint(8, 40),
            work_done=rng.choice(WORK),
            before_photos=[_photo(rng, f"before-{grid.code[-6:]}")],
            after_photos=[_photo(rng, f"after-{grid.code[-6:]}")],
            at=_moment(order_day.date, 11, rng.randint(0, 59)),
        )
        record = GridRecord.objects.get(order_day=order_day, grid=grid)
    if inspector is None or record.checked or int(grid.code[-1]) % 2 == 0:
        return
    score = rng.randint(60, 98)
    at = _moment(order_day.date, 15, rng.randint(0, 59))
    actions.record_check(
        order_day, grid, actor=inspector, checked_on=order_day.date, passed=score >= 80, score=score, at=at
    )
    if score < 80:
        actions.add_finding(
            order_day,
            grid,
            actor=inspector,
            description=rng.choice(FINDINGS),
            photos=[_photo(rng, f"finding-{grid.code[-6:]}")],
            at=at,
        )


def load_demo_order_days(jurisdiction, at=None):
    """Fill the last two order days of the demo county for the grids of ZONES; returns the days.
    Needs the demo accounts (evaluator, inspector, the units' handlers); without them, nothing."""
    at = at or timezone.now()
    people = {user.username: user for user in User.objects.filter(jurisdiction=jurisdiction)}
    evaluator = people.get("evaluator")
    if evaluator is None:
        return []
    rng = random.Random(SEED)
    grids = list(
        Grid.objects.active()
        .filter(jurisdiction=jurisdiction, zone__code__in=ZONES)
        .select_related("zone__supervising_unit", "zone__sponsor")
        .order_by("code")
    )
    days = []
    with transaction.atomic():
        for date in _recent_days(timezone.localdate(at)):
            order_day = OrderDay.objects.filter(jurisdiction=jurisdiction, month=date.replace(day=1)).first()
            if order_day is None:
                order_day = actions.create_order_day(
                    jurisdiction, actor=evaluator, date=date, at=_moment(date.replace(day=1), 9)
                )
            for grid in grids:
                _fill_grid(order_day, grid, people, rng)
            days.append(order_day)
    return days
