"""Text search's table of character pairs (gridcity.cases.search), filled for the cases there are."""

import django.db.models.deletion
from django.db import migrations, models


def fill_case_texts(apps, schema_editor):
    from gridcity.cases.search import bigrams

    Case = apps.get_model("cases", "Case")
    CaseText = apps.get_model("cases", "CaseText")
    rows = Case.objects.values_list("pk", "description", "address").order_by("pk")
    batch = []
    for pk, description, address in rows.iterator(chunk_size=5000):
        batch.append(CaseText(case_id=pk, bigrams=" ".join(sorted(bigrams(f"{description} {address}")))))
        if len(batch) == 5000:
            CaseText.objects.bulk_create(batch)
            batch = []
    CaseText.objects.bulk_create(batch)


def create_gin_index(apps, schema_editor):
    # PostgreSQL only: SQLite has no GIN and searches by scanning (gridcity.cases.search).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX case_text_bigrams ON cases_casetext USING gin (string_to_array(bigrams, ' '))"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_text_bigrams")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_fewer_single_column_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseText",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="cases.case",
                    ),
                ),
                ("bigrams", models.TextField()),
            ],
        ),
        migrations.RunPython(fill_case_texts, migrations.RunPython.noop),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
