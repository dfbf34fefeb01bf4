"""F4, 四川 部门整体支出绩效自评报告, from the figures typed on 收支情况 to the PDF.

The demo report is 泸县科学技术协会's 2021 report (reference 001): 收入 209.70, 支出 237.50
(人员 93.01, 日常公用 14.93, 对个人和家庭的补助 3.61, 项目 125.95), last year 229.52 / 284.50.
POSTs are built from the page itself, as the browser sends them.
"""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports import checks, pdf, services, versionfiles
from reports.models import FormVersion, FunctionRow, OverallFigures, Report, User
from tests.pages import Page
from tests.pdfs import page_texts, pdf_text
from tests.versions import shipped_copy, write

CHART_TITLES = ("收、支总计变动情况", "收入结构", "支出结构", "支出功能分类（类）结构", "“三公”经费结构")
HEADINGS_2021 = ("一、部门（单位）概况", "（三）人员概况", "二、部门财政资金收支情况",
                 "（一）部门财政资金收入情况", "（二）部门财政资金支出情况", "三、部门财政支出管理情况",
                 "（五）绩效管理工作开展情况", "四、评价结论及建议", "（三）改进建议")
HEADINGS_2024 = ("一、部门基本情况", "（四）部门整体支出绩效目标", "二、部门财政资金收支情况",
                 "（一）部门财政资金收入", "（三）部门财政资金结转结余", "三、部门整体绩效管理情况",
                 "（四）结果应用情况", "四、评价结论及建议", "（三）改进建议")


# ---- reading pages and PDFs


def page_of(response):
    """The 收支情况 page: one value per name in its data (read-only inputs included), text
    read word by word."""
    return Page(response, lists=False, spaced=True, disabled=True)


# ---- fixtures


@pytest.fixture
def luxian(demo):
    return Report.objects.select_related("unit", "form_version").get(
        unit__budget_code="128001", year=2021, form_version__code="f4-sichuan-2021")


def figures_url(report):
    return reverse("report_section", args=[report.pk, "figures"])


def previous_report(luxian, **figures):
    """泸县科协's F4 report of 2020, with its figures."""
    report = services.create_report(luxian.unit, 2020, luxian.form_version,
                                    User.objects.get(username="zhengshi"))
    OverallFigures.objects.filter(report=report).update(**figures)
    return report


# ---- figures


def test_demo_shares_and_carryover_are_computed(luxian):
    figures = luxian.spec.overall_figures(luxian.overall)

    assert figures["income_total"] == D("209.70")
    assert figures["expense_total"] == D("237.50")
    assert figures["expense_basic"] == D("111.55")
    assert figures["shares"] == {
        # of 收入合计 209.70: all of it 一般公共预算
        "income_general": D("100.00"), "income_government_fund": D("0.00"),
        "income_other": D("0.00"),
        # of 支出合计 237.50: 93.01, 14.93, 3.61, 125.95 and 基本支出 111.55
        "expense_personnel": D("39.16"), "expense_public": D("6.29"), "expense_family": D("1.52"),
        "expense_project": D("53.03"), "expense_basic": D("46.97"),
        # of 三公经费 1.78: all of it 公务接待
        "three_overseas": D("0.00"), "three_car": D("0.00"), "three_reception": D("100.00"),
    }
    assert figures["carryover"] == D("-27.80")
    assert figures["three_total"] == D("1.78")


def test_demo_functions_add_up_to_the_expense_total(luxian):
    amounts = [row.amount for row in luxian.functionrows.all()]

    assert amounts == [D("218.34"), D("9.83"), D("4.65"), D("4.68")]
    assert sum(amounts) == D("237.50")
    assert checks.run_checks(luxian) == []


