"""Open cases of the same class nearby are shown on filing; merging keeps both, counted once."""

from gridcity.cases import workflow
from gridcity.cases.duplicates import possible_duplicates, possible_duplicates_of_each
from gridcity.cases.models import State

from .conftest import ZONE_01, local

# About 0.00011° of latitude per 12 m.
NEAR = (ZONE_01[0], ZONE_01[1] + 0.00027)  # ~30 m north
FAR = (ZONE_01[0], ZONE_01[1] + 0.00072)  # ~80 m north


def test_a_nearby_open_case_of_the_same_class_is_a_possible_duplicate(reported, manhole):
    first = reported(at=local(2026, 11, 24, 9, 0))
    near = reported(at=local(2026, 11, 24, 10, 0), lon=NEAR[0], lat=NEAR[1])
    reported(at=local(2026, 11, 24, 10, 5), lon=FAR[0], lat=FAR[1])
    reported(at=local(2026, 11, 24, 10, 6), lon=NEAR[0], lat=NEAR[1], minor_class=manhole)
    reported(at=local(2026, 12, 9, 10, 0), lon=NEAR[0], lat=NEAR[1])  # two weeks later
    found = possible_duplicates(near)
    assert [case.pk for case, _distance in found] == [first.pk]
    assert 25 < found[0][1] < 35


def test_merging_keeps_both_records_linked_and_the_duplicate_out_of_open_work(reported, people):
    first = reported(at=local(2026, 11, 24, 9, 0))
    second = reported(at=local(2026, 11, 24, 10, 0), lon=NEAR[0], lat=NEAR[1])
    workflow.merge(second, into=first, actor=people["acceptor"], note="同一堆垃圾")
    assert second.state == State.VOIDED and second.duplicate_of == first
    assert list(first.duplicates.all()) == [second]
    assert possible_duplicates(first) == []
    assert second.events.last().data == {"duplicate_of": first.number}


def test_a_page_of_cases_gets_each_ones_duplicates_in_one_query(
    people, reported, manhole, django_assert_num_queries
):
    first = reported(at=local(2026, 11, 20, 9, 0))
    near = reported(at=local(2026, 11, 20, 10, 0), lon=NEAR[0], lat=NEAR[1])
    far = reported(at=local(2026, 11, 20, 10, 5), lon=FAR[0], lat=FAR[1])
    manhole_near = reported(at=local(2026, 11, 20, 10, 6), lon=NEAR[0], lat=NEAR[1], minor_class=manhole)
    earlier = reported(at=local(2026, 11, 10, 10, 0), lon=NEAR[0], lat=NEAR[1])  # ten days earlier
    merged = reported(at=local(2026, 11, 20, 11, 0))
    workflow.merge(merged, into=first, actor=people["acceptor"])
    page = [first, near, far, manhole_near, earlier]
    with django_assert_num_queries(1):
        found = possible_duplicates_of_each(page)
    found = {pk: [other.pk for other, _distance in pairs] for pk, pairs in found.items()}
    assert found == {
        first.pk: [near.pk],
        near.pk: [first.pk],
        far.pk: [],
        manhole_near.pk: [],
        earlier.pk: [],
    }
