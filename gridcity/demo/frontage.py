"""The demo county's frontage register (门前三包): a few hundred parties along its streets.

The streets of the demo county are the edges of its grids (gridcity/demo/county.py cuts the
county seat along them). Parties of every kind face them, with agreements in every state made
through gridcity.frontage.agreements at chosen times, a few unsigned, inspections with three
failures in a row for some, the sponsors' grid-management agreements, and a shop placed on
the street-business cases that the demo cases put there, so cases link to parties.
Everything is deterministic (fixed seed) and idempotent: parties are found by their codes.
"""

import math
import random
import zlib
from datetime import datetime, timedelta

import shapely
from django.db import transaction
from django.utils import timezone

from gridcity.cases.models import Case
from gridcity.frontage import agreements
from gridcity.frontage.accountability import relink_cases
from gridcity.frontage.codes import USCC_CHARACTERS, licence_check_digit, uscc_check_character
from gridcity.frontage.geometry import LocalPlane, length_m
from gridcity.frontage.inspections import record_inspection
from gridcity.frontage.lookup import frontage_changed
from gridcity.frontage.models import (
    Party,
    PartyKind,
    SigningRule,
    Sponsorship,
    SponsorshipMember,
)
from gridcity.frontage.signing import suggest_signing_unit
from gridcity.frontage.standards import checklist, ensure_checklist
from gridcity.grids import locate_many
from gridcity.grids.models import Grid
from gridcity.org.models import Place, Unit, User

SEED = 371327
PARTY_COUNT = 300

# (kind, weight, place, USCC registration authority + category, frontage drawn as a polygon)
KINDS = [
    (PartyKind.INDIVIDUAL_BUSINESS, 44, Place.STREET_BUSINESS, "92", False),
    (PartyKind.ENTERPRISE, 12, Place.MAIN_ROAD, "91", False),
    (PartyKind.ORGAN, 6, Place.MAIN_ROAD, "11", False),
    (PartyKind.ASSOCIATION, 3, Place.MAIN_ROAD, "51", False),
    (PartyKind.SCHOOL, 4, Place.MAIN_ROAD, "12", True),
    (PartyKind.VILLAGE_COMMUNITY, 5, Place.VILLAGE_COMMUNITY, "55", True),
    (PartyKind.MARKET, 4, Place.MAIN_ROAD, "91", True),
    (PartyKind.CONSTRUCTION_SITE, 5, Place.CONSTRUCTION_SITE, "91", True),
    (PartyKind.CAR_PARK, 4, Place.MAIN_ROAD, "91", True),
    (PartyKind.STATION, 2, Place.MAIN_ROAD, "12", True),
    (PartyKind.OTHER, 3, Place.MAIN_ROAD, "59", False),
]

# (kind or "", place, zones or None, unit code, reason) — 细则 §四.
SIGNING_RULES = [
    (
        "",
        Place.ANY,
        None,
        "urban-management",
        "城管局负责城区主次干道、公共场所等“门前三包”责任制落实（默认）",
    ),
    (PartyKind.ORGAN, Place.ANY, None, "civilization-office", "文明办负责县直机关“门前三包”责任制落实"),
    (PartyKind.ASSOCIATION, Place.ANY, None, "civilization-office", "文明办负责团体“门前三包”责任制落实"),
    (PartyKind.SCHOOL, Place.ANY, None, "civilization-office", "文明办负责事业单位“门前三包”责任制落实"),
    (
        PartyKind.ENTERPRISE,
        Place.ANY,
        None,
        "civilization-office",
        "文明办负责企事业单位“门前三包”责任制落实",
    ),
    (
        PartyKind.CONSTRUCTION_SITE,
        Place.ANY,
        None,
        "housing-construction",
        "住建局负责建筑工地“门前三包”责任制落实",
    ),
    (PartyKind.MARKET, Place.ANY, None, "urban-management", "城管局负责公共场所“门前三包”责任制落实"),
    (PartyKind.CAR_PARK, Place.ANY, None, "urban-management", "城管局负责公共场所“门前三包”责任制落实"),
    (PartyKind.STATION, Place.ANY, None, "urban-management", "城管局负责公共场所“门前三包”责任制落实"),
    (
        PartyKind.INDIVIDUAL_BUSINESS,
        Place.ANY,
        None,
        "shizilu-street",
        "街道会同职能部门与主要道路两侧的经营户签订责任书",
    ),
    (
        PartyKind.INDIVIDUAL_BUSINESS,
        Place.ANY,
        ("10", "11"),
        "development-zone",
        "开发区会同职能部门与区内主要道路两侧的经营户签订责任书",
    ),
    (PartyKind.VILLAGE_COMMUNITY, Place.ANY, None, "shizilu-street", "街道落实村庄（社区）管理责任"),
    (
        PartyKind.VILLAGE_COMMUNITY,
        Place.ANY,
        ("10", "11"),
        "development-zone",
        "开发区落实村庄（社区）管理责任",
    ),
    (
        "",
        Place.PROPERTY_COMPOUND,
        None,
        "housing-administration",
        "房管局负责物业管理居民小区“门前三包”责任制落实",
    ),
]

