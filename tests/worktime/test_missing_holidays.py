"""The warning that next year's holidays are missing: selector, admin changelists, system check."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError, connection

from gridcity.org.models import Jurisdiction
from gridcity.worktime.checks import missing_holidays
from gridcity.worktime.models import DayOverride
from gridcity.worktime.selectors import missing_holidays_warning

# The admin and the check read today's date; the package (1.11.0) ends with 2026.
NOVEMBER_2026 = "2026-11-28 10:00 +0800"


def test_the_warning_names_next_year_until_an_override_for_it_exists(county):
    warning = missing_holidays_warning(county, date(2026, 11, 28))
    assert "2027" in warning
    DayOverride.objects.create(jurisdiction=county, date=date(2027, 1, 1), note="元旦")
    assert missing_holidays_warning(county, date(2026, 11, 28)) is None


def test_a_current_year_without_holidays_is_warned_about_first(county):
    # In 2027 with the package still at 1.11.0, 2027 itself is unknown.
    DayOverride.objects.create(jurisdiction=county, date=date(2028, 1, 1))
    warning = missing_holidays_warning(county, date(2027, 3, 1))
    assert "2027" in warning
    assert "2028" not in warning


def test_no_warning_while_the_package_covers_next_year(county):
    assert missing_holidays_warning(county, date(2025, 11, 28)) is None


@pytest.fixture
def admin_client_(county, client):
    user = get_user_model().objects.create_superuser("root", "root@example.cn", "secret-pass-1")
    client.force_login(user)
    return client


def warnings_on(response):
    return [str(m) for m in response.context["messages"] if m.level == messages.WARNING]


@pytest.mark.parametrize("model", ["dayoverride", "workperiod"])
@time_machine.travel(NOVEMBER_2026, tick=False)
def test_the_changelists_warn_while_next_year_is_missing(admin_client_, county, model):
    response = admin_client_.get(f"/admin/worktime/{model}/")
    assert response.status_code == 200
    [warning] = warnings_on(response)
    assert "2027" in warning
    assert county.name in warning
    DayOverride.objects.create(jurisdiction=county, date=date(2027, 1, 1))
    assert warnings_on(admin_client_.get(f"/admin/worktime/{model}/")) == []


@time_machine.travel(NOVEMBER_2026, tick=False)
def test_the_override_changelist_and_forms_work(admin_client_, county):
    DayOverride.objects.create(jurisdiction=county, date=date(2026, 10, 10), is_working_day=True, note="调休")
    response = admin_client_.get("/admin/worktime/dayoverride/?date__year=2026&q=调休")
    assert response.status_code == 200
    assert "调休" in response.text
    assert admin_client_.get("/admin/worktime/dayoverride/add/").status_code == 200
    assert admin_client_.get("/admin/worktime/workperiod/add/").status_code == 200


@time_machine.travel(NOVEMBER_2026, tick=False)
def test_the_system_check_warns_for_every_jurisdiction_missing_next_year(county):
    other = Jurisdiction.objects.create(code="371302", name="兰山区")
    DayOverride.objects.create(jurisdiction=other, date=date(2027, 1, 1))
    [warning] = missing_holidays(None)
    assert warning.id == "worktime.W001"
    assert warning.obj == county
    assert "2027" in warning.msg


@time_machine.travel(NOVEMBER_2026, tick=False)
def test_manage_py_check_shows_the_warning(county, capsys):
    call_command("check", tags=["worktime"])
    assert "worktime.W001" in capsys.readouterr().err


def test_the_check_is_silent_before_migrate_or_without_a_database(county, monkeypatch):
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])
    assert missing_holidays(None) == []

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection.introspection, "table_names", unreachable)
    assert missing_holidays(None) == []


def check_worktime(**env):
    """`manage.py check --tag worktime` in a fresh process with `env` instead of the usual database."""
    environment = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("GRIDCITY_")
    }
    environment.update(env)
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [sys.executable, str(root / "manage.py"), "check", "--tag", "worktime"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=root,
    )


def test_manage_py_check_runs_on_an_empty_and_on_an_unreachable_database(tmp_path):
    # A fresh SQLite file: no table yet (before the first migrate).
    result = check_worktime(GRIDCITY_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "worktime.W001" not in result.stderr
    # Nothing listens on port 9.
    result = check_worktime(DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    assert result.returncode == 0, result.stderr
