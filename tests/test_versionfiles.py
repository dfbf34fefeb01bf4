"""Form versions as data files (reports/versions/*.toml) and `manage.py syncforms`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reports import checks, pdf, services, versionfiles
from reports.demo import fill_yueyang_2021
from reports.models import FormVersion, Report, User
from tests.pdfs import page_texts, pdf_pages, pdf_text
from tests.versions import shipped_copy, write

SHIPPED = {"f1-yueyang-2021", "f1-hunan-2017", "f2-hunan-2024", "f3-sichuan-2021",
           "f3-sichuan-2023", "f4-sichuan-2021", "f4-sichuan-2024"}


def syncforms():
    out = StringIO()
    call_command("syncforms", stdout=out)
    return out.getvalue()


def test_the_shipped_files_are_the_seven_versions_with_their_settings():
    files = {file.code: file for file in versionfiles.read_all()}
    assert set(files) == SHIPPED
    assert files["f3-sichuan-2023"].family == "F3"
    assert files["f3-sichuan-2023"].settings == {
        "scored": True, "reason_execution_below": "90", "grade_wording": "short",
    }
    assert files["f1-yueyang-2021"].settings == {}
    assert files["f1-hunan-2017"].name == "部门（单位）整体支出绩效评价自评报告（2017 年版）"


def test_syncforms_on_a_fresh_database_makes_every_shipped_version_once(empty_db):
    first = syncforms()

    assert set(FormVersion.objects.values_list("code", flat=True)) == SHIPPED
    assert "新增表单版本 f2-hunan-2024：部门整体支出绩效自评表及自评报告（湖南，2024 年版）" in first
    assert FormVersion.objects.get(code="f4-sichuan-2024").settings == {"outline": "2024"}
    assert syncforms().strip() == "表单版本已是最新。"
    assert FormVersion.objects.count() == 7


def test_syncforms_never_deletes_a_version_without_a_file(db):
    FormVersion.objects.create(code="f1-bureau-own", family="F1", name="某财政局自己的版本")

    syncforms()

    assert FormVersion.objects.filter(code="f1-bureau-own").exists()


@pytest.mark.parametrize(("text", "message"), [
    ('family = "F1"\nname = "甲"\n[settings]\ngrade_wording = "shrot"\n',
     "f1-x.toml：设置“grade_wording”（评价等次用语）的值“shrot”不在可选值中：long、short"),
    ('family = "F1"\nname = "甲"\n[settings]\ngrade_wordin = "short"\n',
     "f1-x.toml：没有“grade_wordin”这项设置。F1 可用的设置：summary_label、balance_split"),
    ('family = "F1"\nname = "甲"\n[settings]\nfinance_opinion = "yes"\n',
     "f1-x.toml：设置“finance_opinion”（财政部门归口业务科室意见）应为 true 或 false，现为 'yes'"),
    ('family = "F1"\nname = "甲"\n[settings]\nomitted_groups = ["quality"]\n',
     "f1-x.toml：设置“omitted_groups”（不适用的指标类别）中的“quality”不在可选值中："
     "social、economic、ecological、satisfaction"),
    ('family = "F3"\nname = "甲"\n[settings]\nreason_execution_below = "九十"\n',
     "f1-x.toml：设置“reason_execution_below”（执行率低于此百分数须说明原因）应为 0 至 1000 之间的百分数"),
    ('family = "F1"\nname = "甲"\n[settings.group_notes]\nprocess = "说明"\n',
     "f1-x.toml：设置“group_notes”（一级类别下的说明）：没有“process”这一项。可用的项：output、benefit"),
    ('family = "F1"\nname = "甲"\n[settings]\ntitle = 2026\n',
     "f1-x.toml：设置“title”（报告标题）应为文字，现为 2026"),
    ('family = "F9"\nname = "甲"\n', "f1-x.toml：family 应为表单类别之一：F1、F2、F3、F4，现为 'F9'"),
    ('family = "F1"\nname = "甲"\ntitle = "乙"\n',
     "f1-x.toml：没有“title”这一项。可用的项：family、name、settings"),
    ('family = "F1"\n', "f1-x.toml：name 应为版本的名称"),
    ('family = "F1\n', "f1-x.toml：不是有效的 TOML 文件"),
])
def test_a_bad_version_file_is_refused_naming_the_file_the_key_and_what_is_allowed(
        tmp_path, text, message):
    path = write(tmp_path, "f1-x", text)

    with pytest.raises(versionfiles.VersionSettingsError) as refused:
        versionfiles.read(path)

    assert str(refused.value).startswith(message)


def test_syncforms_refuses_a_bad_file_and_writes_nothing(db, tmp_path, settings):
    directory = shipped_copy(tmp_path)
    write(directory, "f1-new-2026", 'family = "F1"\nname = "新版本"\n')
    write(directory, "f1-yueyang-2021", 'family = "F1"\nname = "甲"\n[settings]\n'
                                        'grade_wording = "shrot"\n')
    before = list(FormVersion.objects.order_by("code").values())

    with pytest.raises(versionfiles.VersionSettingsError, match="f1-yueyang-2021.toml"):
        versionfiles.sync(directory)

    assert list(FormVersion.objects.order_by("code").values()) == before


def test_a_structural_change_of_a_version_in_use_is_refused(demo, tmp_path):
    directory = shipped_copy(tmp_path)
    write(directory, "f1-yueyang-2021",
          'family = "F1"\nname = "部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）"\n'
          '[settings]\nbalance_split = true\n')

    with pytest.raises(versionfiles.VersionSettingsError) as refused:
        versionfiles.sync(directory)

    assert str(refused.value) == (
        "f1-yueyang-2021.toml：已有 4 份报告使用版本 f1-yueyang-2021，不能修改“结余分栏”"
        "（balance_split）：这会改变已填报告的表格或提纲。请用新的版本代码另建一个文件"
    )
    assert FormVersion.objects.get(code="f1-yueyang-2021").settings == {}


def test_wording_of_a_version_in_use_changes_and_is_listed(demo, tmp_path):
    directory = shipped_copy(tmp_path)
    write(directory, "f1-yueyang-2021",
          'family = "F1"\nname = "部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）"\n'
          '[settings]\ngrade_wording = "short"\n')

    lines = versionfiles.sync(directory)

    assert lines == ["更新表单版本 f1-yueyang-2021：评价等次用语（grade_wording）'long' → 'short'"]
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    assert report.option("grade_wording") == "short"


def test_a_structural_change_of_a_version_nobody_uses_is_applied(db, tmp_path):
    directory = shipped_copy(tmp_path)
    write(directory, "f4-sichuan-2024",
          'family = "F4"\nname = "部门整体支出绩效自评报告（四川，2024 年版）"\n'
          '[settings]\noutline = "2021"\n')
    assert not Report.objects.filter(form_version__code="f4-sichuan-2024").exists()

    versionfiles.sync(directory)

    assert FormVersion.objects.get(code="f4-sichuan-2024").settings == {"outline": "2021"}


def test_the_admin_refuses_a_typo_in_a_versions_settings(demo, client):
    client.force_login(User.objects.get(username="admin"))
    version = FormVersion.objects.get(code="f1-hunan-2017")
    before = version.settings

    response = client.post(
        reverse("admin:reports_formversion_change", args=[version.pk]),
        {"code": version.code, "family": version.family, "name": version.name,
         "settings": '{"grade_wording": "shrot"}'},
    )

    version.refresh_from_db()
    assert response.status_code == 200
    assert "版本设置：设置“grade_wording”（评价等次用语）的值“shrot”不在可选值中：long、short" in (
        response.content.decode()
    )
    assert version.settings == before


def test_a_report_on_a_version_file_written_here_prints_as_its_settings_say(demo, tmp_path):
    directory = shipped_copy(tmp_path)
    write(directory, "f1-test-2026",
          'family = "F1"\nname = "部门（单位）整体支出绩效评价自评报告（测试版）"\n'
          '[settings]\ngrade_wording = "short"\nheading_style = "department"\n'
          'finance_opinion = true\nhead_signature = "签章"\n')
    versionfiles.sync(directory)
    filler = User.objects.get(username="xuyuanshan")
    report = services.create_report(filler.unit, 2026, FormVersion.objects.get(code="f1-test-2026"),
                                     filler)
    fill_yueyang_2021(report)
    report = Report.objects.get(pk=report.pk)

    html = pdf.render_html(report)

    assert "财政部门归口业务科室意见" in html
    assert "部门（单位）整体支出绩效自评情况" in html
    assert "部门（单位）负责人（签章）" in html
    default = Report.objects.get(unit__budget_code="505001", year=2021)
    default_html = pdf.render_html(default)
    assert "财政部门归口业务科室意见" not in default_html
    assert "部门（单位）负责人（签字）" in default_html


F4_WORDED = '''family = "F4"
name = "部门整体支出绩效自评报告（测试县，2026 年版）"

[settings]
outline = "2021"
title = "部门整体支出绩效自评报告"
numbering_level2 = "1、"
figures_table = false
charts = ["income", "expense"]

[settings.heading_titles]
organisation = "机构设置"
staff = ""
management = ""
'''
F4_WORDED_OUTLINE = [
    "一、部门（单位）概况", "1、机构设置", "2、机构职能",
    "二、部门财政资金收支情况", "1、部门财政资金收入情况", "2、部门财政资金支出情况",
    "三、评价结论及建议", "1、评价结论", "2、存在问题", "3、改进建议",
]


@pytest.fixture
def worded_f4(demo, tmp_path):
    """泸县's F4 report of 2021 on a version whose file words, numbers and leaves out headings."""
    directory = shipped_copy(tmp_path)
    write(directory, "f4-test-2026", F4_WORDED)
    versionfiles.sync(directory)
    report = Report.objects.get(form_version__code="f4-sichuan-2021")
    Report.objects.filter(pk=report.pk).update(
        form_version=FormVersion.objects.get(code="f4-test-2026"))
    return Report.objects.get(pk=report.pk)


