"""检查: what the check page lists, and that every item leads to the field it names."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from reports import checks
from reports.models import GoalRow, IndicatorRow
from tests.pages import listed_findings


def section_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return set(re.findall(r'\bid="([^"]+)"', response.content.decode()))


def section_url(report, slug, anchor=""):
    url = reverse("report_section", args=[report.pk, slug])
    return f"{url}#{anchor}" if anchor else url


def write_narrative(client, report, **texts):
    """Type into 五、评价报告综述 and save, as the clerk does."""
    url = section_url(report, "narrative")
    form = client.get(url).context["forms"].narrative
    assert set(texts) <= set(form.fields)
    data = {
        form.add_prefix(name): texts.get(name, report.narrative.get(name, ""))
        for name in form.fields
    }
    response = client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()


def test_demo_report_has_no_findings(filler_client, demo_report):
    assert checks.run_checks(demo_report) == []
    assert listed_findings(filler_client, demo_report) == []

    response = filler_client.get(reverse("report_check", args=[demo_report.pk]))
    assert response.context["items"] == []
    assert re.findall(r'<div class="alert alert-success" role="status">([^<]*)</div>',
                      response.content.decode()) == ["检查通过：报告已填写完整，数字前后一致。"]


def test_empty_report_lists_what_is_missing_with_links(filler_client, empty_report):
    def link(slug, anchor):
        return section_url(empty_report, slug, anchor)

    assert listed_findings(filler_client, empty_report) == [
        ("请填写“报告日期”", link("cover", "id_report-report_date")),
        ("请填写“联系人”", link("overview", "id_report-contact_person")),
        ("请填写“联络电话”", link("overview", "id_report-contact_phone")),
        ("请填写“职能职责概述”", link("overview", "id_report-duties")),
        ("请填写“年度总体运行情况及取得的成绩”", link("overview", "id_report-operation_summary")),
        ("请填写“人员编制”", link("overview", "id_report-staff_quota")),
        ("请填写“实有人数”", link("overview", "id_report-staff_actual")),
        ("年度主要工作内容：请至少填写一项任务", link("overview", "id_tasks-table")),
        ("收支情况：请填写收入和支出金额", link("finance", "id_institutions-table")),
        ("请填写“绩效自评综合得分”", link("performance", "id_report-self_score")),
        ("定性目标：请至少填写一个预期目标", link("performance", "id_goals-table")),
        ("评价人员：请至少填写一人", link("evaluators", "id_evaluators-table")),
        ("请填写“（一）单位基本情况”（无内容时写“无”）",
         link("narrative", "id_narrative-overview_basic")),
        ("请填写“（二）单位整体支出规模、使用方向和主要内容、涉及范围”（无内容时写“无”）",
         link("narrative", "id_narrative-overview_scale")),
        ("请填写“（一）基本支出”（无内容时写“无”）", link("narrative", "id_narrative-spending_basic")),
        ("请填写“（二）专项支出”（无内容时写“无”）",
         link("narrative", "id_narrative-spending_project")),
        ("请填写“（一）专项组织情况分析”（无内容时写“无”）",
         link("narrative", "id_narrative-project_organisation")),
        ("请填写“（二）专项管理情况分析”（无内容时写“无”）",
         link("narrative", "id_narrative-project_management")),
        ("请填写“四、单位整体支出绩效情况”（无内容时写“无”）",
         link("narrative", "id_narrative-performance")),
        ("请填写“五、存在的主要问题”（无内容时写“无”）", link("narrative", "id_narrative-problems")),
        ("请填写“六、改进措施和有关建议”（无内容时写“无”）",
         link("narrative", "id_narrative-suggestions")),
    ]


@pytest.mark.parametrize("options", [
    {},
    {"staff_breakdown": True, "heading_style": "department"},
], ids=["plain", "breakdown-and-department-headings"])
def test_every_finding_links_to_an_element_of_its_section_page(filler_client, empty_report,
                                                               options):
    empty_report.options = options
    empty_report.save()
    GoalRow.objects.create(report=empty_report, position=0, target="科普活动按计划完成")
    IndicatorRow.objects.create(report=empty_report, group="social", position=0,
                                name="开展科普活动次数")
    empty_report.self_score = D("105")
    empty_report.save()

    findings = listed_findings(filler_client, empty_report)

    assert len(findings) == len(checks.run_checks(empty_report)) > 20
    pages = {}
    for message, href in findings:
        url, _hash, anchor = href.partition("#")
        assert anchor.startswith("id_"), (message, href)
        if url not in pages:
            pages[url] = section_ids(filler_client, url)
        assert anchor in pages[url], (message, href)
    messages = [message for message, _href in findings]
    assert "目标1：请填写实际完成情况" in messages
    assert "社会效益“开展科普活动次数”：请填写绩效目标值" in messages
    if options:
        assert "请填写“人员编制（行政编制）”" in messages
        assert "请填写“（五）部门（单位）整体结余资金分析”（无内容时写“无”）" in messages


def test_findings_follow_the_order_of_the_form(filler_client, empty_report):
    order = [section.slug for section in empty_report.spec.sections]

    slugs = [href.split("/")[3] for _message, href in listed_findings(filler_client, empty_report)]

    assert slugs == sorted(slugs, key=order.index)


def test_findings_disappear_as_the_report_is_filled(filler_client, demo_report):
    demo_report.contact_person = ""
    demo_report.save()
    assert listed_findings(filler_client, demo_report) == [
        ("请填写“联系人”", section_url(demo_report, "overview", "id_report-contact_person")),
    ]

    demo_report.contact_person = "徐远山"
    demo_report.save()
    assert listed_findings(filler_client, demo_report) == []


def test_narrative_figure_contradicting_the_tables_is_listed(filler_client, demo_report):
    write_narrative(filler_client, demo_report,
                    spending_basic="基本支出61.33万元，其中人员经费57.98万元。")

    assert listed_findings(filler_client, demo_report) == [
        ("“（一）基本支出”写的人员支出 57.98 万元与第二部分表格的 44.63 万元不一致",
         section_url(demo_report, "narrative", "id_narrative-spending_basic")),
    ]


@pytest.mark.parametrize("written", ["90.7", "90.69", "90.690", "91"])
def test_narrative_figure_rounded_from_the_table_is_not_listed(filler_client, demo_report,
                                                               written):
    write_narrative(filler_client, demo_report,
                    overview_scale=f"2021 年整体支出规模为 {written} 万元。")

    assert listed_findings(filler_client, demo_report) == []


@pytest.mark.parametrize("written", ["90.6", "90.68", "90", "9069"])
def test_narrative_figure_that_is_not_the_tables_rounding_is_listed(filler_client, demo_report,
                                                                    written):
    write_narrative(filler_client, demo_report,
                    overview_scale=f"2021 年整体支出规模为 {written} 万元。")

    assert listed_findings(filler_client, demo_report) == [
        ("“（二）单位整体支出规模、使用方向和主要内容、涉及范围”写的支出合计 "
         f"{written} 万元与第二部分表格的 90.69 万元不一致",
         section_url(demo_report, "narrative", "id_narrative-overview_scale")),
    ]


def test_narrative_figure_of_a_blank_table_is_compared_with_blank(filler_client, empty_report):
    write_narrative(filler_client, empty_report, performance="三公经费0.12万元。")

    findings = [message for message, _href in listed_findings(filler_client, empty_report)]

    assert "“四、单位整体支出绩效情况”写的三公经费 0.12 万元与第二部分表格的 空白 万元不一致" \
        in findings


@pytest.mark.parametrize("text", [
    "人员经费比上年增加3.50万元，主要是调资。",
    "累计结余8.00万元，当年结余5.07万元。",
], ids=["change-from-last-year", "accumulated-balance"])
def test_narrative_amount_that_is_not_the_figure_is_not_listed(filler_client, demo_report,
                                                               text):
    write_narrative(filler_client, demo_report, performance=text)

    assert listed_findings(filler_client, demo_report) == []


def test_score_above_100_is_listed(filler_client, demo_report):
    url = section_url(demo_report, "performance")
    form = filler_client.get(url).context["forms"]
    data = {}
    for formset in form.formsets():
        data.update({f"{formset.prefix}-{key}": value
                     for key, value in formset.management_form.initial.items()})
        for row in formset.forms:
            for name in row.fields:
                value = row[name].value()
                data[row.add_prefix(name)] = "" if value is None or name == "DELETE" else value
    data["report-self_score"] = "105"
    assert filler_client.post(url, data).status_code == 302
    demo_report.refresh_from_db()
    assert demo_report.self_score == D("105")

    assert listed_findings(filler_client, demo_report) == [
        ("综合得分 105 超出 0–100 的范围",
         section_url(demo_report, "performance", "id_report-self_score")),
    ]


@pytest.mark.parametrize(("score", "findings"), [
    (D("0"), []),
    (D("100"), []),
    (D("100.01"), ["综合得分 100.01 超出 0–100 的范围"]),
])
def test_score_range_bounds(demo_report, score, findings):
    demo_report.self_score = score
    demo_report.save()
    demo_report.refresh_from_db()

    assert [finding.message for finding in checks.run_checks(demo_report)] == findings


def test_a_negative_amount_in_the_narrative_keeps_its_sign():
    assert list(checks.narrative_figures("结转结余 -27.80 万元，结余−3.5万元。")) == [
        ("carryover", D("-27.80"), 0), ("balance_current", D("-3.5"), 15),
    ]
