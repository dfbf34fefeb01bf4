"""Limits of what a report may hold: the edit pages refuse more, and a stored report beyond them
(written by the admin, a shell or an older version) is refused before any PDF is rendered —
by the PDF view, the approved-PDF task and exportpdf, each with the same Chinese message."""

import io
import logging

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reports import limits, services
from reports.models import ApprovedPdf, IndicatorRow, Project, Report, TaskRow, User
from tests.pages import open_page, post_page, section_url

OVERVIEW = "overview_basic"  # F1's heading （一）部门（单位）基本情况


@pytest.fixture
def weasyprint_steps(caplog):
    """The steps WeasyPrint logs as it renders: none means nothing was rendered."""
    caplog.set_level(logging.INFO, logger="weasyprint.progress")
    return lambda: [r for r in caplog.records if r.name == "weasyprint.progress"]


def heading_title(report, key):
    return next(heading.title for heading in report.spec.outline(report) if heading.key == key)


def overlong_narrative(report):
    """Store one more character under a heading than the narrative page accepts."""
    Report.objects.filter(pk=report.pk).update(
        narrative={**report.narrative, OVERVIEW: "字" * (limits.NARRATIVE_MAX_LENGTH + 1)}
    )
    return Report.objects.select_related("unit__bureau", "form_version").get(pk=report.pk)


def test_every_demo_report_is_within_the_limits(demo):
    reports = Report.objects.select_related("unit__bureau", "form_version")

    assert {report.pk: limits.report_problems(report) for report in reports} == {
        report.pk: [] for report in reports
    }


def test_text_at_the_limit_is_accepted(demo_report):
    Report.objects.filter(pk=demo_report.pk).update(
        narrative={**demo_report.narrative, OVERVIEW: "字" * limits.NARRATIVE_MAX_LENGTH},
        duties="字" * limits.LONG_TEXT_MAX_LENGTH,
    )
    TaskRow.objects.filter(report=demo_report).update(text="字" * limits.CELL_TEXT_MAX_LENGTH)

    assert limits.report_problems(Report.objects.get(pk=demo_report.pk)) == []


def test_narrative_page_refuses_text_over_the_limit(filler_client, demo_report):
    url = section_url(demo_report, "narrative")
    page = open_page(filler_client, url)
    page.set(**{f"narrative__{OVERVIEW}": "字" * (limits.NARRATIVE_MAX_LENGTH + 1)})

    response = post_page(filler_client, url, page)

    assert response.status_code == 400
    # Django's message, which gives the limit and how many characters were typed.
    assert f"不超过 {limits.NARRATIVE_MAX_LENGTH} 字符 (目前字符数 {limits.NARRATIVE_MAX_LENGTH + 1})" in (
        response.content.decode()
    )
    demo_report.refresh_from_db()
    assert len(demo_report.narrative[OVERVIEW]) < limits.NARRATIVE_MAX_LENGTH


def test_table_cell_refuses_text_over_the_limit(filler_client, demo_report):
    url = section_url(demo_report, "overview")
    page = open_page(filler_client, url)
    before = list(TaskRow.objects.filter(report=demo_report).values_list("text", flat=True))
    page.set(**{"tasks-0-text": "字" * (limits.CELL_TEXT_MAX_LENGTH + 1)})

    response = post_page(filler_client, url, page)

    assert response.status_code == 400
    assert f"不超过 {limits.CELL_TEXT_MAX_LENGTH} 字符 (目前字符数 {limits.CELL_TEXT_MAX_LENGTH + 1})" in (
        response.content.decode()
    )
    assert list(TaskRow.objects.filter(report=demo_report).values_list("text", flat=True)) == before
    assert page.input("tasks-0-text").attrs["maxlength"] == str(limits.CELL_TEXT_MAX_LENGTH)


def test_stored_narrative_over_the_limit_is_named_in_the_message(demo_report):
    report = overlong_narrative(demo_report)

    assert limits.report_problems(report) == [
        f"“{heading_title(report, OVERVIEW)}”有 {limits.NARRATIVE_MAX_LENGTH + 1} 字，"
        f"最多 {limits.NARRATIVE_MAX_LENGTH} 字"
    ]


def test_too_many_rows_and_too_long_cells_are_found(demo_report):
    TaskRow.objects.bulk_create(
        TaskRow(report=demo_report, text=f"任务{n}", position=10 + n)
        for n in range(limits.MAX_ROWS)
    )
    TaskRow.objects.filter(report=demo_report, position=0).update(
        text="字" * (limits.CELL_TEXT_MAX_LENGTH + 1)
    )
    tasks = TaskRow.objects.filter(report=demo_report).count()
    # Kept in memory only, as the admin's form would hand it over: a database may refuse to
    # store a CharField beyond its length.
    demo_report.contact_person = "张" * 31

    problems = limits.report_problems(demo_report)

    assert problems == [
        "“联系人”有 31 字，最多 30 字",
        f"“年度主要工作任务”有 {tasks} 行，最多 {limits.MAX_ROWS} 行",
        f"“年度主要工作任务”第 1 行的“任务内容”有 {limits.CELL_TEXT_MAX_LENGTH + 1} 字，"
        f"最多 {limits.CELL_TEXT_MAX_LENGTH} 字",
    ]