def test_figures_page_shows_the_computed_figures(luxian, zhengshi_client):
    page = page_of(zhengshi_client.get(figures_url(luxian)))

    assert page.data["overall-expense_personnel"] == "93.01"
    assert page.figure("income_total") == "209.70"
    assert page.figure("expense_basic") == "111.55"
    assert page.figure("expense_total") == "237.50"
    assert page.figure("carryover") == "-27.80"
    assert page.figure("three_total") == "1.78"
    assert [page.share(f"overall-{name}") for name in (
        "expense_personnel", "expense_public", "expense_family", "expense_project")] == [
        "39.16%", "6.29%", "1.52%", "53.03%"]
    assert page.share("overall-income_general") == "100.00%"
    assert [page.share(f"functions-{i}") for i in range(4)] == ["91.93%", "4.14%", "1.96%", "1.97%"]
    assert page.figure("functions_total") == "237.50"
    assert page.find(data_functions_mismatch=True) == []
    # The year's F3 projects, read-only: four projects of 14 + 20 + 15 + 15.
    assert page.figure("projects_budget") == "64.00"
    assert page.figure("projects_executed") == "64.00"
    assert "overall-projects" not in " ".join(page.data)
    # No report of 2020: last year's totals are typed on this page.
    assert page.find(data_last_year="typed")
    assert page.data["overall-last_income_total"] == "229.52"
    assert page.input("overall-last_income_total").attrs.get("type") == "text"


def test_figures_page_draws_the_five_charts_as_markup(luxian, zhengshi_client):
    page = page_of(zhengshi_client.get(figures_url(luxian)))

    [section] = page.find(class_="f4-charts")
    svgs = [node for node in section.iter() if node.tag == "svg"]
    assert [svg.attrs["aria-label"] for svg in svgs] == list(CHART_TITLES)
    shown = [node.text() for svg in svgs for node in svg.iter() if node.tag == "text"]
    for text in ("229.52", "284.50", "2020年", "2021年", "科学技术", "218.34 万元", "91.93%",
                 "公务接待费", "1.78 万元"):
        assert text in shown


def test_figures_typed_on_the_page_are_stored_and_recomputed(luxian, zhengshi_client):
    url = figures_url(luxian)
    page = page_of(zhengshi_client.get(url))
    page.data.update({"overall-expense_personnel": "100", "overall-income_other": "10.00",
                      "overall-three_car": "０．５０"})
    page.data["functions-0-amount"] = "225.33"  # 科学技术 takes the 6.99 more
    page.add_function_row("其他支出", "0.00")

    response = zhengshi_client.post(url, page.data)

    assert response.status_code == 302
    overall = OverallFigures.objects.get(report=luxian)
    assert overall.expense_personnel == D("100.00")
    assert overall.income_other == D("10.00")
    assert overall.three_car == D("0.50")
    assert overall.expense_public == D("14.93")  # untouched
    assert [(row.name, row.amount) for row in FunctionRow.objects.filter(report=luxian)] == [
        ("科学技术", D("225.33")), ("社会保障和就业", D("9.83")), ("卫生健康", D("4.65")),
        ("住房保障", D("4.68")), ("其他支出", D("0.00"))]

    page = page_of(zhengshi_client.get(url))
    assert page.figure("income_total") == "219.70"
    assert page.figure("expense_total") == "244.49"
    assert page.figure("carryover") == "-24.79"
    assert page.figure("three_total") == "2.28"
    assert page.share("overall-expense_personnel") == "40.90%"  # 100 ÷ 244.49
    assert page.share("overall-expense_project") == "51.52%"
    assert page.share("overall-three_car") == "21.93%"
    assert page.share("functions-0") == "92.16%"
    assert page.figure("functions_total") == "244.49"
    assert page.find(data_functions_mismatch=True) == []
    luxian.refresh_from_db()
    # The narrative still says what the figures were.
    assert checks.run_checks(luxian) == [
        checks.Finding("narrative", "narrative-income",
                       "“（一）部门财政资金收入情况”写的收入合计 209.70 万元与收支情况的 219.70 万元不一致"),
        checks.Finding("narrative", "narrative-expense",
                       "“（二）部门财政资金支出情况”写的支出合计 237.50 万元与收支情况的 244.49 万元不一致"),
        checks.Finding("narrative", "narrative-expense",
                       "“（二）部门财政资金支出情况”写的人员支出 93.01 万元与收支情况的 100.00 万元不一致"),
    ]


