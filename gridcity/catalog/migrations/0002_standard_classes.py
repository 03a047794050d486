"""Load the standard component and event classes of CJ/T 214-2007 with their conditions.

The rows come from gridcity.catalog.data.cjt214_2007, a frozen module that is never edited, so
this migration loads the same rows whenever it runs. Running it again updates the rows in
place (update_or_create on the natural keys); reversing it deletes the classes it loaded (and
their conditions), and the major classes left without minor classes.
"""

from decimal import Decimal

from django.db import migrations

from gridcity.catalog.data.cjt214_2007 import MAJOR_CLASSES, MINOR_CLASSES


def load_classes(apps, schema_editor):
    MajorClass = apps.get_model("catalog", "MajorClass")
    MinorClass = apps.get_model("catalog", "MinorClass")
    Condition = apps.get_model("catalog", "Condition")
    majors = {}
    for kind, code, name in MAJOR_CLASSES:
        majors[kind, code], _created = MajorClass.objects.update_or_create(
            kind=kind, code=code, defaults={"name": name}
        )
    for kind, major_code, code, name, synonyms, photo_required, conditions in MINOR_CLASSES:
        minor, _created = MinorClass.objects.update_or_create(
            major=majors[kind, major_code],
            code=code,
            defaults={"name": name, "synonyms": synonyms, "photo_required": photo_required},
        )
        for number, (filing, closing, limit, unit, urgent) in enumerate(conditions, start=1):
            Condition.objects.update_or_create(
                minor=minor,
                number=number,
                defaults={
                    "filing_condition": filing,
                    "closing_condition": closing,
                    "time_limit": Decimal(limit),
                    "limit_unit": unit,
                    "is_urgent": urgent,
                },
            )


def unload_classes(apps, schema_editor):
    MajorClass = apps.get_model("catalog", "MajorClass")
    MinorClass = apps.get_model("catalog", "MinorClass")
    for kind, major_code, code, *_rest in MINOR_CLASSES:
        # Conditions go with their class (CASCADE); a class with components refuses (PROTECT).
        MinorClass.objects.filter(major__kind=kind, major__code=major_code, code=code).delete()
    for kind, code, _name in MAJOR_CLASSES:
        MajorClass.objects.filter(kind=kind, code=code, minors__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_classes, unload_classes),
    ]