def test_a_version_file_words_numbers_and_leaves_out_headings(worded_f4, client):
    assert [heading.title for heading in worded_f4.spec.outline(worded_f4)] == F4_WORDED_OUTLINE

    client.force_login(User.objects.get(username="zhengshi"))
    page = client.get(reverse("report_section", args=[worded_f4.pk, "narrative"]))
    html = page.content.decode()
    assert page.status_code == 200
    for title in F4_WORDED_OUTLINE:
        assert title in html
    for absent in ("人员概况", "部门财政支出管理情况", "预决算编制情况", "（一）机构组成"):
        assert absent not in html

    printed = pdf_text(pdf.render_report(worded_f4), space="")
    assert "泸县科学技术协会2021年部门整体支出绩效自评报告" in printed
    assert "部门预算支出绩效评价报告" not in printed
    for title in F4_WORDED_OUTLINE:
        assert title in printed
    for absent in ("人员概况", "部门财政支出管理情况", "预决算编制情况", "机构组成"):
        assert absent not in printed
    # The figures table and three of the five charts are off; the other two print.
    assert "占比：收入各项占收入合计" not in printed
    assert "收入结构" in printed and "支出结构" in printed
    for chart in ("收、支总计变动情况", "支出功能分类（类）结构", "“三公”经费结构"):
        assert chart not in printed


