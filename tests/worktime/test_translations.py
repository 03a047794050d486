"""Every message of the worktime app has its Simplified Chinese in scripts/zh_hans_worktime.py."""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}


def load_translations():
    spec = importlib.util.spec_from_file_location(
        "zh_hans_worktime", ROOT / "scripts" / "zh_hans_worktime.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ZH_HANS


def msgids():
    """The string literals passed to gettext in gridcity/worktime, migrations aside."""
    found = set()
    for path in sorted((ROOT / "gridcity" / "worktime").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[-1], ast.Constant)
            ):
                found.add(node.args[-1].value)
    return sorted(found)


ZH_HANS = load_translations()


@pytest.mark.parametrize("msgid", msgids())
def test_every_message_is_translated_with_the_same_placeholders(msgid):
    assert msgid in ZH_HANS
    placeholders = re.compile(r"%\(\w+\)[sd]")
    assert sorted(set(placeholders.findall(ZH_HANS[msgid]))) == sorted(set(placeholders.findall(msgid)))


def test_no_translation_is_left_over():
    assert sorted(set(ZH_HANS) - set(msgids())) == []
