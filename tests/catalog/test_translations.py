"""Every message of gridcity/catalog has its Simplified Chinese in scripts/zh_hans*.py."""

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "gridcity" / "catalog"


def catalog_messages():
    return messages_in(CATALOG)


def messages_in(directory):
    """The msgids of the Python files and templates of ``directory`` (an app), migrations left out."""
    messages = set()
    for path in directory.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "gettext", "gettext_lazy"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                messages.add(node.args[0].value)
    for path in directory.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        messages.update(re.findall(r"{% translate ['\"](.+?)['\"] %}", text))
        for counted, body in re.findall(
            r"{% blocktranslate( count counter=\S+)? %}(.*?){% endblocktranslate %}", text, re.S
        ):
            body = re.sub(r"{{ (\w+) }}", r"%(\1)s", body)
            messages.add(tuple(body.split("{% plural %}")) if counted else body)
    return messages


def load(path):
    spec = importlib.util.spec_from_file_location(f"_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ZH_HANS


def translations():
    """All zh-hans translations, merged as scripts/compile_messages.py merges them."""
    merged = {}
    for path in sorted((ROOT / "scripts").glob("zh_hans*.py")):
        merged.update(load(path))
    return merged


def test_every_catalog_message_is_translated():
    messages = catalog_messages()
    missing = sorted(map(str, messages - set(translations())))
    assert not missing, missing
    assert len(messages) > 90


def test_translations_keep_their_placeholders():
    for msgid, msgstr in load(ROOT / "scripts" / "zh_hans_catalog.py").items():
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        text = msgstr[0] if isinstance(msgstr, list) else msgstr
        assert sorted(re.findall(r"%\(\w+\)\w", singular)) == sorted(re.findall(r"%\(\w+\)\w", text)), msgid
