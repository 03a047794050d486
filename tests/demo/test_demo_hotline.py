from django.core.management import call_command

from gridcity.clients.access import authenticate
from gridcity.demo.county import DEMO_HOTLINE_KEY, load_demo


def test_the_printed_demo_key_opens_open311_and_the_hotline_exchange(demo_county, capsys):
    call_command("load_demo")
    printed = capsys.readouterr().out
    assert DEMO_HOTLINE_KEY in printed
    for scope in ("open311", "hotline"):
        client = authenticate(DEMO_HOTLINE_KEY, scope)
        assert client is not None and client.source == "12345"
        assert client.jurisdiction == demo_county


def test_loading_the_demo_again_keeps_one_hotline_client(demo_county):
    load_demo(cases=False)
    assert demo_county.api_clients.count() == 1
