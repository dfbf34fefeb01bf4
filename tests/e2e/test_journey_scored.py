"""Journey 2: a project of F3 (泸县 2021) and the scored table of F2 (云溪区 2024) in the browser."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import Project, Report
from tests.e2e.browser import download_pdf, rows, save

pytestmark = pytest.mark.e2e


def test_filler_adds_and_fills_an_f3_project(page, login, site):
    report = Report.objects.get(unit__budget_code="128001", form_version__family="F3")
    login(page, "zhengshi")
    page.goto(f"{site}/reports/{report.pk}/projects/")

    # A fifth project is added to the year's list.
    expect(rows(page, "projects")).to_have_count(4)
    page.get_by_role("button", name=re.compile("添加项目")).click()
    new = rows(page, "projects").last
    new.get_by_label("项目名称").fill("科技工作者日活动经费")
    new.get_by_label("实施单位").fill("泸县科协")
    save(page)
    listed = page.get_by_role("row").filter(has_text="科技工作者日活动经费")
    expect(listed).to_have_count(1)  # in 填写各项目, with its links
    listed.get_by_role("link", name="自评表").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("科技工作者日活动经费")

    # Its money: a mistake first, shown beside the field with everything else kept.
    page.get_by_label("部门（单位）及代码").fill("泸县科协 128001")
    page.get_by_label("合计·预算数").fill("6.00")
    page.get_by_label("合计·执行数").fill("5.40")
    expect(page.locator("#execution-rate")).to_have_text("90.00%")  # as it is typed
    page.get_by_label("财政拨款·预算数").fill("6.00")
    expect(page.locator('[data-sum="budget"]')).to_have_text("6.00")
    page.get_by_label("财政拨款·执行数").fill("5,4O")
    page.get_by_label("预期目标").fill("开展全国科技工作者日走访慰问和表彰活动。")
    page.get_by_role("button", name=re.compile("添加数量指标")).click()
    indicator = rows(page, "indicators-quantity").last
    indicator.get_by_label("三级指标").fill("指标1：走访慰问科技工作者")
    indicator.get_by_label("预期指标值").fill("不少于20人")
    save(page)
    wrong = page.get_by_label("财政拨款·执行数")
    expect(wrong).to_have_value("5,4O")
    expect(wrong).to_have_attribute("aria-invalid", "true")
    expect(wrong.locator("xpath=ancestor::td[1]")).to_contain_text("请填写数字")
    expect(page.get_by_label("预期目标")).to_have_value("开展全国科技工作者日走访慰问和表彰活动。")
    expect(rows(page, "indicators-quantity").last.get_by_label("三级指标")).to_have_value(
        "指标1：走访慰问科技工作者")

    wrong.fill("5.40")
    save(page)
    expect(page.locator(".save-state")).to_contain_text("已保存")
    expect(page.locator("#execution-rate")).to_have_text("90.00%")
    expect(page.locator('[data-sum="executed"]')).to_have_text("5.40")
    project = Project.objects.get(report=report, name="科技工作者日活动经费")
    assert project.indicators.count() == 1

    # 检查 names what is still missing in this project and leads to it.
    page.get_by_role("link", name="检查").first.click()
    findings = page.locator(".check-findings li")
    overall = findings.filter(has_text="目标实际完成情况")
    expect(overall).to_have_count(1)
    missing = findings.filter(has_text="指标1：走访慰问科技工作者")
    expect(missing).to_contain_text("请填写实际完成指标值")
    missing.get_by_role("link").click()
    assert f"/projects/{project.pk}/" in page.url
    actual = rows(page, "indicators-quantity").last.get_by_label("实际完成指标值")
    expect(actual).to_be_focused()
    actual.fill("走访慰问科技工作者 24 人")
    page.get_by_label("目标实际完成情况").fill("走访慰问和表彰活动按计划完成。")
    save(page)
    page.get_by_role("link", name="检查").first.click()
    expect(page.locator(".check-findings li").filter(has_text="走访慰问")).to_have_count(0)
    expect(page.locator(".check-findings li").filter(has_text="目标实际完成情况")).to_have_count(0)

    text = download_pdf(page)
    for figure in ("项目名称科技工作者日活动经费", "预算数：6.00执行数：5.40", "走访慰问科技工作者24人"):
        assert figure in text, figure


def test_filler_lowers_a_score_in_the_f2_table_and_gives_the_reason(page, login, site):
    report = Report.objects.get(unit__budget_code="317001", year=2024)
    login(page, "lisi")
    page.goto(f"{site}/reports/{report.pk}/table/")
    total = page.locator('[data-preview="total"]').first
    expect(total).to_have_text("97.69")
    expect(page.locator('[data-preview="grade"]').first).to_have_text("优")

    # A score below its 分值 lowers the total as it is typed and asks for the 偏差原因.
    row = rows(page, "indicators-social").first
    row.get_by_label("自评得分").fill("8")
    expect(total).to_have_text("95.69")
    reasons = page.locator('[data-reasons-for="indicators-social-0"]')
    expect(reasons).to_contain_text("偏差原因")
    # A score above it is refused beside the field when saving; what was typed stays.
    rows(page, "indicators-quality").first.get_by_label("自评得分").fill("6")
    save(page)
    above = rows(page, "indicators-quality").first.get_by_label("自评得分")
    expect(above).to_have_value("6")
    expect(above.locator("xpath=ancestor::td[1]")).to_contain_text("自评得分不能高于分值 5")
    expect(rows(page, "indicators-social").first.get_by_label("自评得分")).to_have_value("8")
    above.fill("5")
    save(page)
    expect(page.locator(".save-state")).to_contain_text("已保存")
    expect(total).to_have_text("95.69")

    # 检查 demands the reason and leads to its field.
    page.get_by_role("link", name="检查").first.click()
    missing = page.locator(".check-findings li").filter(has_text="偏差原因")
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("错误")
    missing.get_by_role("link").click()
    reason = rows(page, "indicators-social").first.get_by_label("偏差原因分析及改进措施")
    expect(reason).to_be_focused()
    reason.fill("部分街道科普宣传覆盖不足，下年度增加社区活动场次。")
    save(page)
    page.get_by_role("link", name="检查").first.click()
    expect(page.locator(".check-findings li").filter(has_text="偏差原因")).to_have_count(0)

    text = download_pdf(page)
    assert "95.69" in text
    assert "部分街道科普宣传覆盖不足" in text
