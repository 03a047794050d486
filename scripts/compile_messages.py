"""Fill the zh_Hans catalogue from scripts/zh_hans.py (--fill) and compile it to .mo with polib.

Compiling with polib needs no gettext tools, so a fresh machine builds the catalogue with
Python alone. Exit status 1 lists the messages still without a translation.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "gridcity" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
sys.path.insert(0, str(ROOT / "scripts"))


def main():
    catalogue = polib.pofile(str(PO))
    if "--fill" in sys.argv:
        # scripts/zh_hans.py and one scripts/zh_hans_<part>.py per part of the platform.
        ZH_HANS = {}
        for path in sorted((ROOT / "scripts").glob("zh_hans*.py")):
            ZH_HANS.update(__import__(path.stem).ZH_HANS)

        catalogue.metadata["Language"] = "zh_Hans"
        catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        for entry in catalogue:
            key = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
            if key in ZH_HANS:
                if entry.msgid_plural:
                    entry.msgstr_plural = dict(enumerate(ZH_HANS[key]))
                else:
                    entry.msgstr = ZH_HANS[key]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalogue.save()
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