def test_functions_not_adding_up_are_flagged_on_the_page_and_by_check(luxian, zhengshi_client):
    url = figures_url(luxian)
    page = page_of(zhengshi_client.get(url))
    page.data["functions-3-DELETE"] = "on"  # 住房保障 4.68 removed

    assert zhengshi_client.post(url, page.data).status_code == 302

    page = page_of(zhengshi_client.get(url))
    assert page.figure("functions_total") == "232.82"
    [warning] = page.find(data_functions_mismatch=True)
    assert warning.text() == "功能分类合计 232.82 万元，与支出合计 237.50 万元不一致，请核对。"
    luxian.refresh_from_db()
    assert checks.run_checks(luxian) == [checks.Finding(
        "figures", "functions-table", "功能分类支出合计 232.82 万元，与支出合计 237.50 万元不一致")]


def test_an_amount_that_is_not_one_is_refused_beside_the_field(luxian, zhengshi_client):
    url = figures_url(luxian)
    page = page_of(zhengshi_client.get(url))
    page.data["overall-expense_public"] = "14.935"
    page.data["overall-expense_personnel"] = "95"

    response = zhengshi_client.post(url, page.data)

    assert response.status_code == 400
    page = page_of(response)
    assert page.errors_beside("overall-expense_public") == ["最多两位小数，例如 95.76"]
    assert page.input("overall-expense_public").attrs["value"] == "14.935"
    described = page.input("overall-expense_public").attrs["aria-describedby"].split()
    assert described == ["id_overall-expense_public_helptext", "id_overall-expense_public_error"]
    assert page.by_id("id_overall-expense_public_error").text() == "最多两位小数，例如 95.76"
    assert OverallFigures.objects.get(report=luxian).expense_personnel == D("93.01")


def test_narrative_contradicting_the_figures_is_flagged_by_check(luxian, zhengshi_client):
    luxian.narrative["expense"] = luxian.narrative["expense"].replace("人员支出 93.01 万元",
                                                                      "人员支出 90.00 万元")
    luxian.save(update_fields=["narrative"])

    response = zhengshi_client.get(reverse("report_check", args=[luxian.pk]))

    message = "“（二）部门财政资金支出情况”写的人员支出 90.00 万元与收支情况的 93.01 万元不一致"
    assert checks.run_checks(luxian) == [checks.Finding("narrative", "narrative-expense", message)]
    assert message in response.content.decode()


# ---- last year's totals


def test_last_year_comes_from_last_years_report_when_there_is_one(luxian, zhengshi_client):
    previous_report(luxian, income_general=D("200.00"), income_other=D("29.00"),
                    expense_personnel=D("100.00"), expense_project=D("180.00"))

    assert luxian.spec.last_year(luxian) == {
        "income_total": D("229.00"), "expense_total": D("280.00"), "from_report": True}
    page = page_of(zhengshi_client.get(figures_url(luxian)))
    assert page.find(data_last_year="report")
    assert page.figure("last_income_total") == "229.00"
    assert page.figure("last_expense_total") == "280.00"
    # The typed figures are not offered, and kept as they were.
    assert page.input("overall-last_income_total").attrs["type"] == "hidden"
    [bar] = [n for n in page.root.iter() if n.tag == "svg" and n.attrs["aria-label"] == CHART_TITLES[0]]
    assert [n.text() for n in bar.iter() if n.attrs.get("class") == "value"] == [
        "229.00", "209.70", "280.00", "237.50"]

    assert zhengshi_client.post(figures_url(luxian), page.data).status_code == 302
    overall = OverallFigures.objects.get(report=luxian)
    assert (overall.last_income_total, overall.last_expense_total) == (D("229.52"), D("284.50"))


