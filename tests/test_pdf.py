"""The PDF of a report: its figures, its layout variants, and what it may fetch.

Its fonts are checked for every family in test_pdf_resources.
"""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from reports import pdf, services
from reports.models import Bureau, FormVersion, Institution, Report, Unit
from reports.templatetags.pdf_format import amount, paragraphs, score
from tests.pdfs import pdf_pages, pdf_text


@pytest.fixture
def split_report(demo_report):
    """A unit with three 二级机构, on the 结余分栏 / 编制分类 / 百分数得分 layout."""
    unit = Unit.objects.create(
        bureau=Bureau.objects.get(name="岳阳县财政局"), name="测试县科学技术协会", budget_code="505077"
    )
    for position, name in enumerate(("科技活动管理中心", "科技馆", "学会服务中心")):
        Institution.objects.create(unit=unit, name=name, position=position)
    report = services.create_report(unit, 2021, FormVersion.objects.get(code="f1-yueyang-2021"))
    report.options = {"balance_split": True, "staff_breakdown": True, "score_as_percent": True}
    report.staff_quota_admin, report.staff_quota_public = 11, 17
    report.self_score = D("97.50")
    report.save()
    for index, row in enumerate(report.institutionrows.all()):
        row.income_public_finance = D("10.00") + index
        row.expense_personnel = D("4.00")
        row.balance_accumulated = D("3.21")
        row.save()
    return Report.objects.get(pk=report.pk)


def page_count(data):
    return len(pdf_pages(data))


def test_demo_report_figures(demo_report):
    text = pdf_text(pdf.render_report(demo_report))

    for expected in ("岳阳县科学技术协会", "505001", "95.76", "90.69", "61.33", "5.07", "0.12",
                     "4.33", "优秀", "岳阳县财政局（制）"):
        assert expected in text
    assert "岳阳县2021年度部门（单位）整体支出" in text
    assert "报告日期：2022年06月20日" in text
    assert "局机关及二级机构汇总 95.76 17.66 73.03 5.07" in text
    # Amounts print with two decimals, the score without trailing zeros.
    assert "16.70" in text and "0.00" in text
    assert "绩效自评综合得分 97 " in text
    assert "评价等次 优秀" in text
    # Not the variants.
    assert "累计结余" not in text
    assert "财政部门归口业务科室" not in text
    assert "部门（单位）负责人（签字）" in text


def test_balance_split_and_institutions(split_report):
    data = pdf.render_report(split_report)
    text = pdf_text(data)

    assert "当年结余" in text and "累计结余" in text
    for name in ("1、局机关", "2、科技活动管理中心", "3、科技馆", "4、学会服务中心"):
        assert name in text
    # With institutions of its own the unit has no blank 二级机构 rows.
    assert "二级机构1" not in text
    # 汇总 of the four rows: 收入 10 + 11 + 12 + 13 = 46, 支出 4 × 4 = 16 (all 人员支出),
    # 当年结余 46 − 16 = 30, 累计结余 3.21 × 4 = 12.84; blank cells print nothing.
    assert "局机关及二级机构汇总 46.00 46.00 " in text
    assert "局机关及二级机构汇总 16.00 16.00 16.00 30.00 12.84" in text
    # The cell is narrow: the line may wrap where pypdf then reads a space.
    assert "共28人，其中：行编11人，事业编17人" in text.replace(" ", "")
    assert "97.5%" in text


def test_several_reports_make_one_pdf(demo_report, split_report):
    one = page_count(pdf.render_report(demo_report))
    two = page_count(pdf.render_report(split_report))
    both = pdf.render_reports([demo_report, split_report])

    assert page_count(both) == one + two
    text = pdf_text(both)
    assert text.index("505001") < text.index("505077")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1/x",
    "https://example.com/x.png",
    "data:text/css,body{color:red}",
    "ftp://kxeval.invalid/static/reports/pdf/f1.css",
    "http://kxeval.invalid/static/reports/pdf/f1.css",
    "https://kxeval.invalid/etc/passwd",
    pdf.BASE_URL + "../../../../etc/passwd",
    pdf.BASE_URL + "reports/../../../etc/passwd",
    pdf.BASE_URL + "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    pdf.BASE_URL + "%2Fetc%2Fpasswd",
    pdf.BASE_URL + "reports/pdf/missing.css",
    pdf.BASE_URL + "reports/pdf/f1.css?x=1",
])
def test_fetcher_refuses(url):
    with pytest.raises(pdf.ResourceRefused):
        pdf.StaticFetcher().fetch(url)


