"""Event.unit and Event.due_at, filled for the events recorded before them from their details."""

from datetime import datetime

import django.db.models.deletion
from django.db import migrations, models


def fill_from_details(apps, schema_editor):
    Event = apps.get_model("cases", "Event")
    batch = []
    events = Event.objects.exclude(data={}).only("pk", "type", "data").iterator(chunk_size=5000)
    for event in events:
        unit = event.data.get("unit") if isinstance(event.data, dict) else None
        due = event.data.get("disposal_due_at") if event.type == "case.disposed" else event.data.get("due_at")
        if not isinstance(unit, int) and not due:
            continue
        event.unit_id = unit if isinstance(unit, int) else None
        event.due_at = datetime.fromisoformat(due) if due else None
        batch.append(event)
        if len(batch) == 5000:
            Event.objects.bulk_update(batch, ["unit", "due_at"])
            batch = []
    Event.objects.bulk_update(batch, ["unit", "due_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_text"),
        ("org", "0002_dutyrule"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="due_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="deadline of the stage ended"),
        ),
        migrations.AddField(
            model_name="event",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="org.unit",
            ),
        ),
        migrations.RunPython(fill_from_details, migrations.RunPython.noop),
    ]
