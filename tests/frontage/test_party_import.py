"""Registering parties from Excel: every row checked, all or nothing, a report per row and column."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from gridcity.frontage import party_at
from gridcity.frontage.imports import PartyImportError, import_parties, template_workbook
from gridcity.frontage.models import Party, PartyKind

from .conftest import ZONE_01, credit_code, licence_number

HEADER = [
    "名称",
    "类型",
    "统一社会信用代码",
    "营业执照注册号",
    "地址",
    "联系人",
    "联系电话",
    "经度",
    "纬度",
    "责任区",
    "进深（米）",
]


def workbook(*rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def line_text(lon, lat, north=0.0):
    return f"{lon - 0.0001},{lat + north}; {lon + 0.0001},{lat + north}"


def good_row(n, name="惠民超市", kind="个体工商户"):
    lon, lat = ZONE_01
    return [
        name,
        kind,
        credit_code(n),
        "",
        "十字路街道人民路1号",
        "王伟",
        "13812345678",
        None,
        None,
        line_text(lon, lat, north=0.001 * n),
        5,
    ]


def test_a_good_file_registers_every_party_with_grid_and_frontage(register):
    data = workbook(
        good_row(1),
        good_row(2, "莒南县第一实验小学", "学校"),
        [
            "城南社区居委会",
            "village_community",
            "",
            licence_number(7),
            "城南社区",
            "",
            "",
            ZONE_01[0],
            ZONE_01[1] - 0.002,
            "",
            None,
        ],
    )
    summary = import_parties(data, register)
    assert len(summary.created) == 3
    school = Party.objects.get(name="莒南县第一实验小学")
    assert school.kind == PartyKind.SCHOOL and school.grid.code == "371327001001002"
    assert school.frontage["type"] == "LineString" and 17 < school.frontage_length_m < 20
    assert Party.objects.get(name="城南社区居委会").frontage is None
    assert party_at(ZONE_01[0], ZONE_01[1] + 0.001).name == "惠民超市"  # the index knows it at once


def test_one_bad_row_refuses_the_whole_file_and_names_row_column_and_problem(register):
    bad_code = credit_code(3)[:17] + ("0" if credit_code(3)[17] != "0" else "1")
    data = workbook(
        good_row(1),
        good_row(2)[:2] + [bad_code] + good_row(2)[3:],  # row 3: wrong check character
        ["", "茶馆", "", "", "", "", "12345", "118.80", "x", "", "-1"],  # row 4: everything wrong
        good_row(5),
    )
    with translation.override("zh-hans"), pytest.raises(PartyImportError) as error:
        import_parties(data, register)
    assert Party.objects.count() == 0  # nothing half-imported
    with translation.override("zh-hans"):
        lines = [str(problem) for problem in error.value.problems]
    assert any(line.startswith("第 3 行“统一社会信用代码”列：") and "校验位" in line for line in lines)
    row_4 = [line for line in lines if line.startswith("第 4 行")]
    assert any("“名称”列" in line and "名称为空" in line for line in row_4)
    assert any("“责任主体类型”列" in line and "茶馆" in line for line in row_4)
    assert any("“联系电话”列" in line for line in row_4)
    assert any("“纬度”列" in line and "不是数字" in line for line in row_4)
    assert any("“进深（米）”列" in line for line in row_4)
    assert any("统一社会信用代码" in line and "营业执照注册号" in line for line in row_4)  # neither given
    assert not any(line.startswith(("第 2 行", "第 5 行")) for line in lines)


def test_a_point_outside_the_county_and_a_code_given_twice_are_named(register):
    far = ["远方超市", "个体工商户", credit_code(9), "", "外地", "", "", 117.0, 36.0, "", None]
    twice = good_row(1)
    data = workbook(twice, far, twice)
    with translation.override("zh-hans"), pytest.raises(PartyImportError) as error:
        import_parties(data, register)
    with translation.override("zh-hans"):
        lines = [str(problem) for problem in error.value.problems]
    assert any(line.startswith("第 3 行") and "不在本辖区的任何网格内" in line for line in lines)
    assert sum("第 2、4 行重复出现" in line for line in lines) == 2


def test_a_code_registered_already_is_refused(register):
    import_parties(workbook(good_row(1)), register)
    with translation.override("zh-hans"), pytest.raises(PartyImportError) as error:
        import_parties(workbook(good_row(2), good_row(1, "另一家店")), register)
    with translation.override("zh-hans"):
        assert "已登记为“惠民超市”" in str(error.value.problems[0])
    assert Party.objects.count() == 1


@pytest.mark.parametrize(
    "data, words",
    [
        (b"not a workbook", "不是 Excel 工作簿"),
        (workbook(header=["名称", "类型"]), "缺少列"),
        (workbook(header=[*HEADER, "营业额"]), "未知的列 营业额"),
        (workbook(), "没有责任主体"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_saying_why(register, data, words):
    with translation.override("zh-hans"), pytest.raises(PartyImportError) as error:
        import_parties(data, register)
    with translation.override("zh-hans"):
        assert words in str(error.value)


def test_the_template_has_the_columns_in_the_users_language_and_imports_once_filled(register):
    with translation.override("zh-hans"):
        data = template_workbook()
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["名称", "责任主体类型", "统一社会信用代码"]
    assert "个体工商户" in [cell.value for cell in book["选项"]["A"]]
    assert sheet.data_validations.dataValidation  # kinds chosen from a list
    lon, lat = ZONE_01
    values = {
        "名称": "阳光花店",
        "责任主体类型": "个体工商户",
        "统一社会信用代码": credit_code(4),
        "地址": "人民路2号",
        "经度": lon,
        "纬度": lat,
    }
    sheet.append([values.get(name) for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(import_parties(buffer.getvalue(), register).created) == 1


def test_the_command_imports_checks_and_writes_the_template(register, tmp_path):
    path = tmp_path / "parties.xlsx"
    path.write_bytes(workbook(good_row(1)))
    out = io.StringIO()
    call_command("import_parties", str(path), "--jurisdiction", "371327", "--dry-run", stdout=out)
    assert "1 parties" in out.getvalue() and Party.objects.count() == 0
    call_command("import_parties", str(path), "--jurisdiction", "371327", stdout=out)
    assert Party.objects.count() == 1
    with pytest.raises(CommandError) as error:
        call_command("import_parties", str(path), "--jurisdiction", "371327")
    assert "nothing was written" in str(error.value) and "第 2 行" in str(error.value)
    template = tmp_path / "template.xlsx"
    call_command("import_parties", "--template", str(template), stdout=out)
    assert load_workbook(template).worksheets[0]["A1"].value