def test_the_shipped_f4_version_prints_its_figures_table_and_five_charts(demo):
    printed = pdf_text(pdf.render_report(Report.objects.get(form_version__code="f4-sichuan-2021")),
                       space="")

    assert "占比：收入各项占收入合计" in printed
    for chart in ("收、支总计变动情况", "收入结构", "支出结构", "支出功能分类（类）结构",
                  "“三公”经费结构"):
        assert chart in printed


def test_checks_ask_only_for_the_headings_the_version_has(worded_f4):
    worded_f4.narrative = {}
    asked = [finding.message for finding in checks.run_checks(worded_f4)
             if finding.field.startswith("narrative-")]

    assert asked == [f"请填写“{title}”（无内容时写“无”）" for title in F4_WORDED_OUTLINE
                     if title[0] not in "一二三"]


def test_heading_titles_name_headings_the_family_has(tmp_path):
    path = write(tmp_path, "f4-x", 'family = "F4"\nname = "甲"\n'
                                   '[settings.heading_titles]\norganization = "机构设置"\n')

    with pytest.raises(versionfiles.VersionSettingsError) as refused:
        versionfiles.read(path)

    assert str(refused.value).startswith(
        "f4-x.toml：设置“heading_titles”（标题用语）：没有代码为“organization”的标题。"
        "F4 的标题代码：unit、organisation、functions、staff"
    )


