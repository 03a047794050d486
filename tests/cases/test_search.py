"""Text search's index of character pairs: written when a case is reported, read by the case list."""

import pytest
from django.db import connection

from gridcity.cases import search
from gridcity.cases.models import CaseText

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index of text search exists on PostgreSQL only"
)


def test_pairs_of_chinese_and_latin_text_leave_white_space_out():
    assert search.bigrams("井盖 破损") == {"井盖", "破损"}
    assert search.bigrams("振兴路12号") == {"振兴", "兴路", "路1", "12", "2号"}
    assert search.bigrams("LED屏") == {"le", "ed", "d屏"}
    assert search.bigrams("灯") == set()


def test_a_reported_case_has_the_pairs_of_its_description_and_address(reported):
    case = reported(address="文化路8号")
    pairs = set(CaseText.objects.get(case_id=case.pk).bigrams.split())
    assert {"暴露", "垃圾", "文化", "8号"} <= pairs
    assert "垃文" not in pairs  # nothing across the space between description and address


@on_postgresql
def test_the_index_finds_the_cases_that_may_contain_a_word(reported):
    garbage = reported(description="路边有暴露垃圾")
    manhole = reported(description="井盖破损，行人易跌落")
    assert search.candidates("井盖") == [manhole.pk]
    assert search.candidates("暴露垃圾") == [garbage.pk]
    assert search.candidates("火星路") == []


@on_postgresql
def test_a_common_word_is_left_to_the_scan(reported):
    for _ in range(3):
        reported()
    assert search.candidates("垃圾", limit=2) is None
    assert sorted(search.candidates("垃圾", limit=3)) == sorted(
        CaseText.objects.values_list("case_id", flat=True)
    )


def test_sqlite_and_one_character_are_left_to_the_scan(reported):
    reported()
    assert search.candidates("垃") is None
    if connection.vendor != "postgresql":
        assert search.candidates("垃圾") is None
