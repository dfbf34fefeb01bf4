"""Journey 3: submission, a return with a comment on one field, resubmission, approval and the
verification of the downloaded approved PDF — the 填报人 and the 财政局 reviewer in two browsers."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from reports.models import Report
from tests.e2e.browser import pdf_text

pytestmark = pytest.mark.e2e

PROBLEMS = "五、存在的主要问题"
COMMENT = "请写明资金指标下达晚的具体月份和涉及金额。"
REVISED = ("部分项目资金指标在 7 月才下达，涉及 12.00 万元，资金用途与指标性质不完全对应；"
           "财务人员对绩效管理的理解还需加强。")


def status_badge(page):
    return page.locator("main").get_by_text(re.compile("^(草稿|已提交|已退回|已通过)$")).first


def test_return_with_a_field_comment_resubmit_approve_and_verify(page, another_browser, login,
                                                                site, tmp_path):
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    clerk, reviewer = login(page, "xuyuanshan"), another_browser("zhangsan")

    # The 填报人 submits the 2021 report from its report page.
    year = clerk.get_by_role("row").filter(has=clerk.get_by_role("cell", name="2021", exact=True))
    year.get_by_role("link", name="岳阳县科学技术协会").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text("岳阳县科学技术协会 · 2021 年度")
    clerk.get_by_label("提交说明（可不填）").fill("请审核。")
    clerk.get_by_role("button", name="提交财政局审核").click()
    expect(status_badge(clerk)).to_have_text("已提交")

    # The reviewer finds it on the desk, comments on one field and returns the report.
    reviewer.goto(f"{site}/desk/")
    reviewer.get_by_label("年度", exact=True).select_option("2021")
    reviewer.get_by_role("button", name="筛选").click()
    reviewer.get_by_role("link", name="岳阳县科学技术协会").click()
    reviewer.get_by_role("link", name="查看报告内容").click()
    reviewer.get_by_role("link", name="五、评价报告综述").click()
    reviewer.get_by_label("栏目").select_option(label=PROBLEMS)
    reviewer.get_by_label("审核意见").fill(COMMENT)
    reviewer.get_by_role("button", name="留下意见").click()
    expect(reviewer.get_by_role("note").filter(has_text=COMMENT).first).to_be_visible()
    reviewer.goto(f"{site}/reports/{report.pk}/")
    reviewer.get_by_label("退回意见").fill("请按栏目意见修改后重新提交。")
    reviewer.get_by_role("button", name="退回修改").click()
    expect(status_badge(reviewer)).to_have_text("已退回")

    # The 填报人 sees the comment beside the field it is about, and changes that field only.
    clerk.reload()
    expect(status_badge(clerk)).to_have_text("已退回")
    expect(clerk.get_by_text("请按栏目意见修改后重新提交。").first).to_be_visible()
    clerk.goto(f"{site}/reports/{report.pk}/narrative/")
    field = clerk.get_by_label(PROBLEMS)
    beside = field.locator("xpath=following-sibling::*[@role='note'][1]")
    expect(beside).to_have_text(f"审核意见：{COMMENT}")
    field.fill(REVISED)
    clerk.get_by_role("button", name="保存", exact=True).click()
    expect(clerk.locator(".save-state")).to_contain_text("已保存")
    clerk.goto(f"{site}/reports/{report.pk}/")
    clerk.get_by_label("提交说明（可不填）").fill("已按意见补充。")
    clerk.get_by_role("button", name="提交财政局审核").click()
    expect(status_badge(clerk)).to_have_text("已提交")

    # The reviewer sees only what changed since the first submission.
    reviewer.reload()
    reviewer.get_by_role("link", name=re.compile("修改对比|与上次提交")).first.click()
    changes = reviewer.locator("main")
    expect(changes).to_contain_text(PROBLEMS)
    expect(changes).to_contain_text("7 月才下达")
    expect(changes).not_to_contain_text("二、收支情况")
    expect(changes).not_to_contain_text("六、改进措施和有关建议")

    # Approval; the approved PDF is prepared and downloaded.
    reviewer.goto(f"{site}/reports/{report.pk}/")
    reviewer.get_by_label("审核意见（可不填）").fill("同意。")
    reviewer.get_by_role("button", name="审核通过").click()
    expect(status_badge(reviewer)).to_have_text("已通过")
    clerk.goto(f"{site}/reports/{report.pk}/")
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="下载审定 PDF").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = pdf_text(path)
    assert "7月才下达" in text
    report.refresh_from_db()
    code = report.approved_pdf.code
    assert code in text
    assert report.approved_pdf.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()

    # The verification page, as anyone holding the paper would open it, confirms the file.
    clerk.get_by_role("link", name="校验页面").click()
    expect(clerk.get_by_text(code).first).to_be_visible()
    clerk.get_by_label("上传 PDF 文件").set_input_files(path)
    clerk.get_by_role("button", name="校验").click()
    expect(clerk.get_by_role("status")).to_contain_text("一致")

    # A changed file is not confirmed.
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(path.read_bytes() + b"\n%")
    clerk.get_by_label("上传 PDF 文件").set_input_files(forged)
    clerk.get_by_role("button", name="校验").click()
    expect(clerk.get_by_role("status")).to_contain_text("不一致")
