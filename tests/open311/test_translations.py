"""Every message of gridcity/open311 has its Simplified Chinese in scripts/zh_hans*.py."""

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def open311_messages():
    messages = set()
    for path in (ROOT / "gridcity" / "open311").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "gettext", "gettext_lazy"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                messages.add(node.args[0].value)
    return messages


def load(path):
    spec = importlib.util.spec_from_file_location(f"_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ZH_HANS


def test_every_open311_message_is_translated():
    merged = {}
    for path in sorted((ROOT / "scripts").glob("zh_hans*.py")):
        merged.update(load(path))

    messages = open311_messages()

    assert not sorted(messages - set(merged))
    assert len(messages) > 70


def test_translations_keep_their_placeholders():
    for msgid, msgstr in load(ROOT / "scripts" / "zh_hans_open311.py").items():
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", msgstr)), msgid
