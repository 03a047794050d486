from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from gridcity.runtime.crontab import CrontabError, parse_crontab, read_crontab

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_checked_in_crontab_lists_management_commands():
    jobs = read_crontab(settings.CRONTAB_PATH)
    assert ("clearsessions",) in [job.arguments for job in jobs]


def test_a_job_is_due_when_its_schedule_fires_in_the_interval():
    (job,) = parse_crontab("17 3 * * * cd /srv && python /srv/manage.py clearsessions\n")
    assert job.due_between(
        datetime(2026, 11, 28, 3, 16, 59, tzinfo=SHANGHAI), datetime(2026, 11, 28, 3, 17, tzinfo=SHANGHAI)
    )
    assert not job.due_between(
        datetime(2026, 11, 28, 3, 17, tzinfo=SHANGHAI), datetime(2026, 11, 28, 3, 18, tzinfo=SHANGHAI)
    )


def test_variables_and_comments_are_skipped_and_arguments_kept():
    jobs = parse_crontab(
        "# comment\nGRIDCITY=/srv/g\n*/5 * * * * $PYTHON $GRIDCITY/manage.py tick --verbosity 0\n"
    )
    assert [(job.schedule, job.arguments) for job in jobs] == [("*/5 * * * *", ("tick", "--verbosity", "0"))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("61 * * * * python manage.py x", "not a valid cron schedule"),
        ("* * * * * /bin/true", "manage.py <command>"),
    ],
)
def test_a_bad_crontab_line_is_named(text, message):
    with pytest.raises(CrontabError) as error:
        parse_crontab(text)
    assert "line 1" in str(error.value) and message in str(error.value)


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_jobs(capsys):
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timezone.timedelta(days=1)
    )
    call_command("worker", "--once")
    assert not Session.objects.filter(session_key="old").exists()
    assert "clearsessions" in capsys.readouterr().out
