"""Journey 1: a 填报人 fills a new year's F1 report in the browser, from 新建报告 to the PDF.

The figures are those of the reference report of 岳阳县科学技术协会 2021 (局机关), typed into a
new 2023 report, plus two 二级机构 of which one is removed again.
"""

import re

import pytest
from playwright.sync_api import expect

from reports.models import Report
from tests.e2e.browser import download_pdf, rows, save

pytestmark = pytest.mark.e2e

OFFICE = {
    "income_carryover": "17.66",
    "income_public_finance": "73.03",
    "income_other": "5.07",
    "expense_personnel": "44.63",
    "expense_public": "16.70",
    "expense_project": "29.36",
    "three_reception": "0.12",
    "assets_in_use": "4.33",
}


def section_link(page, title):
    return page.get_by_role("navigation", name="报告各部分").get_by_role("link", name=title)


def summary(page, column):
    """The 汇总行 cell of a column, as the clerk sees it."""
    return page.locator(f'[data-summary="{column}"]').first


def test_filler_fills_a_new_f1_report_and_downloads_its_pdf(page, login, site):
    login(page, "xuyuanshan")

    # 新建报告
    page.get_by_label("单位").select_option(label="岳阳县科学技术协会")
    page.get_by_label("年度").fill("2023")
    page.get_by_label("表单").select_option(
        label="部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）")
    page.get_by_role("button", name="新建").click()
    expect(page.get_by_role("heading", level=2, name="封面")).to_be_visible()
    expect(page.get_by_text("岳阳县科学技术协会 · 2023 年度")).to_be_visible()
    report = Report.objects.get(unit__budget_code="505001", year=2023)

    # 封面
    page.get_by_label("报告日期").fill("2024-03-15")
    page.get_by_role("button", name="保存并填写“一、基本概况”").click()

    # 一、基本概况, with one 年度主要任务 added
    expect(page.get_by_role("heading", level=2, name="一、基本概况")).to_be_visible()
    page.get_by_label("联系人").fill("徐远山")
    page.get_by_label("联络电话").fill("0730-7612345")
    page.get_by_label("人员编制").first.fill("3")
    page.get_by_label("职能职责概述").fill("团结全县科技工作者，开展科学普及和学术交流。")
    page.get_by_label("年度总体运行情况及取得的成绩").fill("全年完成科普活动和培训计划。")
    page.get_by_role("button", name=re.compile("添加任务")).click()
    tasks = rows(page, "tasks")
    expect(tasks).to_have_count(1)
    tasks.first.locator("textarea, input:not([type=hidden])").first.fill("开展全国科普日活动")
    page.get_by_role("button", name="保存并填写“二、收支情况”").click()

    # 二、收支情况: 局机关 and two 二级机构, one of which is removed; totals follow the typing
    expect(page.get_by_role("heading", level=2, name="二、收支情况")).to_be_visible()
    institutions = rows(page, "institutions")
    expect(institutions).to_have_count(1)
    page.locator("[name='institutions-0-name']").fill("局机关")
    for column, value in OFFICE.items():
        page.locator(f"[name='institutions-0-{column}']").fill(value)
    expect(summary(page, "income_total")).to_have_text("95.76")
    expect(summary(page, "expense_total")).to_have_text("90.69")
    expect(summary(page, "balance_current")).to_have_text("5.07")

    add = page.get_by_role("button", name=re.compile("添加二级机构"))
    add.click()
    add.click()
    expect(institutions).to_have_count(3)
    page.locator("[name='institutions-1-name']").fill("县科普教育基地")
    page.locator("[name='institutions-1-income_public_finance']").fill("10.00")
    page.locator("[name='institutions-1-expense_project']").fill("8.50")
    page.locator("[name='institutions-2-name']").fill("县学会服务中心")
    page.locator("[name='institutions-2-income_public_finance']").fill("4.24")
    expect(summary(page, "income_total")).to_have_text("110.00")
    expect(summary(page, "expense_total")).to_have_text("99.19")

    institutions.nth(2).get_by_role("button", name=re.compile("删除")).click()
    expect(institutions).to_have_count(2)
    expect(summary(page, "income_total")).to_have_text("105.76")

    # A mistake in an amount: the message stands beside the field, every value is kept.
    page.locator("[name='institutions-1-expense_personnel']").fill("12.3.4")
    save(page)
    wrong = page.locator("[name='institutions-1-expense_personnel']")
    expect(wrong).to_have_value("12.3.4")
    expect(wrong).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").filter(has_text="处需要修改")).to_be_visible()
    # Beside the field: in its own table cell.
    expect(wrong.locator("xpath=ancestor::td[1]")).to_contain_text("请填写数字，最多两位小数")
    expect(page.locator("[name='institutions-1-name']")).to_have_value("县科普教育基地")
    expect(page.locator("[name='institutions-0-income_public_finance']")).to_have_value("73.03")
    expect(institutions).to_have_count(2)
    wrong.fill("")
    save(page)
    expect(page.locator(".save-state")).to_contain_text("已保存")
    expect(institutions).to_have_count(2)
    expect(summary(page, "income_total")).to_have_text("105.76")
    names = list(report.institutionrows.order_by("position").values_list("name", flat=True))
    assert names == ["局机关", "县科普教育基地"]

    # 三、绩效自评情况: a goal and indicators added; the grade follows the score
    section_link(page, "三、绩效自评情况").click()
    page.locator("[data-add-row='goals']").click()
    goal = rows(page, "goals").first
    fields = goal.locator("textarea, input:not([type=hidden])")
    fields.nth(0).fill("普及科学知识，提升公民科学素质")
    fields.nth(1).fill("全年开展科普活动 12 次")
    for prefix, content, target, actual in (
        ("indicators-quantity", "开展科普活动次数", "3", "3"),
        ("indicators-satisfaction", "社会公众满意度", "98%", "97%"),
    ):
        page.locator(f"[data-add-row='{prefix}']").click()
        row = rows(page, prefix).last
        cells = row.locator("textarea, input:not([type=hidden])")
        cells.nth(0).fill(content)
        cells.nth(1).fill(target)
        cells.nth(2).fill(actual)
    page.get_by_label("绩效自评综合得分").fill("85")
    expect(page.locator("[data-grade-for]")).to_have_text("良好")
    page.get_by_label("绩效自评综合得分").fill("96")
    expect(page.locator("[data-grade-for]")).to_have_text(re.compile("^优"))
    page.get_by_role("button", name="保存并填写“四、评价人员”").click()

    # 四、评价人员
    expect(page.get_by_role("heading", level=2, name="四、评价人员")).to_be_visible()
    page.locator("[data-add-row='evaluators']").click()
    evaluator = rows(page, "evaluators").first
    evaluator.locator("input:not([type=hidden])").first.fill("徐远山")
    page.get_by_label("填报人", exact=True).fill("徐远山")
    page.get_by_role("button", name="保存并填写“五、评价报告综述”").click()

    # 五、评价报告综述: one paragraph holds a figure that disagrees with the tables
    expect(page.get_by_role("heading", level=2, name="五、评价报告综述")).to_be_visible()
    page.get_by_label("（一）单位基本情况").fill("县科协机关和一个二级机构，在职人员 3 人。")
    page.get_by_label("（二）单位整体支出规模、使用方向和主要内容、涉及范围").fill(
        "2023 年整体支出规模为 98.00 万元，用于机关运转和科普活动。")
    save(page)

    # 检查 lists what is wrong; each item leads to its field; fixing it clears the item.
    page.get_by_role("link", name="检查").first.click()
    findings = page.locator(".check-findings li")
    expect(findings.first).to_be_visible()
    figure = findings.filter(has_text="98.00")
    expect(figure).to_have_count(1)
    expect(figure).to_contain_text("99.19")
    figure.get_by_role("link").click()
    field = page.get_by_label("（二）单位整体支出规模、使用方向和主要内容、涉及范围")
    expect(field).to_be_focused()
    field.fill("2023 年整体支出规模为 99.19 万元，用于机关运转和科普活动。")
    save(page)
    page.get_by_role("link", name="检查").first.click()
    expect(page.locator(".check-findings li").filter(has_text="99.19")).to_have_count(0)

    # The PDF carries what was typed, and the totals the application computed.
    flat = download_pdf(page)
    assert "岳阳县科学技术协会" in flat
    for figure in ("105.76", "99.19", "73.03", "县科普教育基地"):
        assert figure in flat, figure
    assert "县学会服务中心" not in flat
