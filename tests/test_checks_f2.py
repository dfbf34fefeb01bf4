"""检查 of the F2 自评表 and 自评报告: what it finds in 002 as filed, and each rule's finding."""

import re
from collections import Counter
from decimal import Decimal as D

import pytest
from django.urls import reverse

from reports import services
from reports.checks import Finding, run_checks
from reports.models import BudgetExecution, FormVersion, GoalRow, IndicatorRow, Report
from tests.pages import listed_findings

OUTPUT_WARNING = Finding("table", "indicators-quantity-table", "产出指标分值为 40，标准为 50",
                         level="warning")
BENEFIT_WARNING = Finding("table", "indicators-quantity-table", "效益指标分值为 40，标准为 30",
                          level="warning")
# 002's narrative: 人员支出 57.98 + 公用支出 5.11 = 63.09, but the table's 基本支出 is 64.29.
NARRATIVE_SUM = Finding(
    "narrative", "narrative-general_basic",
    "“（一）基本支出情况”写的人员支出 57.98 万元与公用支出 5.11 万元之和 63.09 万元，"
    "与基本支出 64.29 万元不一致",
)
DEMO_FINDINGS = [OUTPUT_WARNING, BENEFIT_WARNING, NARRATIVE_SUM]


def set_budget(report, **values):
    BudgetExecution.objects.filter(report=report).update(**values)
    report.refresh_from_db()


def set_indicator(report, group, **values):
    IndicatorRow.objects.filter(report=report, group=group).update(**values)
    report.refresh_from_db()


def test_demo_report_finds_the_weight_warnings_and_the_narrative_sum_of_002(lisi_client,
                                                                             yunxi_report):
    assert run_checks(yunxi_report) == DEMO_FINDINGS

    table = reverse("report_section", args=[yunxi_report.pk, "table"])
    narrative = reverse("report_section", args=[yunxi_report.pk, "narrative"])
    assert listed_findings(lisi_client, yunxi_report) == [
        ("产出指标分值为 40，标准为 50", f"{table}#id_indicators-quantity-table"),
        ("效益指标分值为 40，标准为 30", f"{table}#id_indicators-quantity-table"),
        (NARRATIVE_SUM.message, f"{narrative}#id_narrative-general_basic"),
    ]


# ---- weights


def test_weights_not_totalling_100_are_an_error(yunxi_report):
    set_indicator(yunxi_report, "quantity", weight=D("8"), score=D("8"))

    assert run_checks(yunxi_report) == [
        Finding("table", "indicators-quantity-table", "全部分值合计应为 100，现为 98"),
        Finding("table", "indicators-quantity-table", "产出指标分值为 38，标准为 50",
                level="warning"),
        BENEFIT_WARNING,
        NARRATIVE_SUM,
    ]


def test_budget_weight_counts_in_the_total_of_weights(yunxi_report):
    set_budget(yunxi_report, weight=D("12"))

    assert run_checks(yunxi_report) == [
        Finding("table", "indicators-quantity-table", "全部分值合计应为 100，现为 102"),
        Finding("table", "indicators-quantity-table", "预算执行分值为 12，标准为 10",
                level="warning"),
        OUTPUT_WARNING,
        BENEFIT_WARNING,
        NARRATIVE_SUM,
    ]


# ---- the budget line and its splits


def test_income_split_not_adding_up_to_the_executed_amount_is_an_error(yunxi_report):
    set_budget(yunxi_report, income_other=D("4.00"))

    assert run_checks(yunxi_report) == [
        Finding("table", "budget-income_general",
                "按收入性质分合计 77.68 万元，与全年执行数 78.30 万元不一致"),
        *DEMO_FINDINGS,
    ]


def test_blank_income_split_is_named_blank(yunxi_report):
    set_budget(yunxi_report, income_general=None, income_special_account=None,
               income_other=None)

    assert run_checks(yunxi_report) == [
        Finding("table", "budget-income_general",
                "按收入性质分合计 空白 万元，与全年执行数 78.30 万元不一致"),
        *DEMO_FINDINGS,
    ]


def test_expense_split_not_adding_up_to_the_executed_amount_is_an_error(yunxi_report):
    set_budget(yunxi_report, expense_project=D("14.00"))

    assert run_checks(yunxi_report) == [
        Finding("table", "budget-expense_basic",
                "按支出性质分合计 78.29 万元，与全年执行数 78.30 万元不一致"),
        *DEMO_FINDINGS,
        # The narrative repeats the 项目支出 of 002, which the table no longer holds.
        Finding("narrative", "narrative-general_project",
                "“（二）项目支出情况”写的项目支出 14.01 万元与自评表的 14.00 万元不一致"),
    ]


