"""The F2 自评表 page as a clerk uses it: typed figures, refused scores, the live preview.

Every POST is built from the page itself, as the browser sends it: `Page` reads the inputs of
the section form (not those inside the empty-row <template>s) and the tests change only the
fields they are about, adding rows the way the page's script does.
"""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from reports.demo import YUNXI_2024_INDICATORS, YUNXI_2024_REASONS
from reports.models import BudgetExecution, FormVersion, IndicatorRow, Report, User
from tests.pages import Page, open_page, post_page

# ---- reading pages


def table_url(report):
    return reverse("report_section", args=[report.pk, "table"])


def preview_url(report):
    return reverse("report_preview", args=[report.pk, "table"])


def open_table(client, report):
    return open_page(client, table_url(report))


def submit(client, page, report):
    return post_page(client, table_url(report), page)


def check_messages(client, report):
    response = client.get(reverse("report_check", args=[report.pk]))
    assert response.status_code == 200
    return [(item["finding"].field, item["finding"].message) for item in response.context["items"]]


# ---- fixtures


@pytest.fixture
def lisi(demo):
    return User.objects.get(username="lisi")


@pytest.fixture
def f2_version(demo):
    return FormVersion.objects.get(code="f2-hunan-2024")


# The 检查 of the demo report as filed: 002's weights and its narrative's 人员 + 公用 ≠ 基本.
DEMO_CHECKS = [
    ("indicators-quantity-table", "产出指标分值为 40，标准为 50"),
    ("indicators-quantity-table", "效益指标分值为 40，标准为 30"),
    ("narrative-general_basic", "“（一）基本支出情况”写的人员支出 57.98 万元与公用支出 5.11 万元之和"
                                " 63.09 万元，与基本支出 64.29 万元不一致"),
]


# ---- a new report typed in from 002


def fill_in_002(client, unit, version):
    """Create the 2025 report through 新建报告 and type 002's 自评表 into it, as a clerk does."""
    response = client.post(
        reverse("report_new"), {"unit": unit.pk, "year": "2025", "form_version": version.pk}
    )
    report = Report.objects.get(unit=unit, year=2025, form_version=version)
    assert response.status_code == 302
    assert response["Location"] == table_url(report)

    page = open_table(client, report)
    page.set(**{
        "budget-budget_initial": "83.88",
        "budget-budget_full_year": "78.3",
        "budget-executed": "78.3",
        "budget-weight": "10",
        "budget-score": "9.69",
        "budget-reason": "部分支出进度集中在下半年，下年度按季度均衡执行。",
        "budget-income_general": "73.68",
        "budget-income_special_account": "0",
        "budget-income_other": "4.62",
        "budget-expense_basic": "64.29",
        "budget-expense_project": "14.01",
    })
    for group, name, target, actual, weight, score in YUNXI_2024_INDICATORS:
        reason = YUNXI_2024_REASONS[group] if D(score) < D(weight) else ""
        page.add_row(f"indicators-{group}", name=name, target=target, actual=actual,
                     weight=weight, score=score, reason=reason)
    response = submit(client, page, report)
    assert response.status_code == 302
    assert response["Location"] == table_url(report)
    return report


def test_new_report_typed_in_from_002_stores_and_shows_the_total_of_97_69(lisi_client, lisi,
                                                                          f2_version):
    report = fill_in_002(lisi_client, lisi.unit, f2_version)

    report.refresh_from_db()
    assert report.total_score == D("97.69")
    budget = BudgetExecution.objects.get(report=report)
    assert (budget.budget_initial, budget.budget_full_year, budget.executed, budget.weight,
            budget.score) == (D("83.88"), D("78.30"), D("78.30"), D("10.00"), D("9.69"))
    assert (budget.income_general, budget.income_government_fund, budget.income_special_account,
            budget.income_other) == (D("73.68"), None, D("0.00"), D("4.62"))
    assert (budget.expense_basic, budget.expense_project) == (D("64.29"), D("14.01"))
    stored = IndicatorRow.objects.filter(report=report).order_by("group", "position")
    assert list(stored.values_list("group", "name", "target", "actual", "weight", "score",
                                   "reason", "position")) == sorted(
        ((group, name, target, actual, D(weight), D(score),
          YUNXI_2024_REASONS[group] if D(score) < D(weight) else "",
          1 if name == "三公经费控制率" else 0)
         for group, name, target, actual, weight, score in YUNXI_2024_INDICATORS),
        key=lambda row: (row[0], row[-1]),
    )

    page = open_table(lisi_client, report)
    assert page.shown("execution_rate") == "100.00%"
    assert page.shown("budget_suggestion") == "10.00"
    assert page.shown("weights_total") == "100"
    assert page.shown("total") == "97.69"
    assert page.shown("grade") == "优"