def test_last_year_is_typed_without_last_years_report(luxian, zhengshi_client):
    url = figures_url(luxian)
    page = page_of(zhengshi_client.get(url))
    page.data["overall-last_income_total"] = "230.00"

    assert zhengshi_client.post(url, page.data).status_code == 302

    luxian.refresh_from_db()
    assert luxian.spec.last_year(luxian) == {
        "income_total": D("230.00"), "expense_total": D("284.50"), "from_report": False}
    bar = luxian.spec.context(luxian)["charts"][0]
    assert "230.00" in bar and "284.50" in bar


# ---- PDF


def test_pdf_of_the_demo_report(luxian):
    text = pdf_text(pdf.render_report(luxian))

    assert text.startswith("泸县科学技术协会 2021年部门预算支出绩效评价报告 一、部门（单位）概况")
    for heading in HEADINGS_2021:
        assert heading in text
    assert ("支出合计 237.50 100.00% 其中：基本支出 111.55 46.97% 人员支出 93.01 39.16% "
            "日常公用支出 14.93 6.29% 对个人和家庭的补助支出 3.61 1.52% 项目支出 125.95 53.03% "
            "结转结余（收入合计 − 支出合计） -27.80") in text
    for title in CHART_TITLES:
        assert title in text
    assert "科学技术 218.34 万元 91.93%" in text
    assert_figures_between(pdf.render_html(luxian), "（二）部门财政资金支出情况", "三、部门财政支出管理情况")


def assert_figures_between(html, before, after):
    """The figures table and the five charts come after `before` and before `after` in the
    document (the PDF's text puts a page's drawings after its text)."""
    places = [html.index(before), html.index("部门财政资金收支情况</p>"),
              *(html.index(f'aria-label="{title}"') for title in CHART_TITLES), html.index(after)]
    assert places == sorted(places)


def test_pdf_of_the_2024_outline(luxian):
    luxian.form_version = FormVersion.objects.get(code="f4-sichuan-2024")
    luxian.narrative = {"income": "2021 年收入合计 209.70 万元。", "carryover": "结转结余 -27.80 万元。",
                        "results": "自评结果用于下年度预算安排。"}
    luxian.save()

    text = pdf_text(pdf.render_report(luxian))

    for heading in HEADINGS_2024:
        assert heading in text
    assert "三、部门财政支出管理情况" not in text
    assert "自评结果用于下年度预算安排。" in text
    assert_figures_between(pdf.render_html(luxian), "结转结余 -27.80 万元。", "三、部门整体绩效管理情况")
    assert "39.16%" in text


def test_exportpdf_of_the_f4_report(luxian, tmp_path):
    output = tmp_path / "f4.pdf"

    call_command("exportpdf", unit="128001", year=2021, form="f4-sichuan-2021", output=str(output),
                 stdout=io.StringIO())

    text = pdf_text(output.read_bytes())
    assert "237.50" in text and "39.16%" in text and "218.34" in text


def test_exportpdf_package_is_the_f4_report_then_the_projects(luxian, tmp_path):
    output = tmp_path / "package.pdf"

    call_command("exportpdf", unit="泸县科学技术协会", year=2021, output=str(output),
                 stdout=io.StringIO())

    pages = page_texts(output.read_bytes())
    assert pages[0].startswith("泸县科学技术协会 2021年部门预算支出绩效评价报告")
    text = pdf_text(output.read_bytes())
    assert "237.50" in text
    assert "天府科技云服务经费" in text
    assert text.index("“三公”经费结构") < text.index("天府科技云服务经费")


# ---- who sees it


def test_reviewer_of_the_bureau_reads_the_page_without_inputs(luxian, client):
    client.force_login(User.objects.get(username="wujiu"))

    response = client.get(figures_url(luxian))

    assert response.status_code == 200
    page = page_of(response)
    assert page.figure("expense_total") == "237.50"
    [fieldset] = [n for n in page.form.iter() if n.tag == "fieldset" and "disabled" in n.attrs]
    assert client.post(figures_url(luxian), page.data).status_code == 404