# Streets: the vertical grid edges west to east, the horizontal ones north to south.
NORTH_SOUTH_STREETS = [
    "人民路",
    "文化路",
    "民主路",
    "振兴路",
    "鸡山路",
    "兴南路",
    "龙山路",
    "大店路",
    "天桥路",
    "沭河路",
    "相邸路",
    "石莲子路",
]
EAST_WEST_STREETS = ["滨湖大道", "隆山路", "府前街", "迎宾路"]

SHOP_WORDS = [
    "惠民",
    "鑫源",
    "福满",
    "阳光",
    "金鼎",
    "佳佳",
    "兴隆",
    "和顺",
    "宏达",
    "家乐",
    "百姓",
    "明珠",
    "春风",
    "金穗",
]
SHOP_KINDS = [
    "超市",
    "饭店",
    "理发店",
    "五金店",
    "便利店",
    "药店",
    "水果店",
    "服装店",
    "烟酒店",
    "早餐店",
    "面馆",
    "花店",
    "眼镜店",
    "烧烤店",
]
NAMES = {
    PartyKind.ENTERPRISE: lambda r, n: (
        f"莒南县{r.choice(SHOP_WORDS)}{r.choice(['商贸', '建材', '食品', '物业', '电器', '纺织'])}有限公司"
    ),
    PartyKind.ORGAN: lambda r, n: [
        "莒南县人民法院",
        "莒南县教育和体育局",
        "莒南县财政局",
        "莒南县自然资源局",
        "莒南县交通运输局",
        "莒南县卫生健康局",
        "莒南县民政局",
        "莒南县人力资源和社会保障局",
        "莒南县水利局",
        "莒南县审计局",
        "莒南县统计局",
        "莒南县市场监督管理局",
        "莒南县农业农村局",
        "莒南县档案馆",
    ][n % 14],
    PartyKind.ASSOCIATION: lambda r, n: [
        "莒南县总工会",
        "共青团莒南县委",
        "莒南县妇女联合会",
        "莒南县科学技术协会",
        "莒南县残疾人联合会",
        "莒南县工商业联合会",
    ][n % 6],
    PartyKind.SCHOOL: lambda r, n: (
        f"莒南县第{'一二三四五六七八九十'[n % 10]}{r.choice(['实验小学', '中学', '幼儿园'])}"
    ),
    PartyKind.VILLAGE_COMMUNITY: lambda r, n: (
        f"{r.choice(['城南', '城北', '东关', '西关', '岭泉', '涝坡', '官庄', '河湾'])}社区居委会"
    ),
    PartyKind.MARKET: lambda r, n: (
        f"{r.choice(['城东', '城西', '南关', '北关', '十字路'])}{r.choice(['农贸市场', '蔬菜批发市场', '综合市场'])}"
    ),
    PartyKind.CONSTRUCTION_SITE: lambda r, n: (
        f"{r.choice(SHOP_WORDS)}{r.choice(['花园', '名苑', '御府', '新城'])}{n % 9 + 1}期项目工地"
    ),
    PartyKind.CAR_PARK: lambda r, n: (
        f"{r.choice(['人民广场', '汽车站', '县医院', '商业街', '体育馆'])}停车场"
    ),
    PartyKind.STATION: lambda r, n: r.choice(["莒南汽车站", "莒南公交首末站", "十字路长途客运站"]),
    PartyKind.OTHER: lambda r, n: (
        f"莒南县{r.choice(['慈善', '红十字', '志愿者', '老年'])}{r.choice(['服务中心', '协会办事处', '活动中心'])}"
    ),
}


