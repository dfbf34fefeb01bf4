"""Journey 4: two 填报人 edit the same report in two browsers; the second save is refused, shows
what the first one changed, and keeps everything the second one typed."""

import pytest
from playwright.sync_api import expect

from reports.models import Report
from tests.e2e.browser import save

pytestmark = pytest.mark.e2e


def test_second_save_is_refused_with_the_other_changes_and_nothing_typed_lost(
        page, another_browser, login, site):
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    url = f"{site}/reports/{report.pk}/overview/"
    first, second = login(page, "xuyuanshan"), another_browser("sunqi")
    first.goto(url)
    second.goto(url)

    # 孙七 changes the contact person and saves first.
    second.get_by_label("联系人").fill("孙七")
    save(second)
    expect(second.locator(".save-state")).to_contain_text("已保存")

    # 徐远山, on the page opened before that save, changes two other fields.
    first.get_by_label("联络电话").fill("0730-7654321")
    first.get_by_label("职能职责概述").fill("团结全县科技工作者，开展科普和学术交流（修订）。")
    save(first)
    refusal = first.get_by_role("alert").filter(has_text="保存未成功")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("孙七")  # who saved, and what they changed to what:
    expect(refusal.get_by_role("row").filter(has_text="联系人")).to_contain_text("孙七")
    # Nothing typed is lost, and nothing of it was saved.
    expect(first.get_by_label("联络电话")).to_have_value("0730-7654321")
    expect(first.get_by_label("职能职责概述")).to_have_value(
        "团结全县科技工作者，开展科普和学术交流（修订）。")
    report.refresh_from_db()
    assert report.contact_person == "孙七"
    assert report.contact_phone != "0730-7654321"

    # Having read the other's change, 徐远山 takes it over and saves on purpose.
    first.get_by_label("联系人").fill("孙七")
    save(first)
    expect(first.get_by_role("alert").filter(has_text="保存未成功")).to_have_count(0)
    expect(first.locator(".save-state")).to_contain_text("已保存")
    report.refresh_from_db()
    assert (report.contact_person, report.contact_phone) == ("孙七", "0730-7654321")

    # The first browser's page is now the stale one.
    second.get_by_label("联系人").fill("张三")
    save(second)
    expect(second.get_by_role("alert").filter(has_text="保存未成功")).to_contain_text("徐远山")
    expect(second.get_by_label("联系人")).to_have_value("张三")
