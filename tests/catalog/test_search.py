"""Finding a class by what someone types: a code, a name, or a word people use."""

from gridcity.catalog.models import MajorClass, MinorClass
from gridcity.catalog.selectors import search_classes

COMPONENT, EVENT = MajorClass.Kind.COMPONENT, MajorClass.Kind.EVENT


def codes(classes):
    return [(c.kind, c.full_code) for c in classes]


def test_by_full_code_in_every_spelling(db):
    for query in ["0504", "05-04", "05 04"]:
        assert codes(search_classes(query, kind=EVENT))[0] == (EVENT, "0504")
    assert search_classes("0504", kind=EVENT)[0].name == "店外经营"


def test_a_code_shared_by_a_component_and_an_event_finds_both(db):
    found = codes(search_classes("0101"))
    assert found[:2] == [(COMPONENT, "0101"), (EVENT, "0101")]
    assert codes(search_classes("0101", kind=COMPONENT))[0] == (COMPONENT, "0101")


def test_the_first_digits_of_a_code_list_the_classes_under_them(db):
    found = search_classes("05", kind=EVENT, limit=50)
    assert len(found) == 14 and {c.major.code for c in found} == {"05"}
    assert codes(search_classes("012", kind=COMPONENT, limit=50)) == [
        (COMPONENT, f"012{n}") for n in range(10)
    ]


def test_by_name_exact_then_prefix_then_contained(db):
    found = search_classes("路灯", kind=COMPONENT)
    assert found[0].name == "路灯"  # exact name first
    assert found[1].name == "路灯井盖"  # then names starting with it
    names = [c.name for c in search_classes("垃圾")]
    assert names.index("垃圾间(楼)") < names.index("暴露垃圾")  # prefix before contained


def test_by_synonym(db):
    assert codes(search_classes("占道经营")) == [(EVENT, "0504")]
    assert (EVENT, "0201") in codes(search_classes("小广告"))
    assert (COMPONENT, "0210") in codes(search_classes("红绿灯"))


def test_manhole_covers_by_the_common_word(db):
    found = codes(search_classes("井盖", kind=COMPONENT, limit=50))
    for n in [*range(1, 13), 14, 27, 28, 29, 30]:
        assert (COMPONENT, f"01{n:02d}") in found


def test_case_insensitive_and_limited(db):
    assert codes(search_classes("bj0118")) == [(COMPONENT, "0118")]
    assert len(search_classes("井盖", limit=3)) == 3


def test_inactive_classes_and_empty_queries_find_nothing(db):
    MinorClass.objects.filter(major__kind=EVENT, major__code="05", code="04").update(is_active=False)
    assert search_classes("占道经营") == []
    assert search_classes("   ") == []
    assert search_classes(None) == []


def test_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        classes = search_classes("井盖")
        assert all(str(c) for c in classes)  # the major is fetched with the class
