"""Every message of gridcity/open311 has its Simplified Chinese in scripts/zh_hans*.py."""

import re

from tests.catalog.test_translations import ROOT, load, messages_in, translations


def open311_messages():
    return messages_in(ROOT / "gridcity" / "open311")


def test_every_open311_message_is_translated():
    merged = translations()

    messages = open311_messages()

    assert not sorted(messages - set(merged))
    assert len(messages) > 70


def test_translations_keep_their_placeholders():
    for msgid, msgstr in load(ROOT / "scripts" / "zh_hans_open311.py").items():
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", msgstr)), msgid
