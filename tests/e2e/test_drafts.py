"""Nothing typed is lost: the page says whether it is saved, asks before leaving unsaved typing,
keeps a draft in the browser that a crashed or closed tab can restore (rows added in it
included), and says so when the report was saved by someone else after the draft. Long work
shows that it is under way: the PDF download and the approved PDF rendered in the background.
"""

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from reports.models import ApprovedPdf, Report
from tests.e2e.browser import save

pytestmark = pytest.mark.e2e


def drafts(page):
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('kxeval-draft:'))")


def wait_for_draft(page):
    """Until the page has written its draft (it waits for a pause in the typing)."""
    for _ in range(50):
        if drafts(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no draft was written")


@pytest.fixture
def report(site):
    return Report.objects.get(unit__budget_code="505001", year=2021)


def test_a_draft_survives_a_closed_tab_and_is_restored_with_its_added_row(
        page, login, site, report):
    login(page, "xuyuanshan")
    url = f"{site}/reports/{report.pk}/finance/"
    page.goto(url)
    expect(page.locator(".save-state")).to_have_text(re.compile(r"^已保存 (\d\d-\d\d )?\d\d:\d\d$"))

    page.locator("[name='institutions-0-income_other']").fill("6.00")
    expect(page.locator(".save-state")).to_have_text("有未保存的修改")
    page.get_by_role("button", name=re.compile("添加二级机构")).click()
    page.locator("[name='institutions-1-name']").fill("县科技馆")
    page.locator("[name='institutions-1-expense_project']").fill("3.50")
    wait_for_draft(page)

    # The tab is closed without a word (a crash would do the same).
    context = page.context
    page.close(run_before_unload=False)
    page = context.new_page()
    page.goto(url)

    banner = page.get_by_role("region", name="未保存的草稿")
    expect(banner).to_contain_text("填写但没有保存的内容")
    expect(banner).not_to_contain_text("注意")
    expect(banner).to_contain_text("二级机构 第1行 其他收入（万元）：草稿为“6.00”")
    expect(page.locator("[name='institutions-1-name']")).to_have_count(0)
    banner.get_by_role("button", name="恢复未保存的草稿").click()

    expect(page.locator("[name='institutions-0-income_other']")).to_have_value("6.00")
    expect(page.locator("[name='institutions-1-name']")).to_have_value("县科技馆")
    expect(page.locator("[name='institutions-1-expense_project']")).to_have_value("3.50")
    expect(page.locator("[name='institutions-1-expense_project']")).to_have_attribute(
        "aria-label", "二级机构 第2行 项目支出（万元）")
    # The figures follow as if typed: 95.76 − 5.07 + 6.00; the name in the three other tables.
    expect(page.locator('[data-summary="income_total"]').first).to_have_text("96.69")
    expect(page.locator('[data-mirror-of="id_institutions-1-name"]').first).to_have_text("县科技馆")
    expect(page.locator(".save-state")).to_have_text("有未保存的修改")

    save(page)
    expect(page.locator(".save-state")).to_contain_text("已保存")
    rows = list(report.institutionrows.order_by("position"))
    assert [(row.name, row.income_other, row.expense_project) for row in rows][1:] == [
        ("县科技馆", None, Decimal("3.50"))]
    assert rows[0].income_other == Decimal("6.00")
    # Saved: the draft is gone, and the page does not offer it again.
    assert drafts(page) == []
    page.reload()
    expect(page.get_by_role("region", name="未保存的草稿")).to_have_count(0)


def draft_then_other_save(page, other, url, label, value):
    """徐远山 types a contact person and closes the tab unsaved; then 孙七 saves the same page
    with `value` in the field `label`. Returns 徐远山's page opened again."""
    page.goto(url)
    page.get_by_label("联系人").fill("草稿中的联系人")
    wait_for_draft(page)
    context = page.context
    page.close(run_before_unload=False)
    other.goto(url)
    other.get_by_label(label).fill(value)
    save(other)
    page = context.new_page()
    page.goto(url)
    return page


def test_a_draft_older_than_someone_elses_save_is_flagged_and_can_be_discarded(
        page, another_browser, login, site, report):
    login(page, "xuyuanshan")
    page = draft_then_other_save(page, another_browser("sunqi"), f"{site}/reports/{report.pk}/overview/",
                                 "联络电话", "0730-1234567")
    banner = page.get_by_role("region", name="未保存的草稿")
    expect(banner).to_contain_text("又由孙七在")
    expect(banner).to_contain_text("联系人：草稿为“草稿中的联系人”")
    expect(banner).to_contain_text("联络电话：草稿为")
    expect(page.get_by_label("联系人")).not_to_have_value("草稿中的联系人")

    banner.get_by_role("button", name="放弃草稿").click()
    expect(page.get_by_text("已放弃草稿。")).to_be_visible()
    assert drafts(page) == []
    expect(page.get_by_label("联络电话")).to_have_value("0730-1234567")


def test_a_draft_older_than_someone_elses_save_can_still_be_restored(
        page, another_browser, login, site, report):
    login(page, "xuyuanshan")
    page = draft_then_other_save(page, another_browser("sunqi"), f"{site}/reports/{report.pk}/overview/",
                                 "职能职责概述", "孙七改过的职能。")
    page.get_by_role("button", name="恢复未保存的草稿").click()
    expect(page.get_by_label("联系人")).to_have_value("草稿中的联系人")
    save(page)

    report.refresh_from_db()
    assert report.contact_person == "草稿中的联系人"


def test_leaving_with_unsaved_typing_asks_first_and_saving_does_not(page, login, site, report):
    login(page, "xuyuanshan")
    page.goto(f"{site}/reports/{report.pk}/overview/")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.get_by_label("联系人").fill("徐远山（改）")
    page.get_by_role("navigation", name="报告各部分").get_by_role(
        "link", name="二、收支情况").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("联系人")).to_have_value("徐远山（改）")

    save(page)
    assert asked == ["beforeunload"]
    expect(page.locator(".save-state")).to_contain_text("已保存")
    report.refresh_from_db()
    assert report.contact_person == "徐远山（改）"


def test_pdf_download_says_it_is_being_made_and_leaves_the_typing_alone(
        page, login, site, report):
    login(page, "xuyuanshan")
    page.goto(f"{site}/reports/{report.pk}/overview/")
    page.get_by_label("联系人").fill("还没保存")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF").click()
    assert download.value.suggested_filename == "505001-2021-f1-yueyang-2021.pdf"
    expect(page.get_by_role("status").filter(has_text="PDF 已生成")).to_be_visible()
    expect(page.get_by_label("联系人")).to_have_value("还没保存")


def test_report_page_offers_the_approved_pdf_once_the_worker_has_rendered_it(page, login, site):
    approved_report = Report.objects.get(unit__budget_code="505001", year=2020)
    ApprovedPdf.objects.filter(report=approved_report).update(state=ApprovedPdf.State.PENDING)
    login(page, "xuyuanshan")
    page.goto(f"{site}/reports/{approved_report.pk}/")
    expect(page.get_by_role("status").filter(has_text="审定 PDF 正在生成")).to_be_visible()
    expect(page.get_by_role("link", name="下载审定 PDF")).to_have_count(0)

    # The worker finishes; the page shows the link without being reloaded.
    approved = approved_report.approved_pdf
    approved.file.save("done.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    approved.state = ApprovedPdf.State.READY
    approved.save()
    expect(page.get_by_role("link", name="下载审定 PDF")).to_be_visible(timeout=10000)
    expect(page.get_by_text("审定 PDF 已生成。")).to_be_visible()