@pytest.mark.parametrize("username", ["wangwu", "zhangsan", "lisi"])
def test_another_bureau_or_unit_gets_404(luxian, client, username):
    client.force_login(User.objects.get(username=username))

    for url in (figures_url(luxian), reverse("report_section", args=[luxian.pk, "narrative"]),
                reverse("report_pdf", args=[luxian.pk]), reverse("report_check", args=[luxian.pk])):
        assert client.get(url).status_code == 404


# ---- a version that asks only for the totals

PARTS = ("income_general", "income_government_fund", "income_other", "expense_personnel",
         "expense_public", "expense_family", "expense_project")


@pytest.fixture
def totals_only(luxian, tmp_path):
    """泸县's report on a version of F4 whose form asks only for 收入合计, 支出合计 and 结转结余."""
    write(shipped_copy(tmp_path), "f4-totals-2026",
          'family = "F4"\nname = "部门整体支出绩效自评报告（只填合计）"\n[settings]\ntotals_only = true\n')
    versionfiles.sync(tmp_path)
    Report.objects.filter(pk=luxian.pk).update(
        form_version=FormVersion.objects.get(code="f4-totals-2026"))
    return Report.objects.get(pk=luxian.pk)


def post_figures(client, report, **typed):
    page = page_of(client.get(figures_url(report)))
    page.data.update({f"overall-{name}": value for name, value in typed.items()})
    return client.post(figures_url(report), page.data)


def test_a_totals_only_version_takes_the_typed_totals_without_the_parts(totals_only,
                                                                       zhengshi_client):
    blank = dict.fromkeys(PARTS, "")
    response = post_figures(zhengshi_client, totals_only, income_total="209.70",
                            expense_total="237.50", carryover="31.20", **blank)

    assert response.status_code == 302
    overall = OverallFigures.objects.get(report=totals_only)
    assert (overall.income_total, overall.expense_total, overall.carryover) == (
        D("209.70"), D("237.50"), D("31.20"))
    assert all(getattr(overall, name) is None for name in PARTS)
    totals_only.refresh_from_db()
    assert [finding.message for finding in checks.run_checks(totals_only)
            if finding.section == "figures"] == []
    printed = pdf_text(pdf.render_report(totals_only), space="")
    # Typed, not 收入 − 支出 (−27.80), and not labelled as that difference.
    assert "结转结余31.20" in printed
    assert "-27.80" not in printed


def test_typed_parts_must_add_up_to_the_typed_total(totals_only, zhengshi_client):
    post_figures(zhengshi_client, totals_only, income_total="200.00", expense_total="237.50",
                 carryover="31.20")  # the demo's parts stay: 收入 209.70, 支出 237.50

    totals_only.refresh_from_db()
    assert [finding.message for finding in checks.run_checks(totals_only)
            if finding.section == "figures"] == [
        "收入各分项之和 209.70 万元，与填写的收入合计 200.00 万元不一致：分项可以不填，填了的须与合计相符"]


def test_a_totals_only_version_asks_for_the_totals(totals_only, zhengshi_client):
    page = page_of(zhengshi_client.get(figures_url(totals_only)))
    assert {"overall-income_total", "overall-expense_total", "overall-carryover"} <= set(page.data)
    assert "请填写收入合计、支出合计和结转结余" in page.html
    assert "合计、占比和结转结余按已保存的数字计算" not in page.html

    OverallFigures.objects.filter(report=totals_only).update(
        **dict.fromkeys(PARTS), income_total=None, expense_total=None, carryover=None)
    totals_only.refresh_from_db()
    assert [finding.message for finding in checks.run_checks(totals_only)
            if finding.section == "figures"] == [
        "请填写“收入合计”", "请填写“支出合计”", "请填写“结转结余”"]


def test_the_shipped_version_computes_its_totals(luxian, zhengshi_client):
    page = page_of(zhengshi_client.get(figures_url(luxian)))

    assert not {"overall-income_total", "overall-expense_total", "overall-carryover"} & set(
        page.data)
    assert page.figure("carryover") == "-27.80"