def test_a_version_in_use_may_reword_a_heading_but_not_leave_one_out(demo, tmp_path):
    directory = shipped_copy(tmp_path)
    head = 'family = "F4"\nname = "部门整体支出绩效自评报告（四川，2021 年版）"\n' \
           '[settings]\noutline = "2021"\n[settings.heading_titles]\n'
    write(directory, "f4-sichuan-2021", head + 'organisation = "机构设置"\n')

    assert versionfiles.sync(directory) == [
        "更新表单版本 f4-sichuan-2021：标题用语（heading_titles）{} → {'organisation': '机构设置'}"
    ]

    write(directory, "f4-sichuan-2021", head + 'organisation = "机构设置"\nstaff = ""\n')
    with pytest.raises(versionfiles.VersionSettingsError, match="不能修改“标题用语”"):
        versionfiles.sync(directory)


def test_a_version_file_words_the_f1_indicator_table_and_its_notes(demo, tmp_path, client):
    directory = shipped_copy(tmp_path)
    write(directory, "f1-test-2026",
          'family = "F1"\nname = "部门（单位）整体支出绩效评价自评报告（测试版）"\n'
          '[settings.indicator_headers]\nparent = "评价项目"\nname = "指标内容"\nactual = "完成结果"\n'
          '[settings.group_notes]\noutput = "（本年度考核的工作实绩）"\nbenefit = ""\n')
    versionfiles.sync(directory)
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    Report.objects.filter(pk=report.pk).update(
        form_version=FormVersion.objects.get(code="f1-test-2026"))
    report = Report.objects.get(pk=report.pk)

    printed = pdf_text(pdf.render_report(report), space="")
    for text in ("评价项目", "指标内容", "绩效目标值", "完成结果", "（本年度考核的工作实绩）"):
        assert text in printed
    for text in ("评价内容", "（预期实现的效益）", "部门工作实绩，即绩效办"):
        assert text not in printed

    client.force_login(User.objects.get(username="xuyuanshan"))
    html = client.get(reverse("report_section", args=[report.pk, "performance"])).content.decode()
    assert 'aria-label="数量指标 第1行 指标内容"' in html
    assert 'aria-label="数量指标 第1行 完成结果"' in html


def test_the_shipped_f1_version_prints_the_forms_headers_and_notes(demo):
    printed = pdf_text(pdf.render_report(Report.objects.get(unit__budget_code="505001",
                                                            year=2021)), space="")

    for text in ("评价内容", "绩效内容", "绩效目标值", "完成情况", "（预期实现的效益）"):
        assert text in printed


# ---- switching a report to another version of its family: what the specification maps