def test_pdf_of_the_report_typed_in_from_002_prints_the_executed_amount_and_total(
    lisi_client, lisi, f2_version
):
    report = fill_in_002(lisi_client, lisi.unit, f2_version)

    response = lisi_client.get(reverse("report_pdf", args=[report.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    lines = [line.split() for line in text.splitlines()]
    assert ["年度资金总额", "83.88", "78.30", "78.30", "10", "100.00%", "9.69"] in lines
    assert ["总分", "100", "97.69"] in lines
    assert ["评价等次", "优"] in lines


# ---- scores the page refuses


@pytest.mark.parametrize(("name", "bad"), [
    ("indicators-cost-0-score", "11"),
    ("budget-score", "10.5"),
], ids=["indicator", "budget-line"])
def test_score_above_the_weight_is_refused_beside_the_field(lisi_client, yunxi_report, name,
                                                            bad):
    before = (list(IndicatorRow.objects.filter(report=yunxi_report).values()),
              BudgetExecution.objects.filter(report=yunxi_report).values().get())
    page = open_table(lisi_client, yunxi_report)

    page.set(**{name: bad, "budget-budget_initial": "90.00"})
    response = submit(lisi_client, page, yunxi_report)

    assert response.status_code == 400
    shown = Page(response)
    assert shown.cell_errors(name) == ["自评得分不能高于分值 10"]
    assert shown.cell_errors("budget-budget_initial") == []
    assert shown.data[name] == [bad]
    assert shown.data["budget-budget_initial"] == ["90.00"]
    assert (list(IndicatorRow.objects.filter(report=yunxi_report).values()),
            BudgetExecution.objects.filter(report=yunxi_report).values().get()) == before
    yunxi_report.refresh_from_db()
    assert yunxi_report.total_score == D("97.69")


QUALITATIVE = "indicators-timeliness-0"


@pytest.mark.parametrize(("band", "outside", "message"), [
    ("achieved", "7.99", "所选档次的得分应在 8 至 10 之间"),
    ("partial", "8", "所选档次的得分应在 6 至 8 之间（不含上限）"),
    ("missed", "6", "所选档次的得分应在 0 至 6 之间（不含上限）"),
])
def test_score_outside_the_chosen_band_is_refused_with_its_range(lisi_client, yunxi_report,
                                                                 band, outside, message):
    page = open_table(lisi_client, yunxi_report)

    page.set(**{f"{QUALITATIVE}-target": "及时", f"{QUALITATIVE}-actual": "及时",
                f"{QUALITATIVE}-band": band, f"{QUALITATIVE}-score": outside})
    response = submit(lisi_client, page, yunxi_report)

    assert response.status_code == 400
    shown = Page(response)
    assert shown.cell_errors(f"{QUALITATIVE}-score") == [message]
    assert shown.data[f"{QUALITATIVE}-band"] == [band]
    row = IndicatorRow.objects.get(report=yunxi_report, group="timeliness")
    assert (row.target, row.band, row.score) == ("1年", "", D("10.00"))


@pytest.mark.parametrize(("band", "inside", "range_shown", "total"), [
    ("achieved", "8", "8–10", "95.69"),
    ("partial", "7.5", "6–8", "95.19"),
    ("missed", "5.99", "0–6", "93.68"),
])
def test_score_inside_the_chosen_band_is_saved(lisi_client, yunxi_report, band, inside,
                                               range_shown, total):
    page = open_table(lisi_client, yunxi_report)

    page.set(**{f"{QUALITATIVE}-target": "及时", f"{QUALITATIVE}-actual": "及时",
                f"{QUALITATIVE}-band": band, f"{QUALITATIVE}-score": inside,
                f"{QUALITATIVE}-reason": "个别活动因天气顺延。"})
    response = submit(lisi_client, page, yunxi_report)

    assert response.status_code == 302
    row = IndicatorRow.objects.get(report=yunxi_report, group="timeliness")
    assert (row.target, row.actual, row.band, row.score) == ("及时", "及时", band, D(inside))
    yunxi_report.refresh_from_db()
    assert yunxi_report.total_score == D(total)
    page = open_table(lisi_client, yunxi_report)
    assert page.texts("data-message-for", QUALITATIVE) == [f"定性指标：本档得分范围 {range_shown}"]
    assert page.texts("data-suggestion-for", QUALITATIVE) == [""]
    assert check_messages(lisi_client, yunxi_report) == DEMO_CHECKS


def test_score_below_the_suggestion_saves_and_checks_ask_for_the_reason_until_written(
    lisi_client, yunxi_report
):
    row = "indicators-quantity-0"
    page = open_table(lisi_client, yunxi_report)

    page.set(**{f"{row}-score": "9"})
    assert submit(lisi_client, page, yunxi_report).status_code == 302

    stored = IndicatorRow.objects.get(report=yunxi_report, group="quantity")
    assert (stored.score, stored.reason) == (D("9.00"), "")
    yunxi_report.refresh_from_db()
    assert yunxi_report.total_score == D("96.69")
    page = open_table(lisi_client, yunxi_report)
    assert page.texts("data-suggestion-for", row) == ["10.00"]
    assert page.texts("data-reasons-for", row) == ["自评得分低于分值，请填写偏差原因"]
    assert check_messages(lisi_client, yunxi_report) == [
        (f"{row}-reason", "数量指标“精心组织了形式多样，内容丰富多彩的系列科”：自评得分低于分值，请填写偏差原因"),
        *DEMO_CHECKS,
    ]

    page.set(**{f"{row}-reason": "一场科普讲座因场地调整改为线上举办，下年度提前落实场地。"})
    assert submit(lisi_client, page, yunxi_report).status_code == 302

    stored.refresh_from_db()
    assert stored.reason == "一场科普讲座因场地调整改为线上举办，下年度提前落实场地。"
    assert check_messages(lisi_client, yunxi_report) == DEMO_CHECKS


# ---- the live preview


@pytest.mark.parametrize(("row", "target", "actual", "weight", "score", "suggestion", "total"), [
    ("indicators-cost-0", "≤2万元", "2.5万元", "5", "3.75", "3.75", "92.44"),
    ("indicators-satisfaction-0", "≥95%", "90%", "10", "9.47", "9.47", "97.16"),
], ids=["cost-cap", "at-least-percent"])
def test_preview_gives_the_suggestion_of_the_row_being_typed(lisi_client, yunxi_report, row,
                                                             target, actual, weight, score,
                                                             suggestion, total):
    before = list(IndicatorRow.objects.filter(report=yunxi_report).values())
    page = open_table(lisi_client, yunxi_report)
    page.set(**{f"{row}-target": target, f"{row}-actual": actual, f"{row}-weight": weight,
                f"{row}-score": score})

    response = lisi_client.post(preview_url(yunxi_report), page.data)

    assert response.status_code == 200
    data = response.json()
    reasons = ["自评得分低于分值，请填写偏差原因"] if D(score) < D(weight) else []
    assert data["rows"][row] == {"suggestion": suggestion, "message": "", "band_range": None,
                                 "reasons": reasons}
    assert data["rows"]["indicators-social-0"] == {"suggestion": "10.00", "message": "",
                                                   "band_range": None, "reasons": []}
    assert data["execution_rate"] == "100.00"
    assert data["budget_suggestion"] == "10.00"
    assert data["total"] == total
    assert data["grade"] == "优"
    assert data["splits"] == {"income": "78.30", "expense": "78.30", "basic": None}
    assert list(IndicatorRow.objects.filter(report=yunxi_report).values()) == before
    yunxi_report.refresh_from_db()
    assert yunxi_report.total_score == D("97.69")


def test_preview_asks_to_mark_an_unreadable_target_qualitative(lisi_client, yunxi_report):
    row = "indicators-timeliness-0"
    page = open_table(lisi_client, yunxi_report)
    page.set(**{f"{row}-target": "及时", f"{row}-actual": "及时"})

    data = lisi_client.post(preview_url(yunxi_report), page.data).json()

    assert data["rows"][row] == {
        "suggestion": None,
        "message": "无法从指标值“及时”读出数值，请把该指标标为定性指标（选择档次），"
                   "或把指标值写成数字，例如 100% 或 ≥95%",
        "band_range": None,
        "reasons": [],
    }
    row_stored = IndicatorRow.objects.get(report=yunxi_report, group="timeliness")
    assert row_stored.target == "1年"


def test_preview_follows_the_budget_line_and_grade_as_typed(lisi_client, yunxi_report):
    page = open_table(lisi_client, yunxi_report)
    page.set(**{"budget-executed": "62.64", "budget-score": "8", "indicators-social-0-score": "0"})

    data = lisi_client.post(preview_url(yunxi_report), page.data).json()

    assert data["execution_rate"] == "80.00"
    assert data["budget_suggestion"] == "8.00"
    assert data["total"] == "86.00"
    assert data["grade"] == "良"
    budget = BudgetExecution.objects.get(report=yunxi_report)
    assert (budget.executed, budget.score) == (D("78.30"), D("9.69"))


def test_preview_of_another_units_report_is_not_found(lisi_client, yunxi_report, other_unit,
                                                      f2_version):
    theirs = services.create_report(other_unit, 2024, f2_version)
    page = open_table(lisi_client, yunxi_report)

    response = lisi_client.post(preview_url(theirs), page.data)

    assert response.status_code == 404
    assert BudgetExecution.objects.get(report=theirs).executed is None


def test_preview_only_answers_post(lisi_client, yunxi_report):
    assert lisi_client.get(preview_url(yunxi_report)).status_code == 405


def test_preview_sends_anonymous_users_to_login(client, yunxi_report):
    url = preview_url(yunxi_report)

    response = client.post(url, {"budget-executed": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


# ---- the demo report's page


def test_demo_page_shows_suggestions_weights_and_weight_warnings(lisi_client, yunxi_report):
    page = open_table(lisi_client, yunxi_report)

    suggestions = {
        node.attrs["data-suggestion-for"]: node.text().strip()
        for node in page.root.iter()
        if "data-suggestion-for" in node.attrs and not node.in_template()
    }
    assert suggestions == {
        "indicators-quantity-0": "10.00",
        "indicators-quality-0": "5.00",
        "indicators-quality-1": "5.00",
        "indicators-timeliness-0": "10.00",
        "indicators-cost-0": "10.00",
        "indicators-economic-0": "10.00",
        "indicators-social-0": "10.00",
        "indicators-ecological-0": "10.00",
        "indicators-sustainable-0": "10.00",
        "indicators-satisfaction-0": "10.00",
    }
    assert page.texts("data-weight", "output") == ["40"]
    assert page.texts("data-weight", "benefit") == ["40"]
    assert page.texts("data-weight", "satisfaction") == ["10"]
    [warnings] = [n for n in page.root.iter()
                  if n.attrs.get("data-preview-list") == "weight_warnings"]
    assert [li.text().strip() for li in warnings.iter() if li.tag == "li"] == [
        "产出指标分值为 40，标准为 50", "效益指标分值为 40，标准为 30",
    ]
    assert page.texts("data-preview-list", "weight_errors") == [""]
    assert page.shown("total") == "97.69"
    assert page.shown("grade") == "优"