def test_indicators_are_limited_per_group_of_each_project(demo_f3):
    report = demo_f3
    project = report.projects.first()
    IndicatorRow.objects.bulk_create(
        IndicatorRow(report=report, project=project, group="quantity", name=f"指标{n}",
                     position=100 + n)
        for n in range(limits.MAX_ROWS)
    )
    quantity = IndicatorRow.objects.filter(project=project, group="quantity").count()
    label = next(group.label for group in report.spec.groups if group.key == "quantity")

    assert limits.report_problems(report) == [
        f"项目“{project.name}”的“绩效指标·{label}”有 {quantity} 行，最多 {limits.MAX_ROWS} 行"
    ]


def test_too_many_projects_are_found(demo_f3):
    report = demo_f3
    existing = report.projects.count()
    Project.objects.bulk_create(
        Project(report=report, name=f"项目{n}", position=100 + n)
        for n in range(limits.MAX_PROJECTS + 1 - existing)
    )

    assert limits.report_problems(report) == [
        f"“项目”有 {limits.MAX_PROJECTS + 1} 行，最多 {limits.MAX_PROJECTS} 行"
    ]


def test_the_message_names_five_problems_and_counts_the_rest(demo_report):
    Report.objects.filter(pk=demo_report.pk).update(duties="字" * (limits.LONG_TEXT_MAX_LENGTH + 1))
    TaskRow.objects.filter(report=demo_report).update(text="字" * (limits.CELL_TEXT_MAX_LENGTH + 1))
    tasks = TaskRow.objects.filter(report=demo_report).count()

    with pytest.raises(limits.ReportTooLarge) as refused:
        limits.check_report(Report.objects.get(pk=demo_report.pk))

    message = str(refused.value)
    assert message.startswith(
        "岳阳县科学技术协会 2021 年度报告的内容超出了填写页面允许的长度，不能生成 PDF："
        f"“职能职责概述”有 {limits.LONG_TEXT_MAX_LENGTH + 1} 字，"
    )
    assert message.count("“任务内容”") == 4
    assert message.endswith(f"等 {tasks + 1} 处。请删减后再生成。")


# The three ways to render ---------------------------------------------------------------------


def test_pdf_view_refuses_and_says_why(filler_client, demo_report, weasyprint_steps):
    report = overlong_narrative(demo_report)

    response = filler_client.get(reverse("report_pdf", args=[report.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert weasyprint_steps() == []
    page = filler_client.get(response["Location"]).content.decode()
    assert "不能生成 PDF" in page
    assert f"“{heading_title(report, OVERVIEW)}”有 {limits.NARRATIVE_MAX_LENGTH + 1} 字" in page


def test_approved_pdf_task_records_the_refusal(
    settings, tmp_path, demo, django_capture_on_commit_callbacks, weasyprint_steps
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    submitted = Report.objects.get(unit__budget_code="505001", year=2022)
    report = overlong_narrative(submitted)

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report, User.objects.get(username="zhangsan"), "同意")

    approved = ApprovedPdf.objects.get(report=report)
    assert approved.state == ApprovedPdf.State.FAILED
    assert approved.error.startswith("ReportTooLarge: 岳阳县科学技术协会 2022 年度报告的内容超出了")
    assert f"有 {limits.NARRATIVE_MAX_LENGTH + 1} 字" in approved.error
    assert approved.file.name == ""
    assert not list(tmp_path.rglob("*.pdf"))
    assert weasyprint_steps() == []


def test_exportpdf_refuses_with_the_message(demo_report, tmp_path, weasyprint_steps):
    overlong_narrative(demo_report)
    output = tmp_path / "out.pdf"

    with pytest.raises(CommandError, match="不能生成 PDF：.*最多 10000 字"):
        call_command("exportpdf", unit="505001", year=2021, output=str(output),
                     stdout=io.StringIO())

    assert not output.exists()
    assert weasyprint_steps() == []


def test_exportpdf_exits_non_zero_on_the_command_line(demo_report, tmp_path, capsys):
    overlong_narrative(demo_report)
    output = tmp_path / "out.pdf"

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "exportpdf", "--unit", "505001", "--year", "2021",
                           "--output", str(output)]).execute()

    assert exited.value.code == 1
    assert "不能生成 PDF" in capsys.readouterr().err
    assert not output.exists()
