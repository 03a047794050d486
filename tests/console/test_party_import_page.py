"""The import page: an Excel file registers its parties all at once, or nothing and every problem
listed; only the evaluation office and the system administrator may import."""

# ruff: noqa: F811 (the frontage tests' fixtures, imported by name, are taken as parameters)

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gridcity.frontage.models import Party
from tests.frontage.conftest import _fresh_index, credit_code, make_party, register  # noqa: F401
from tests.frontage.test_party_import import good_row, workbook

URL = reverse("console:party_import")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(data, name="parties.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


@pytest.fixture
def office_client(client, people, register):
    client.force_login(people["evaluator"])
    return client


def test_a_good_file_is_imported_and_the_page_says_how_many(office_client):
    data = workbook(good_row(1), good_row(2, "莒南县第一实验小学", "学校"))
    response = office_client.post(URL, {"file": upload(data)})
    assert response.status_code == 303 and response["Location"] == URL
    assert set(Party.objects.values_list("name", flat=True)) == {"惠民超市", "莒南县第一实验小学"}
    page = office_client.get(response["Location"]).content.decode()
    assert "已登记 2 个责任主体。" in page


def test_a_bad_file_is_refused_with_every_problem_and_nothing_is_written(office_client):
    bad_code = good_row(2, "阳光花店")
    bad_code[2] = bad_code[2][:-1] + ("0" if bad_code[2][-1] != "0" else "1")
    no_name = good_row(3, "")
    data = workbook(good_row(1), bad_code, no_name)
    response = office_client.post(URL, {"file": upload(data, "名册.xlsx")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“名册.xlsx”有 2 处问题，未导入任何数据" in html
    assert "第 3 行“统一社会信用代码”列" in html and "校验位错误" in html
    assert "第 4 行“名称”列" in html
    assert not Party.objects.exists()


def test_a_code_registered_already_is_a_problem_like_any_other(office_client, make_party):
    make_party("惠民超市", credit_code=credit_code(1))
    response = office_client.post(URL, {"file": upload(workbook(good_row(1, "另一家超市")))})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第 2 行“统一社会信用代码”列" in html and "惠民超市" in html
    assert list(Party.objects.values_list("name", flat=True)) == ["惠民超市"]


@pytest.mark.parametrize(
    "file, message",
    [
        (None, "请选择要导入的 Excel 文件（.xlsx）。"),
        (SimpleUploadedFile("empty.xlsx", b"", content_type=XLSX), "文件“empty.xlsx”是空的。"),
        (
            SimpleUploadedFile(
                "parties.csv", "名称,类型\n惠民超市,个体工商户\n".encode(), content_type="text/csv"
            ),
            "文件“parties.csv”不是 Excel 工作簿（.xlsx）",
        ),
        (
            SimpleUploadedFile("renamed.xlsx", b"%PDF-1.4 not a workbook", content_type=XLSX),
            "文件“renamed.xlsx”不是 Excel 工作簿（.xlsx）",
        ),
        (
            SimpleUploadedFile("huge.xlsx", b"PK" + b"0" * (5 * 1024 * 1024), content_type=XLSX),
            "超过了 5 MB 的上限",
        ),
    ],
    ids=["no file", "empty", "csv", "not a zip", "over 5 MB"],
)
def test_a_file_that_is_not_a_usable_workbook_answers_400(office_client, file, message):
    response = office_client.post(URL, {"file": file} if file else {})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Party.objects.exists()


@pytest.mark.parametrize("username", ["handler", "dispatcher", "collector01", "leader01"])
def test_others_are_refused_with_the_reason(client, people, register, username):
    client.force_login(people[username])
    for response in (client.get(URL), client.post(URL, {"file": upload(workbook(good_row(1)))})):
        assert response.status_code == 403
        assert "只有考评办和系统管理员可以从 Excel 导入责任主体。" in response.content.decode()
    assert not Party.objects.exists()


def test_the_administrator_may_import_too(client, people, register):
    client.force_login(people["admin"])
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"file": upload(workbook(good_row(1)))}).status_code == 303
    assert Party.objects.count() == 1


def test_the_template_downloads_with_chinese_headers(client, people, register):
    client.force_login(people["evaluator"])
    page = client.get(URL).content.decode()
    assert f'href="{reverse("console:import_template")}"' in page
    response = client.get(reverse("console:import_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    header = next(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header[:3] == ("名称", "责任主体类型", "统一社会信用代码")