def _person(rng):
    from .county import GIVEN_NAMES, SURNAMES  # county.py imports this module

    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _phone(rng):
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _credit_code(rng, prefix, division="371327"):
    body = prefix + division + "".join(rng.choice(USCC_CHARACTERS) for _ in range(9))
    return body + uscc_check_character(body)


def _licence(rng, division="371327"):
    body = division + "".join(rng.choice("0123456789") for _ in range(8))
    return body + licence_check_digit(body)


def load_signing_rules(jurisdiction):
    units = {unit.code: unit for unit in Unit.objects.filter(jurisdiction=jurisdiction)}
    zones = {zone.code: zone for zone in jurisdiction.zones.all()}
    for kind, place, zone_codes, unit, reason in SIGNING_RULES:
        for zone in [zones[code] for code in zone_codes] if zone_codes else [None]:
            if not SigningRule.objects.filter(
                jurisdiction=jurisdiction, party_kind=kind, place=place, zone=zone
            ).exists():
                SigningRule.objects.create(
                    jurisdiction=jurisdiction,
                    party_kind=kind,
                    place=place,
                    zone=zone,
                    unit=units[unit],
                    reason=reason,
                )


def _streets(grids):
    """(grid, street name, start, end) for each edge of each grid, start → end with the grid on the
    left; the demo layer's rings run west edge north→south, south edge west→east, …"""
    streets = []
    for grid in grids:
        ring = grid.boundary["coordinates"][0]
        zone_index = int(grid.code[9:12]) - 1
        row = int(grid.code[12:15]) - 1
        names = [
            NORTH_SOUTH_STREETS[zone_index],
            EAST_WEST_STREETS[row + 1],
            NORTH_SOUTH_STREETS[zone_index + 1],
            EAST_WEST_STREETS[row],
        ]
        for side in range(4):
            streets.append((grid, names[side], ring[side], ring[side + 1]))
    return streets


def _frontage(plane, start, end, at, length, inward, depth, polygon):
    """A frontage along the street start → end (degrees) at ``at`` metres from its start, on the
    side the grid lies (``inward``: the unit normal, in metres): a building line ``inward`` of
    the kerb, or the area between kerb and building line as a polygon."""
    sx, sy = plane.xy(*start)
    ex, ey = plane.xy(*end)
    street = math.hypot(ex - sx, ey - sy)
    ux, uy = (ex - sx) / street, (ey - sy) / street
    nx, ny = inward
    kerb = 8.0  # half the carriageway: the street's centre line is the grid edge

    def degrees(along, off):
        x, y = sx + ux * along + nx * off, sy + uy * along + ny * off
        return [round(plane.lon0 + x / plane.kx, 7), round(plane.lat0 + y / plane.ky, 7)]

    if polygon:
        ring = [
            degrees(at, kerb),
            degrees(at + length, kerb),
            degrees(at + length, kerb + depth),
            degrees(at, kerb + depth),
        ]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    building_line = kerb + depth
    return {
        "type": "LineString",
        "coordinates": [degrees(at, building_line), degrees(at + length, building_line)],
    }