def test_fetcher_serves_static_files():
    response = pdf.StaticFetcher().fetch(pdf.BASE_URL + "reports/pdf/f1.css")

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_fetcher_refuses_symlink_out_of_static_dir(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (static / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (static / "ok.txt").write_text("ok")

    with override_settings(STATICFILES_DIRS=[static]):
        fetcher = pdf.StaticFetcher()
        assert fetcher.fetch(pdf.BASE_URL + "ok.txt").read() == b"ok"
        with pytest.raises(pdf.ResourceRefused):
            fetcher.fetch(pdf.BASE_URL + "leak.txt")


def test_weasyprint_fetches_through_the_fetcher_only():
    # Markup a template must never contain; the fetcher is what keeps the server's files and
    # network out of the PDF if it ever did.
    html = """<link rel="stylesheet" href="http://127.0.0.1:8000/x.css">
        <link rel="stylesheet" href="reports/pdf/f1.css">
        <img src="file:///etc/passwd"><img src="../../../../etc/passwd">
        <img src="https://example.com/x.png"><p>正文</p>"""
    fetcher = pdf.StaticFetcher()

    data = pdf.layout([html], fetcher).write_pdf()

    assert data.startswith(b"%PDF")
    assert fetcher.served == [pdf.BASE_URL + "reports/pdf/f1.css"]
    assert fetcher.refused == [
        "http://127.0.0.1:8000/x.css",
        "file:///etc/passwd",
        "https://kxeval.invalid/etc/passwd",
        "https://example.com/x.png",
    ]


def test_typed_markup_is_printed_not_fetched(demo_report, monkeypatch):
    evil = '<img src="file:///etc/passwd">'
    demo_report.narrative = {**demo_report.narrative, "overview_basic": evil}
    demo_report.duties = '<link rel="stylesheet" href="http://127.0.0.1/x.css">'
    demo_report.save()
    asked = []
    original = pdf.StaticFetcher.fetch

    def fetch(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFetcher, "fetch", fetch)

    html = pdf.render_html(demo_report)
    text = pdf_text(pdf.render_report(demo_report))

    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<img" not in html
    assert evil in text
    assert asked == [pdf.BASE_URL + "reports/pdf/base.css", pdf.BASE_URL + "reports/pdf/f1.css"]


def test_exportpdf_by_budget_code_and_by_name(demo_report, tmp_path):
    for unit in ("505001", "岳阳县科学技术协会"):
        output = tmp_path / f"{unit}.pdf"
        stdout = io.StringIO()
        call_command("exportpdf", unit=unit, year=2021, output=str(output), stdout=stdout)

        data = output.read_bytes()
        assert data.startswith(b"%PDF")
        assert "岳阳县科学技术协会" in pdf_text(data)
        assert str(output) in stdout.getvalue()
        assert "1 份报告" in stdout.getvalue()


def test_exportpdf_form_filter(demo_report, tmp_path):
    output = tmp_path / "f.pdf"
    call_command("exportpdf", unit="505001", year=2021, output=str(output),
                 form="f1-yueyang-2021", stdout=io.StringIO())
    assert output.exists()

    with pytest.raises(CommandError, match="f1-hunan-2017"):
        call_command("exportpdf", unit="505001", year=2021, output=str(output),
                     form="f1-hunan-2017", stdout=io.StringIO())


def test_exportpdf_unknown_unit_or_year(demo_report, tmp_path):
    output = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="找不到单位“不存在的协会”"):
        call_command("exportpdf", unit="不存在的协会", year=2021, output=str(output))
    with pytest.raises(CommandError, match="没有 2030 年度"):
        call_command("exportpdf", unit="505001", year=2030, output=str(output))
    assert not output.exists()


def test_amount_and_score_formats():
    assert amount(D("16.7")) == "16.70"
    assert amount(D("0")) == "0.00"
    assert amount(D("1234567.005")) == "1234567.01"
    assert amount(None) == ""
    assert amount("") == ""
    assert score(D("97.00")) == "97"
    assert score(D("97.50")) == "97.5"
    assert score(D("100"), True) == "100%"
    assert score(D("98"), True) == "98%"
    assert score(None) == ""
    assert paragraphs("  第一段\n\n　第二段  \n") == ["第一段", "第二段"]
