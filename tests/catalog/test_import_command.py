"""manage.py import_components: the same import from a file on disk."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from gridcity.catalog.models import Component

from .registers import good_rows, row, to_csv, to_geojson


def test_import_csv_then_geojson_by_suffix(demo_county, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(to_csv(good_rows()))
    with translation.override("en"):
        call_command("import_components", str(path), "--jurisdiction", "371327")
    assert "3 components created" in capsys.readouterr().out
    path = tmp_path / "register.geojson"
    path.write_bytes(to_geojson(good_rows()))
    with translation.override("en"):
        call_command("import_components", str(path), "--jurisdiction", "371327")
    assert "0 updated, 3 unchanged" in capsys.readouterr().out


def test_format_option_and_dry_run(demo_county, tmp_path, capsys):
    path = tmp_path / "register.txt"
    path.write_bytes(to_geojson(good_rows()))
    with pytest.raises(CommandError, match="give --format"):
        call_command("import_components", str(path), "--jurisdiction", "371327")
    call_command(
        "import_components", str(path), "--jurisdiction", "371327", "--format", "geojson", "--dry-run"
    )
    assert "3 components" in capsys.readouterr().out
    assert not Component.objects.exists()


def test_a_refused_file_names_every_problem(demo_county, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(to_csv([*good_rows(), row(5, state="broken"), row(6, "0504")]))
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_components", str(path), "--jurisdiction", "371327")
    message = str(error.value)
    assert "nothing was written. 2 problem(s)" in message
    assert "Row 5" in message and "Row 6" in message
    assert not Component.objects.exists()


def test_an_unknown_jurisdiction_or_missing_file(demo_county, tmp_path):
    with pytest.raises(CommandError, match="No jurisdiction has the code 999999"):
        call_command("import_components", str(tmp_path / "x.csv"), "--jurisdiction", "999999")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_components", str(tmp_path / "missing.csv"), "--jurisdiction", "371327")
