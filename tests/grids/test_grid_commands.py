import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from gridcity.grids.models import Grid

from .layers import code, square, two_by_two


def test_import_then_export_through_the_commands(county, tmp_path, capsys):
    path = tmp_path / "layer.geojson"
    path.write_text(json.dumps(two_by_two()), encoding="utf-8")
    call_command("import_grids", str(path), "--jurisdiction", "371327")
    capsys.readouterr()
    call_command("export_grids", "--jurisdiction", "371327")
    exported = json.loads(capsys.readouterr().out)
    assert [f["properties"]["code"] for f in exported["features"]] == [code(n) for n in (1, 2, 3, 4)]


def test_a_refused_file_names_every_problem(county, tmp_path):
    layer = two_by_two()
    layer["features"][1]["geometry"] = square(0.5, 0)
    path = tmp_path / "layer.geojson"
    path.write_text(json.dumps(layer), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_grids", str(path), "--jurisdiction", "371327")
    assert "nothing was written" in str(error.value) and "overlap" in str(error.value)
    assert Grid.objects.count() == 0


def test_an_unknown_jurisdiction_or_missing_file(county, tmp_path):
    with pytest.raises(CommandError, match="No jurisdiction has the code 999999"):
        call_command("export_grids", "--jurisdiction", "999999")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_grids", str(tmp_path / "missing.geojson"), "--jurisdiction", "371327")