def _street_parties(jurisdiction, rng):
    grids = list(
        Grid.objects.active().filter(jurisdiction=jurisdiction).select_related("zone").order_by("code")
    )
    plane = LocalPlane(*shapely.geometry.shape(grids[0].boundary).centroid.coords[0])
    streets = _streets(grids)
    weights = [k[1] for k in KINDS]
    taken = {}  # street index → list of (start, end) metres used
    parties = []
    for n in range(PARTY_COUNT):
        kind, _weight, place, prefix, polygon = rng.choices(KINDS, weights=weights)[0]
        for _attempt in range(20):
            index = rng.randrange(len(streets))
            grid, street_name, start, end = streets[index]
            sx, sy = plane.xy(*start)
            ex, ey = plane.xy(*end)
            street = math.hypot(ex - sx, ey - sy)
            length = rng.uniform(40, 90) if polygon else rng.uniform(8, 30)
            at = rng.uniform(30, street - 30 - length)
            if all(at + length + 4 < a or at > b + 4 for a, b in taken.get(index, [])):
                break
        else:
            continue
        taken.setdefault(index, []).append((at, at + length))
        ux, uy = (ex - sx) / street, (ey - sy) / street
        # The grid lies to one side of its edge: the inward normal points at its centre.
        cx, cy = plane.xy(*shapely.geometry.shape(grid.boundary).centroid.coords[0])
        nx, ny = -uy, ux
        if (cx - sx) * nx + (cy - sy) * ny < 0:
            nx, ny = uy, -ux
        depth = round(rng.uniform(3, 7), 1)
        frontage = _frontage(plane, start, end, at, length, (nx, ny), depth, polygon)
        use_licence = kind == PartyKind.INDIVIDUAL_BUSINESS and rng.random() < 0.25
        name = (
            f"{rng.choice(SHOP_WORDS)}{rng.choice(SHOP_KINDS)}"
            if kind == PartyKind.INDIVIDUAL_BUSINESS
            else NAMES[kind](rng, n)
        )
        if kind == PartyKind.ENTERPRISE and "物业" in name:
            place = Place.PROPERTY_COMPOUND
        parties.append(
            Party(
                jurisdiction=jurisdiction,
                kind=kind,
                name=name,
                credit_code="" if use_licence else _credit_code(rng, prefix),
                licence_number=_licence(rng) if use_licence else "",
                place=place,
                address=f"十字路街道{street_name}{int(at) // 3 + 1}号",
                contact_person=_person(rng),
                contact_phone=_phone(rng),
                frontage=frontage,
                depth_m=depth,
                lon=0.0,
                lat=0.0,
                grid=grid,
                zone=grid.zone,
            )
        )
    return parties


def _place(parties):
    """Each party's point (the middle of its frontage), grid and zone, and frontage length."""
    shapes = [shapely.geometry.shape(party.frontage) for party in parties]
    points = [
        shape.interpolate(0.5, normalized=True) if shape.geom_type == "LineString" else shape.centroid
        for shape in shapes
    ]
    locations = locate_many([p.x for p in points], [p.y for p in points])
    placed = []
    for party, shape, point, location in zip(parties, shapes, points, locations, strict=True):
        if location is None:
            continue
        party.lon, party.lat = round(point.x, 7), round(point.y, 7)
        party.grid_id, party.zone_id = location.grid_id, location.zone_id
        party.frontage_length_m = round(length_m(shape), 1) if shape.geom_type == "LineString" else None
        placed.append(party)
    return placed


