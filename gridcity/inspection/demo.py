"""The demo county's monthly inspections: the three months before the current one, opened,
filled in and closed through gridcity.inspection.monthly, so the pages show something.

Everything is deterministic (the seed of each month is fixed: the county's code and the month)
and idempotent: a month already opened is left as it is. The frontage parties exist only when
the demo loads its cases; without them the sheets have no entries, but the findings, the
units' results and the draw are there all the same. The street office (十字路街道) is named in
a heavy finding every month, so when the three months fall in one year it shows the rule of
three failures in a row (R11).
"""

import io
import random
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gridcity.catalog.models import MinorClass
from gridcity.frontage.standards import checklist
from gridcity.org.models import Unit, User

from . import monthly
from .models import MonthlyInspection, Strategy
from .results import month_end

MONTHS = 3
TEAM = ("civilization-office", "urban-management", "supervision")
# (major kind, major code, minor code, description, points) of the findings of each month.
FINDINGS = [
    ("event", "01", "02", "背街小巷有暴露垃圾，未及时清运", 5),
    ("event", "05", "04", "沿街商户店外经营，占用人行道", 25),
]


def _moment(day, hour=10):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _photo(text_seed):
    """A small JPEG standing for the photo taken on the spot."""
    rng = random.Random(text_seed)
    image = Image.new("RGB", (320, 240), (rng.randint(90, 160), rng.randint(90, 160), rng.randint(90, 160)))
    draw = ImageDraw.Draw(image)
    for _n in range(6):
        x, y = rng.randint(0, 280), rng.randint(0, 200)
        draw.rectangle([x, y, x + rng.randint(20, 60), y + rng.randint(15, 40)], fill=(200, 190, 170))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"finding-{text_seed}.jpg")


def _months_before(today, count):
    month = today.replace(day=1)
    months = []
    for _n in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return sorted(months)


def _fill(inspection, people, units, rng, inspected_on):
    inspector = people["inspector"]
    at = _moment(inspected_on)
    sheets = list(inspection.sheets.select_related("grid__zone__supervising_unit").order_by("grid__code"))
    for sheet in sheets:
        for party in monthly.parties_of(sheet):
            items = checklist(party.jurisdiction, party.kind)
            failed = set(rng.sample([item.number for item in items], 3)) if rng.random() < 0.12 else set()
            if not failed and rng.random() < 0.3:
                failed = {rng.choice(items).number}
            monthly.record_entry(
                sheet,
                party,
                actor=inspector,
                inspected_on=inspected_on,
                results={item.number: item.number not in failed for item in items},
                at=at,
            )
    findings = []
    for n, (kind, major, minor, description, points) in enumerate(FINDINGS):
        sheet = sheets[n % len(sheets)]
        unit = sheet.grid.zone.supervising_unit if n == 0 else units.get("shizilu-street")
        if unit is None:
            continue
        minor_class = MinorClass.objects.get(major__kind=kind, major__code=major, code=minor)
        findings.append(
            monthly.record_finding(
                sheet,
                actor=inspector,
                description=description,
                minor_class=minor_class,
                deduction=points,
                files=[_photo(f"{inspection.key}-{n}")],
                unit=unit,
                address=sheet.grid.name,
                found_on=inspected_on,
                at=at,
            )
        )
    for sheet in sheets:
        monthly.complete_sheet(sheet, actor=inspector, at=at + timedelta(hours=6))
    return findings


def load_demo_inspections(jurisdiction, at=None):
    """Open, fill and close the demo county's last three months; returns how many were opened."""
    at = at or timezone.now()
    people = {user.username: user for user in User.objects.filter(jurisdiction=jurisdiction)}
    if not {"evaluator", "inspector"} <= set(people):
        return 0  # not the demo county: its accounts are missing
    units = {unit.code: unit for unit in Unit.objects.filter(jurisdiction=jurisdiction)}
    team = [units[code] for code in TEAM if code in units]
    opened = 0
    for month in _months_before(timezone.localdate(at), MONTHS):
        if MonthlyInspection.objects.filter(jurisdiction=jurisdiction, month=month).exists():
            continue
        seed = int(f"{jurisdiction.code}{month:%Y%m}")
        rng = random.Random(seed)
        inspection = monthly.open_inspection(
            jurisdiction,
            month=month,
            actor=people["evaluator"],
            team_units=team,
            inspectors=[people["inspector"]],
            strategy=Strategy.PER_ZONE,
            seed=seed,
            note="演示数据",
            at=_moment(month, 9),
        )
        findings = _fill(inspection, people, units, rng, month.replace(day=15))
        if findings and month == _months_before(timezone.localdate(at), MONTHS)[-1]:
            # The last month's first finding became a case, as the team does on the spot.
            monthly.make_case(findings[0], actor=people["evaluator"], at=_moment(month.replace(day=15), 15))
        monthly.close_inspection(inspection, actor=people["evaluator"], at=_moment(month_end(month), 17))
        opened += 1
    return opened
