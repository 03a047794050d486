"""Remembered signatures are forgotten once they are too old to be replayed; cron does it hourly."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from gridcity.clients.models import SeenSignature
from gridcity.clients.signing import forget_old_signatures
from gridcity.runtime.crontab import read_crontab


def remember(client, signature, age_seconds, now):
    SeenSignature.objects.create(
        client=client, signature=signature, seen_at=now - timedelta(seconds=age_seconds)
    )


def test_only_signatures_older_than_ten_minutes_are_forgotten(make_client):
    client, _key = make_client()
    now = timezone.now()
    remember(client, "old", 601, now)
    remember(client, "recent", 599, now)
    assert forget_old_signatures(now=now) == 1
    assert list(SeenSignature.objects.values_list("signature", flat=True)) == ["recent"]


def test_the_command_forgets_them(make_client, capsys):
    client, _key = make_client()
    remember(client, "old", 3600, timezone.now())
    call_command("forget_signatures")
    assert not SeenSignature.objects.exists()
    assert "1 old signature(s) deleted" in capsys.readouterr().out


def test_the_crontab_runs_it_every_hour():
    (job,) = [job for job in read_crontab(settings.CRONTAB_PATH) if job.arguments[0] == "forget_signatures"]
    minute, *rest = job.schedule.split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"]