def _agreements(parties, people, rng, now):
    """Agreements in every state, through the agreement functions, at chosen past times."""
    office = people["evaluator"]
    today = timezone.localdate(now)
    rules = list(SigningRule.objects.filter(jurisdiction=parties[0].jurisdiction).select_related("unit"))
    for party in parties:
        unit = suggest_signing_unit(party, rules).unit
        fate = rng.choices(
            ["unsigned", "draft", "signed", "ending", "expired", "renewed", "terminated"],
            weights=[14, 9, 46, 6, 7, 10, 8],
        )[0]
        if fate == "unsigned":
            continue
        if fate == "draft":
            agreements.draft_agreement(
                party, actor=office, signing_unit=unit, at=now - timedelta(days=rng.randint(1, 20))
            )
            continue
        if fate in ("expired", "renewed"):
            starts_on = today - timedelta(days=rng.randint(380, 700))
        elif fate == "ending":
            starts_on = today - timedelta(days=365 - rng.randint(3, 25))
        else:
            starts_on = today - timedelta(days=rng.randint(10, 330))
        drafted_at = _moment(starts_on - timedelta(days=rng.randint(3, 15)))
        agreement = agreements.draft_agreement(
            party, actor=office, signing_unit=unit, starts_on=starts_on, at=drafted_at
        )
        signed_at = drafted_at + timedelta(days=rng.randint(1, 3))
        agreements.sign(
            agreement,
            actor=office,
            signed_on=timezone.localdate(signed_at),
            party_signatory=party.contact_person,
            unit_signatory=_person(rng),
            at=signed_at,
        )
        if fate == "terminated":
            agreements.terminate(
                agreement,
                actor=office,
                reason=rng.choice(["经营户已停业", "单位已搬迁", "店铺转让，由新经营者重新签订"]),
                at=signed_at + timedelta(days=rng.randint(20, 200)),
            )
        elif fate in ("expired", "renewed"):
            if fate == "renewed":  # renewed before the end of the term, as the reminder asks
                renewal = agreements.renew(
                    agreement, actor=office, at=_moment(agreement.ends_on - timedelta(days=10))
                )
                agreements.sign(
                    renewal,
                    actor=office,
                    signed_on=agreement.ends_on - timedelta(days=5),
                    party_signatory=party.contact_person,
                    unit_signatory=_person(rng),
                    at=_moment(agreement.ends_on - timedelta(days=5)),
                )
            agreements.expire(agreement, at=_moment(agreement.ends_on + timedelta(days=1)))


