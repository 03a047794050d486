"""The class search of the report form: by name, by code and by the words people use."""

import html

import pytest
from django.urls import reverse

SEARCH = reverse("console:class_search")


@pytest.fixture
def collector(client, people):
    client.force_login(people["collector01"])
    return client


def results(client, query):
    response = client.get(SEARCH, {"class_query": query}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("query", ["暴露垃圾", "0102", "01-02", "乱倒垃圾"])
def test_exposed_garbage_is_found_by_name_code_and_synonym(collector, garbage, query):
    page = results(collector, query)
    assert "暴露垃圾" in page
    assert f'data-class-id="{garbage.pk}"' in page


def test_a_result_says_what_kind_of_class_it_is(collector):
    page = results(collector, "0102")
    assert "事件 · 市容环境" in page  # event 01-02 暴露垃圾
    assert "部件 ·" in page  # component 01-02 污水井盖 shares the code


def test_nothing_found_says_so(collector):
    assert "没有与“火星基地”匹配的类别" in results(collector, "火星基地")


def test_an_empty_query_shows_nothing(collector):
    assert results(collector, "  ").strip() == ""


def test_the_search_is_for_people_who_are_logged_in(client, demo_county):
    response = client.get(SEARCH, {"q": "垃圾"})
    assert response.status_code == 302
    assert reverse("login") in response.url
