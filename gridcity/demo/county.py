"""Junan County (莒南县, 371327) as the seed describes it, for demonstration and tests.

Every builder is idempotent: rows are found by their natural keys, passwords are set only
when an account is created, and the grid layer goes through the same import as any county's,
which writes nothing when nothing changed.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from gridcity.cases.models import Source
from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient, Scope
from gridcity.evaluation.demo import load_demo_evaluation
from gridcity.grids.layer import import_layer
from gridcity.inspection.demo import load_demo_inspections
from gridcity.open311.demo import add_demo_attributes
from gridcity.orderday.demo import load_demo_order_days
from gridcity.org.models import Jurisdiction, Unit, User
from gridcity.org.roles import STAFF_ROLES, Role, ensure_role_groups

from .cases import load_demo_cases, load_duty_matrix
from .frontage import load_demo_frontage

JURISDICTION = ("371327", "莒南县")
DEMO_PASSWORD = "gridcity-demo"
# The demo 12345 hotline's API key and signing secret, printed by load_demo and used in
# README's examples. A real client gets a random key from the admin, shown once.
DEMO_HOTLINE_KEY = "gc_jn012345_demo-key-of-the-junan-12345-hotline"
DEMO_HOTLINE_SECRET = "demo-signing-secret-of-the-junan-12345-hotline"

# (code, name, short name, kind, parent code, member of the leading group, duties) — seed §四.
UNITS = [
    (
        "civilization-office",
        "县文明办（城市网格化管理工作领导小组办公室）",
        "文明办",
        Unit.Kind.LEADING_OFFICE,
        None,
        True,
        "牵头全县“门前三包”工作，负责协调、督促、检查和考核；负责城区有关镇街和县直机关、团体、企事业单位"
        "“门前三包”责任制落实；负责城市网格化管理的综合协调、日常检查指导和考核通报。",
    ),
    (
        "urban-management",
        "县城市管理局",
        "城管局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "协助落实《“门前三包”责任书》签订和长效管理机制；负责城区主次干道、公共场所等“门前三包”责任制落实；"
        "负责城区“门前三包”日常巡查和处罚。",
    ),
    (
        "command-center",
        "数字化城管指挥中心",
        "指挥中心",
        Unit.Kind.COMMAND_CENTER,
        "urban-management",
        False,
        "受理信息采集员和热线、公众上报的问题，立案、派遣、核查、结案，并按完成情况对责任单位考核打分。",
    ),
    (
        "supervision",
        "县监察局",
        "监察局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "对“门前三包”实施过程进行监督，对各相关部门的工作效能进行监察。",
    ),
    ("public-security", "县公安局", "公安局", Unit.Kind.DEPARTMENT, None, True, "全力做好执法保障工作。"),
    (
        "housing-construction",
        "县住房和城乡建设局",
        "住建局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "负责建筑工地“门前三包”责任制落实；做好市政公用、园林绿化等设施的配备和维护。",
    ),
    (
        "broadcasting",
        "县广播电视台",
        "广播电视台",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "制定“门前三包”宣传计划，做好新闻报道工作。",
    ),
    (
        "industry-commerce",
        "县工商行政管理局",
        "工商局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "对临街经营户按前置程序核发营业执照，并对临街经营户的违法（章）行为进行处理。",
    ),
    (
        "environment",
        "县环境保护局",
        "环保局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "检测临街经营户的噪音、饮食服务油烟污染和污水排放，将检测结果告知城管局，并对超标违法行为进行处罚。",
    ),
    (
        "housing-administration",
        "县房产管理局",
        "房管局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "负责物业管理居民小区“门前三包”责任制落实。",
    ),
    (
        "food-drug",
        "县食品药品监督管理局",
        "食药监局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "加强对临街餐饮店的食品安全整顿。",
    ),
    (
        "state-tax",
        "县国家税务局",
        "国税局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "依法查处临街经营户的偷、漏税行为。",
    ),
    (
        "local-tax",
        "县地方税务局",
        "地税局",
        Unit.Kind.DEPARTMENT,
        None,
        True,
        "依法查处临街经营户的偷、漏税行为。",
    ),
    (
        "development-zone",
        "莒南经济开发区",
        "开发区",
        Unit.Kind.DEVELOPMENT_ZONE,
        None,
        True,
        "会同职能部门与城区主要道路两侧的单位、住户、经营户签订《“门前三包”责任书》；落实村庄（社区）管理责任；"
        "协助职能部门整治和处罚影响城区容貌、环境卫生、城市绿化的违法（章）现象。",
    ),
    (
        "shizilu-street",
        "十字路街道办事处",
        "十字路街道",
        Unit.Kind.TOWN,
        None,
        True,
        "会同职能部门与城区主要道路两侧的单位、住户、经营户签订《“门前三包”责任书》；落实村庄（社区）管理责任；"
        "抓好背街小巷、居民小区卫生整治；协助送达执法文书；按属地管理原则预防和管控违法建设。",
    ),
]

# Supervising unit of each zone, zone 01 to 11 (the member departments take one zone each).
SUPERVISING_UNITS = [
    "urban-management",
    "supervision",
    "public-security",
    "housing-construction",
    "broadcasting",
    "industry-commerce",
    "environment",
    "housing-administration",
    "food-drug",
    "state-tax",
    "local-tax",
]

ZONE_NAMES = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "秀兰",
    "海燕",
    "晓东",
    "红梅",
    "国庆",
    "立新",
    "文博",
]


@dataclass(frozen=True)
class Account:
    username: str
    role: Role
    unit: str
    last_name: str
    first_name: str
    zone: str | None = None


def demo_accounts():
    """One account per role, 11 county leaders (one sponsors each zone), 11 collectors."""
    names = random.Random(JURISDICTION[0])

    def name():
        return names.choice(SURNAMES), names.choice(GIVEN_NAMES)

    accounts = [
        Account("admin", Role.SYSTEM_ADMIN, "command-center", *name()),
        Account("acceptor", Role.ACCEPTOR, "command-center", *name()),
        Account("shiftleader", Role.SHIFT_LEADER, "command-center", *name()),
        Account("dispatcher", Role.DISPATCHER, "command-center", *name()),
        Account("handler", Role.UNIT_HANDLER, "urban-management", *name()),
        Account("unitleader", Role.UNIT_LEADER, "urban-management", *name()),
        Account("inspector", Role.INSPECTOR, "civilization-office", *name()),
        Account("evaluator", Role.EVALUATION_OFFICE, "civilization-office", *name()),
    ]
    # A handler in each other unit the duty matrix sends cases to.
    accounts += [
        Account(f"handler-{unit}", Role.UNIT_HANDLER, unit, *name())
        for unit in (
            "housing-construction",
            "environment",
            "industry-commerce",
            "public-security",
            "housing-administration",
            "shizilu-street",
        )
    ]
    accounts += [Account(f"leader{n:02d}", Role.COUNTY_LEADER, "", *name()) for n in range(1, 12)]
    accounts += [
        Account(f"collector{n:02d}", Role.COLLECTOR, "command-center", *name(), zone=f"{n:02d}")
        for n in range(1, 12)
    ]
    return accounts


def grid_layer(jurisdiction_code=JURISDICTION[0]):
    """The 33 demo grids as a GeoJSON FeatureCollection.

    The county seat's built-up area around 118.83 E, 35.17 N is cut into 11 zones side by
    side (west to east), each of 3 grids (north to south). The lattice's vertices are shifted
    a little at random (fixed seed) so the boundaries look like streets rather than a
    chessboard; neighbouring grids share their vertices exactly, so there are no gaps and
    no overlaps.
    """
    columns, rows = 11, 3
    west, north = 118.7945, 35.188
    step_lon, step_lat = 0.0065, 0.0115
    jitter = random.Random(int(jurisdiction_code))
    vertices = {}
    for i in range(columns + 1):
        for j in range(rows + 1):
            dx = jitter.uniform(-0.15, 0.15) * step_lon
            dy = jitter.uniform(-0.15, 0.15) * step_lat
            vertices[i, j] = [round(west + i * step_lon + dx, 6), round(north - j * step_lat + dy, 6)]
    features = []
    for i in range(columns):
        zone = f"{i + 1:02d}"
        for j in range(rows):
            ring = [
                vertices[i, j],
                vertices[i, j + 1],
                vertices[i + 1, j + 1],
                vertices[i + 1, j],
                vertices[i, j],
            ]
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "properties": {
                        # street 001 (十字路街道), community = zone, sequence north to south
                        "code": f"{jurisdiction_code}001{i + 1:03d}{j + 1:03d}",
                        "name": f"第{ZONE_NAMES[i]}网区第{j + 1}网格",
                        "zone": zone,
                        "zone_name": f"第{ZONE_NAMES[i]}网区",
                        "supervising_unit": SUPERVISING_UNITS[i],
                        "sponsor": f"leader{i + 1:02d}",
                        "collector": f"collector{i + 1:02d}",
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def load_demo(cases=True):
    """Build the demo county; returns (jurisdiction, accounts). ``cases=False`` leaves out the
    few hundred demo cases (and their photos) and the frontage register (门前三包 parties and
    their agreements), which most tests do not need."""
    with transaction.atomic():
        jurisdiction, _created = Jurisdiction.objects.get_or_create(
            code=JURISDICTION[0], defaults={"name": JURISDICTION[1]}
        )
        units = {}
        for code, name, short_name, kind, parent, is_member, duties in UNITS:
            unit = Unit.objects.filter(jurisdiction=jurisdiction, code=code).first()
            if unit is None:
                unit = Unit.objects.create(
                    jurisdiction=jurisdiction,
                    code=code,
                    name=name,
                    short_name=short_name,
                    kind=kind,
                    parent=units.get(parent),
                    is_member=is_member,
                    duties=duties,
                )
            units[code] = unit
        groups = ensure_role_groups()
        accounts = demo_accounts()
        # One hash for every demo account: hashing is deliberately slow, and they share a password.
        password_hash = make_password(DEMO_PASSWORD)
        for account in accounts:
            user = User.objects.filter(username=account.username).first()
            if user is None:
                user = User(
                    username=account.username,
                    last_name=account.last_name,
                    first_name=account.first_name,
                    jurisdiction=jurisdiction,
                    unit=units.get(account.unit),
                    is_staff=account.role in STAFF_ROLES,
                    is_superuser=account.role == Role.SYSTEM_ADMIN,
                )
                user.password = password_hash
                user.save()
                user.groups.add(groups[account.role])
        import_layer(grid_layer(), jurisdiction)
        zones = {zone.code: zone for zone in jurisdiction.zones.all()}
        for account in accounts:
            if account.zone:
                User.objects.filter(username=account.username, zone__isnull=True).update(
                    zone=zones[account.zone]
                )
        load_duty_matrix(jurisdiction)
        load_demo_hotline(jurisdiction)
    if cases:
        add_demo_attributes()
        load_demo_cases(jurisdiction)
        load_demo_frontage(jurisdiction)
        load_demo_order_days(jurisdiction)
        load_demo_inspections(jurisdiction)
        # Last: the quarter's evaluation reads the monthly inspections' results.
        load_demo_evaluation(jurisdiction)
    return jurisdiction, accounts


def load_demo_hotline(jurisdiction):
    """The county's 12345 hotline as an API client: Open311 and the work-order exchange.

    It has no webhook address, so the demo's outbox stays empty; set one in the admin to
    receive its cases' changes (docs/webhooks.md).
    """
    client = ApiClient.objects.filter(jurisdiction=jurisdiction, name="莒南县12345政务服务便民热线").first()
    if client is None:
        client = ApiClient(
            name="莒南县12345政务服务便民热线",
            jurisdiction=jurisdiction,
            source=Source.HOTLINE_12345,
            scopes=[Scope.OPEN311, Scope.HOTLINE],
            webhook_secret=DEMO_HOTLINE_SECRET,
        )
        issue_key(client, key=DEMO_HOTLINE_KEY)
    return client