def test_switching_f4_to_the_2024_outline_keeps_what_it_maps_and_lists_the_rest(demo):
    report = Report.objects.get(form_version__code="f4-sichuan-2021")

    kept, lost = report.spec.switch_plan(report, FormVersion.objects.get(code="f4-sichuan-2024"))

    narrative = [(what, old, new) for what, old, new in kept if old != new or what[0] == "（"]
    assert narrative == [
        ("（一）机构组成", "organisation", "organisation"),
        ("（二）机构职能", "functions", "functions_staff"),
        ("（三）人员概况", "staff", "functions_staff"),
        ("（一）部门财政资金收入情况", "income", "income"),
        ("（二）部门财政资金支出情况", "expense", "expense"),
        ("（一）评价结论", "conclusion", "conclusion"),
        ("（二）存在问题", "problems", "problems"),
        ("（三）改进建议", "suggestions", "suggestions"),
    ]
    assert ("人员支出", "expense_personnel", "expense_personnel") in kept
    assert lost == ["（一）预决算编制情况", "（二）执行管理情况", "（三）支出绩效情况",
                    "（四）财务管理情况", "（五）绩效管理工作开展情况"]


def test_switching_f3_to_the_scored_version_names_each_projects_field_it_cannot_keep(demo):
    report = Report.objects.get(form_version__code="f3-sichuan-2021")

    kept, lost = report.spec.switch_plan(report, FormVersion.objects.get(code="f3-sichuan-2023"))

    assert lost == [f"项目“{name}”的部门（单位）及代码" for name in (
        "青少年科技活动项目", "天府科技云服务经费", "《纲要》实施工作经费", "科普示范县创建经费")]
    assert ("项目“青少年科技活动项目”的预算数", "budget_total", "budget_total") in kept


def test_a_report_cannot_switch_to_another_familys_version(demo):
    report = Report.objects.get(form_version__code="f4-sichuan-2021")

    with pytest.raises(ValueError, match="只能换成同一表单类别的版本"):
        report.spec.switch_plan(report, FormVersion.objects.get(code="f3-sichuan-2021"))


def parts_per_page(data, parts):
    """For each page of a PDF, which of `parts` (headings) it prints."""
    return [[part for part in parts if part in text] for text in page_texts(data, space="")]


def test_a_version_may_start_each_part_of_the_outline_on_a_new_page(demo, tmp_path):
    write(shipped_copy(tmp_path), "f4-test-2026",
          'family = "F4"\nname = "部门整体支出绩效自评报告（分页）"\n'
          '[settings]\nparts_on_new_page = true\n')
    versionfiles.sync(tmp_path)
    report = Report.objects.get(form_version__code="f4-sichuan-2021")
    parts = [heading.title for heading in report.spec.outline(report) if heading.level == 1]
    shipped = parts_per_page(pdf.render_report(report), parts)
    Report.objects.filter(pk=report.pk).update(
        form_version=FormVersion.objects.get(code="f4-test-2026"))
    report = Report.objects.get(pk=report.pk)

    data = pdf.render_report(report)

    assert any(len(found) > 1 for found in shipped)  # the shipped version runs parts on
    assert [found for found in parts_per_page(data, parts) if found] == [[part] for part in parts]
    # Each part after the first opens its page.
    first_lines = [text.split("\n", 1)[0] for text in pdf_pages(data)]
    assert [part for part in parts[1:] if part not in first_lines] == []


def test_switching_a_scored_f3_report_back_lists_the_money_and_scores_it_cannot_keep(demo):
    zhengshi = User.objects.get(username="zhengshi")
    report = services.create_report(zhengshi.unit, 2024,
                                    FormVersion.objects.get(code="f3-sichuan-2023"), zhengshi)
    project = report.projects.create(name="科普讲座项目")
    report.spec.on_project_create(report, project)
    project.funds.filter(source="fiscal").update(initial="4.00", budget="3.00", executed="3.00")
    project.funds.filter(source="special").update(budget="1.00")
    project.indicators.create(report=report, group="quantity", position=0, name="讲座场次",
                                 target="≥4场", actual="5场", weight="20", score="20")

    kept, lost = report.spec.switch_plan(report,
                                         FormVersion.objects.get(code="f3-sichuan-2021"))

    assert ("数量指标的 1 项指标", "quantity", "quantity") in kept
    assert lost == ["项目“科普讲座项目”的预算执行分值", "各项指标的权重", "各项指标的得分",
                    "项目“科普讲座项目”的财政资金年初预算", "项目“科普讲座项目”的财政专户管理资金"]