def test_executed_above_the_budget_needs_a_note(yunxi_report):
    set_budget(yunxi_report, budget_full_year=D("78.00"))

    assert run_checks(yunxi_report) == [
        Finding("table", "budget-over_budget_note",
                "全年执行数 78.30 万元超过全年预算数 78.00 万元，请填写说明"),
        *DEMO_FINDINGS,
    ]

    set_budget(yunxi_report, over_budget_note="年中追加科技周活动经费，已按程序报批。")

    assert run_checks(yunxi_report) == DEMO_FINDINGS


# ---- targets that cannot be read


def test_unreadable_target_without_a_band_asks_to_mark_it_qualitative(yunxi_report):
    set_indicator(yunxi_report, "ecological", target="对生态无不利影响")

    assert run_checks(yunxi_report) == [
        Finding("table", "indicators-ecological-0-target",
                "生态效益指标“对生态无不利影响”：无法从指标值“对生态无不利影响”读出数值，"
                "请把该指标标为定性指标（选择档次），或把指标值写成数字，例如 100% 或 ≥95%"),
        *DEMO_FINDINGS,
    ]


def test_unreadable_target_marked_achieved_with_a_score_in_the_band_is_fine(yunxi_report):
    set_indicator(yunxi_report, "ecological", target="对生态无不利影响",
                  band=IndicatorRow.Band.ACHIEVED, score=D("10"))

    assert run_checks(yunxi_report) == DEMO_FINDINGS


# ---- every finding leads to its field


def break_everything(report):
    """The demo report with one slip of each kind the 自评表 rules look for."""
    set_budget(report, budget_full_year=D("78.00"), income_other=D("4.00"),
               expense_personnel=D("50.00"), expense_public=D("5.00"), reason="")
    GoalRow.objects.filter(report=report, position=0).update(actual="")
    set_indicator(report, "quantity", weight=None)
    set_indicator(report, "timeliness", score=None)
    set_indicator(report, "ecological", target="对生态无不利影响")
    set_indicator(report, "cost", reason="")
    Report.objects.filter(pk=report.pk).update(narrative={**report.narrative, "other": ""})
    report.refresh_from_db()
    return report


@pytest.fixture
def new_f2_report(yunxi_report):
    version = FormVersion.objects.get(code="f2-hunan-2024")
    return services.create_report(yunxi_report.unit, 2025, version)


@pytest.mark.parametrize(("which", "anchors"), [
    ("broken", {
        "table": {
            "id_budget-reason", "id_budget-income_general", "id_budget-expense_personnel",
            "id_budget-over_budget_note", "id_goals-0-actual", "id_indicators-quantity-0-weight",
            "id_indicators-timeliness-0-score", "id_indicators-ecological-0-target",
            "id_indicators-cost-0-reason", "id_indicators-quantity-table",
        },
        "narrative": {"id_narrative-general_basic", "id_narrative-other"},
    }),
    ("new", {
        "table": {
            "id_budget-budget_full_year", "id_budget-executed", "id_budget-score",
            "id_goals-table", "id_indicators-quantity-table",
        },
        "narrative": {f"id_narrative-{key}" for key in (
            "overview", "general_basic", "general_project", "government_fund", "state_capital",
            "social_insurance", "performance", "problems", "improvements", "other",
        )},
    }),
])
def test_every_finding_links_to_an_element_of_its_page(request, lisi_client, yunxi_report,
                                                       which, anchors):
    if which == "broken":
        report = break_everything(yunxi_report)
    else:
        report = request.getfixturevalue("new_f2_report")
    pages = {slug: reverse("report_section", args=[report.pk, slug])
             for slug in ("table", "narrative")}

    links = [link for _message, link in listed_findings(lisi_client, report)]

    assert len(links) == len(run_checks(report))
    linked = {}
    for link in links:
        path, anchor = link.split("#")
        [slug] = [slug for slug, url in pages.items() if url == path]
        linked.setdefault(slug, set()).add(anchor)
    assert linked == anchors
    for slug, wanted in linked.items():
        response = lisi_client.get(pages[slug])
        assert response.status_code == 200
        ids = Counter(re.findall(r'\bid="([^"]+)"', response.content.decode()))
        assert {anchor: ids[anchor] for anchor in wanted} == {anchor: 1 for anchor in wanted}
