import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GRIDCITY_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )


def test_the_deploy_check_refuses_the_development_key():
    result = manage("check", "--deploy", GRIDCITY_DEBUG="0", GRIDCITY_ALLOWED_HOSTS="grid.example.cn")
    assert result.returncode != 0
    assert "gridcity.E001" in result.stderr


def test_the_deploy_check_refuses_debug():
    result = manage("check", "--deploy", GRIDCITY_SECRET_KEY="x" * 60)
    assert result.returncode != 0 and "gridcity.E002" in result.stderr


def test_the_deploy_check_passes_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        GRIDCITY_DEBUG="0",
        GRIDCITY_SECRET_KEY="k" * 32 + "Z9#x" * 10,
        GRIDCITY_ALLOWED_HOSTS="grid.example.cn",
    )
    assert result.returncode == 0, result.stderr


def test_defaults_are_chinese_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert ("en", "English") in settings.LANGUAGES


def test_database_url_switches_to_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    environment = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/somewhere"}
    environment.pop("GRIDCITY_VAR_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='gridcity.settings'; {code}",
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
