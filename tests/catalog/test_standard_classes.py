"""The standard classes of CJ/T 214 are in the database after migrating, with usable conditions."""

from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.utils import translation

from gridcity.catalog.data.cjt214_2007 import MINOR_CLASSES
from gridcity.catalog.models import Condition, MajorClass, MinorClass
from gridcity.catalog.selectors import condition_limit
from gridcity.worktime.units import LimitUnit

COMPONENT, EVENT = MajorClass.Kind.COMPONENT, MajorClass.Kind.EVENT
MANHOLE_COVERS = [f"01{n:02d}" for n in [*range(1, 13), 14, 27, 28, 29, 30]]


def minor(kind, full_code):
    return MinorClass.objects.select_related("major").get(
        major__kind=kind, major__code=full_code[:2], code=full_code[2:]
    )


def test_every_major_class_has_its_minor_classes(db):
    counts = Counter(MinorClass.objects.values_list("major__kind", "major__code"))
    assert counts == {
        (COMPONENT, "01"): 38,
        (COMPONENT, "02"): 17,
        (COMPONENT, "03"): 10,
        (COMPONENT, "04"): 10,
        (COMPONENT, "05"): 3,
        (COMPONENT, "06"): 6,
        (EVENT, "01"): 19,
        (EVENT, "02"): 5,
        (EVENT, "03"): 6,
        (EVENT, "04"): 10,
        (EVENT, "05"): 14,
    }
    assert MajorClass.objects.filter(kind=COMPONENT).count() == 6
    assert MajorClass.objects.filter(kind=EVENT).count() == 5


def test_names_and_codes_are_the_standards(db):
    assert MajorClass.objects.get(kind=COMPONENT, code="01").name == "公用设施"
    assert MajorClass.objects.get(kind=EVENT, code="05").name == "街面秩序"
    assert minor(COMPONENT, "0101").name == "上水井盖"
    assert minor(COMPONENT, "0138").name == "治安岗亭"
    assert minor(COMPONENT, "0217").name == "交通岗亭"
    assert minor(COMPONENT, "0606").name == "防汛墙"
    assert minor(EVENT, "0101").name == "私搭乱建"
    assert minor(EVENT, "0199").name == "其他"
    assert minor(EVENT, "0201").name == "非法小广告"
    assert minor(EVENT, "0502").name == "流浪乞讨"
    assert minor(EVENT, "0513").name == "空调室外机低挂"
    with translation.override("en"):
        assert str(minor(COMPONENT, "0101")) == "Component 0101 上水井盖"
        assert str(minor(EVENT, "0502")) == "Event 0502 流浪乞讨"
    assert minor(EVENT, "0504").full_code == "0504" and minor(EVENT, "0504").kind == EVENT


def test_every_minor_class_has_a_condition_with_a_limit(db):
    assert not MinorClass.objects.filter(conditions__isnull=True).exists()
    for condition in Condition.objects.all():
        amount, unit = condition_limit(condition)
        assert amount > 0 and unit in LimitUnit
        assert condition.filing_condition.strip() and condition.closing_condition.strip()
    assert Condition.objects.count() == sum(len(row[6]) for row in MINOR_CLASSES)


def test_manhole_covers_have_an_urgent_natural_hours_condition_and_a_working_day_one(db):
    for full_code in MANHOLE_COVERS:
        conditions = list(minor(COMPONENT, full_code).conditions.all())
        assert [condition_limit(c) for c in conditions] == [
            (Decimal("2"), LimitUnit.NATURAL_HOURS),
            (Decimal("1"), LimitUnit.WORKING_DAYS),
        ], full_code
        assert [c.is_urgent for c in conditions] == [True, False]
        assert "丢失" in conditions[0].filing_condition and "破损" in conditions[1].filing_condition


def test_the_district_table_limits_are_used_where_it_has_the_class(db):
    def limits(full_code):
        return [(c.time_limit, c.limit_unit) for c in minor(EVENT, full_code).conditions.all()]

    hours, days = LimitUnit.WORKING_HOURS, LimitUnit.WORKING_DAYS
    assert limits("0101") == [(4, hours), (7, days), (20, days)]  # 私搭乱建: stop, penalty, demolish
    assert limits("0102") == [(4, hours)]  # 暴露垃圾
    assert limits("0103") == [(4, hours), (2, days)]  # 建筑垃圾, 渣土堆
    assert limits("0104") == [(2, hours)]  # 道路不洁
    assert limits("0106") == [(4, hours)]  # 绿地脏乱
    assert limits("0406") == [(4, hours)]  # 道路积水
    green = [(c.time_limit, c.limit_unit) for c in minor(COMPONENT, "0405").conditions.all()]
    assert green[:2] == [(4, hours), (5, days)]  # 绿地保洁, 绿地养护


def test_emergencies_are_urgent_and_counted_in_natural_hours(db):
    for full_code in ["0401", "0402", "0403", "0405"]:  # road collapse, water, gas, heating pipes
        condition = minor(EVENT, full_code).conditions.get()
        assert condition_limit(condition) == (Decimal("2"), LimitUnit.NATURAL_HOURS)
        assert condition.is_urgent
    assert not Condition.objects.filter(is_urgent=True).exclude(limit_unit=LimitUnit.NATURAL_HOURS).exists()


def test_common_words_are_synonyms(db):
    assert all("井盖" in minor(COMPONENT, c).synonym_list for c in MANHOLE_COVERS)
    assert "占道经营" in minor(EVENT, "0504").synonym_list
    assert "小广告" in minor(EVENT, "0201").synonym_list


def test_noise_classes_need_no_photo(db):
    assert not minor(EVENT, "0508").photo_required  # 商业噪音
    assert not minor(EVENT, "0301").photo_required  # 施工扰民
    assert minor(COMPONENT, "0101").photo_required


def _migration():
    from importlib import import_module

    return import_module("gridcity.catalog.migrations.0002_standard_classes")


def test_the_data_migration_runs_again_without_duplicates_and_reverses(db):
    migration = _migration()
    before = (MajorClass.objects.count(), MinorClass.objects.count(), Condition.objects.count())
    migration.load_classes(apps, None)
    assert (MajorClass.objects.count(), MinorClass.objects.count(), Condition.objects.count()) == before

    local = MinorClass.objects.create(
        major=MajorClass.objects.get(kind=COMPONENT, code="01"), code="90", name="本地部件"
    )
    migration.unload_classes(apps, None)
    # Only what the migration loaded goes; a county's own class (and its major) stays.
    assert list(MinorClass.objects.all()) == [local]
    assert list(MajorClass.objects.values_list("kind", "code")) == [(COMPONENT, "01")]
    assert not Condition.objects.exists()
    migration.load_classes(apps, None)
    assert MinorClass.objects.count() == before[1] + 1 and Condition.objects.count() == before[2]