def _moment(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _inspections(parties, people, rng, now):
    """This year's inspections: most parties pass; a few fail three times in a row."""
    inspector = people["inspector"]
    today = timezone.localdate(now)
    year_start = today.replace(month=1, day=1)
    days = (today - year_start).days
    if days < 30:
        return  # too early in the year for three monthly inspections
    for n, party in enumerate(parties[::4]):
        items = checklist(party.jurisdiction, party.kind)
        failing = n % 9 == 0
        for k in range(3 if failing else rng.randint(1, 3)):
            day = year_start + timedelta(days=(k + 1) * days // 4)
            failed = {item.number for item in rng.sample(items, 3 if failing else rng.choice([0, 0, 1, 2]))}
            record_inspection(
                party,
                inspector=inspector,
                inspected_on=day,
                results={item.number: item.number not in failed for item in items},
                at=_moment(day),
            )


def _sponsorships(jurisdiction, parties, today):
    """Each zone's sponsoring leader signs a grid-management agreement for each of its grids."""
    by_grid = {}
    for party in parties:
        by_grid.setdefault(party.grid_id, []).append(party)
    town = Unit.objects.get(jurisdiction=jurisdiction, code="shizilu-street")
    starts_on = today.replace(month=1, day=1)
    for grid in (
        Grid.objects.active()
        .filter(jurisdiction=jurisdiction)
        .select_related("zone__supervising_unit", "zone__sponsor")
    ):
        sponsor = grid.zone.sponsor
        if sponsor is None:
            continue
        sponsorship = Sponsorship.objects.create(
            jurisdiction=jurisdiction,
            leader=sponsor,
            grid=grid,
            duties="包扶网格，督促网格内各单位落实城市网格化管理和“门前三包”责任，每月参加公共卫生秩序日活动",
            starts_on=starts_on,
            ends_on=starts_on.replace(month=12, day=31),
            signed_on=starts_on + timedelta(days=10),
        )
        members = [
            SponsorshipMember(
                sponsorship=sponsorship,
                unit=grid.zone.supervising_unit,
                duties="督导网格，检查“门前三包”落实情况",
            ),
            SponsorshipMember(
                sponsorship=sponsorship,
                unit=town,
                duties="落实属地管理责任，组织网格内单位和经营户签订责任书",
            ),
        ]
        members += [
            SponsorshipMember(sponsorship=sponsorship, party=party, duties="落实“门前三包”责任")
            for party in by_grid.get(grid.pk, [])[:3]
            if party.kind != PartyKind.INDIVIDUAL_BUSINESS
        ]
        SponsorshipMember.objects.bulk_create(members)


# The street-business cases of the demo (店外经营, 乱堆物堆料, 商业噪音, 油烟污染): a shop is put
# where every second one of them was reported, so the demo shows parties with violations.
CASE_CLASSES = [("event", "05", "04"), ("event", "05", "07"), ("event", "05", "08"), ("event", "01", "16")]


def _case_parties(jurisdiction, rng):
    wanted = set(CASE_CLASSES)
    cases = [
        case
        for case in Case.objects.filter(jurisdiction=jurisdiction, minor_class__major__kind="event")
        .select_related("minor_class__major", "grid")
        .order_by("number")
        if (case.minor_class.major.kind, case.minor_class.major.code, case.minor_class.code) in wanted
    ][::2]
    known = set(Party.objects.filter(jurisdiction=jurisdiction).values_list("licence_number", flat=True))
    parties = []
    for case in cases:
        # The licence number comes from the case number: the same case gives the same shop.
        body = f"371327{zlib.crc32(case.number.encode()) % 10**8:08d}"
        licence = body + licence_check_digit(body)
        if licence in known:
            continue
        known.add(licence)
        plane = LocalPlane(case.lon, case.lat)
        half = rng.uniform(5, 12)
        # The building line runs 2 m from where the case was reported, east–west.
        line = [
            [case.lon - half / plane.kx, case.lat + 2 / plane.ky],
            [case.lon + half / plane.kx, case.lat + 2 / plane.ky],
        ]
        parties.append(
            Party(
                jurisdiction=jurisdiction,
                kind=PartyKind.INDIVIDUAL_BUSINESS,
                name=f"{rng.choice(SHOP_WORDS)}{rng.choice(SHOP_KINDS)}",
                licence_number=licence,
                place=Place.STREET_BUSINESS,
                address=case.address or f"{case.grid.name}",
                contact_person=_person(rng),
                contact_phone=_phone(rng),
                frontage={"type": "LineString", "coordinates": [[round(x, 7), round(y, 7)] for x, y in line]},
                depth_m=5.0,
                lon=0.0,
                lat=0.0,
                grid=case.grid,
                zone_id=case.zone_id,
            )
        )
    return _place(parties)


def load_demo_frontage(jurisdiction, now=None):
    """Build the demo county's frontage register; safe to run again. Returns the number of parties."""
    now = now or timezone.now()
    rng = random.Random(SEED)
    people = {user.username: user for user in User.objects.filter(jurisdiction=jurisdiction)}
    with transaction.atomic():
        ensure_checklist(jurisdiction)
        load_signing_rules(jurisdiction)
        if not Party.objects.filter(jurisdiction=jurisdiction).exists():
            parties = Party.objects.bulk_create(_place(_street_parties(jurisdiction, rng)))
            frontage_changed()
            _agreements(parties, people, rng, now)
            _inspections(parties, people, rng, now)
            _sponsorships(jurisdiction, parties, timezone.localdate(now))
        case_parties = _case_parties(jurisdiction, random.Random(SEED + 1))
        if case_parties:
            case_parties = Party.objects.bulk_create(case_parties)
            frontage_changed()
            rules = list(SigningRule.objects.filter(jurisdiction=jurisdiction).select_related("unit"))
            for party in case_parties[::2]:
                agreement = agreements.draft_agreement(
                    party,
                    actor=people["evaluator"],
                    signing_unit=suggest_signing_unit(party, rules).unit,
                    at=now - timedelta(days=30),
                )
                agreements.sign(
                    agreement,
                    actor=people["evaluator"],
                    party_signatory=party.contact_person,
                    at=now - timedelta(days=28),
                )
        relink_cases(jurisdiction, now=now)
        agreements.run_renewals(now)
    return Party.objects.filter(jurisdiction=jurisdiction).count()
