"""F3 (四川 项目支出绩效自评表 and 项目绩效自评报告): the projects' figures from input to PDF.

A clerk of 泸县科学技术协会 creates a report, adds projects on the projects page and fills in a
project's 自评表 through the page's own form, as the browser posts it (`Page` reads the inputs
of the section form, not those of the empty-row <template>s, and adds rows the way the page's
script does). The demo report holds 001's four projects; the scored 2023 version adds the
预算执行 score, the 执行率 reason and the weights.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from reports import pdf, services
from reports.checks import run_checks
from reports.demo import LUXIAN_2021_PROJECTS
from reports.models import FormVersion, IndicatorRow, Project, Report, Unit, User
from reports.templatetags.pdf_format import filled_groups, printed_bodies, rate_of, weights_total
from tests import pages
from tests.pages import Page, post_page
from tests.pdfs import page_texts, pdf_text

# ---- reading pages


PAGE = {"lists": False, "disabled": True}


def page_of(response):
    """The page with one value per name in its data, read-only inputs included."""
    return Page(response, **PAGE)


def projects_url(report):
    return reverse("report_section", args=[report.pk, "projects"])


def table_url(report, project):
    return reverse("project_section", args=[report.pk, project.pk, "table"])


def open_page(client, url):
    return pages.open_page(client, url, **PAGE)


def check_findings(client, report):
    response = client.get(reverse("report_check", args=[report.pk]))
    assert response.status_code == 200
    return [(item["finding"].field, item["finding"].message, item["url"])
            for item in response.context["items"]]


def new_report(client, unit, year, version):
    response = client.post(reverse("report_new"),
                           {"unit": unit.pk, "year": str(year), "form_version": version.pk})
    report = Report.objects.get(unit=unit, year=year, form_version=version)
    assert response.status_code == 302
    assert response["Location"] == projects_url(report)
    return report


def add_projects(client, report, *names):
    page = open_page(client, projects_url(report))
    for name in names:
        page.add_row("projects", name=name, implementer="泸县科协")
    response = post_page(client, projects_url(report), page)
    assert response.status_code == 302
    assert response["Location"] == projects_url(report)
    return list(report.projects.order_by("position"))


# ---- fixtures


@pytest.fixture
def luxian(demo):
    return Unit.objects.get(budget_code="128001")


@pytest.fixture
def wujiu_client(client, demo):
    client.force_login(User.objects.get(username="wujiu"))
    return client


@pytest.fixture
def version_2021(demo):
    return FormVersion.objects.get(code="f3-sichuan-2021")


@pytest.fixture
def version_2023(demo):
    return FormVersion.objects.get(code="f3-sichuan-2023")


# ---- a new report typed in


def test_project_figures_from_input_to_pdf(zhengshi_client, luxian, version_2021):
    client = zhengshi_client
    report = new_report(client, luxian, 2022, version_2021)
    youth, cloud = add_projects(client, report, "青少年科技活动项目", "天府科技云服务经费")
    assert [(p.name, p.implementer, p.position) for p in (youth, cloud)] == [
        ("青少年科技活动项目", "泸县科协", 0), ("天府科技云服务经费", "泸县科协", 1)]
    # Each new project starts with one fund row per source of the version.
    assert list(youth.funds.values_list("source", flat=True)) == ["fiscal", "other"]

    url = table_url(report, youth)
    page = open_page(client, url)
    fiscal, other = page.fund_prefix("fiscal"), page.fund_prefix("other")
    page.set(**{
        "project-department": "泸县科协",
        "project-budget_total": "14",
        "project-executed_total": "14",
        f"{fiscal}-budget": "14", f"{fiscal}-executed": "14",
        f"{other}-budget": "", f"{other}-executed": "",
        "project-target_overall": "举办青少年科技创新大赛和机器人竞赛。",
        "project-actual_overall": "机器人竞赛如期举办，创新大赛完成初评。",
    })
    page.add_row("indicators-quantity", name="指标2：机器人比赛", target="不少于1次", actual="1次")
    page.add_row("indicators-satisfaction", name="指标1：青少年满意", target="满意率大于等于90%",
                 actual="满意率等于90%")
    response = post_page(client, url, page)
    assert response.status_code == 302
    assert response["Location"] == url

    youth.refresh_from_db()
    assert (youth.department, youth.budget_total, youth.executed_total) == (
        "泸县科协", D("14.00"), D("14.00"))
    assert (youth.target_overall, youth.actual_overall) == (
        "举办青少年科技创新大赛和机器人竞赛。", "机器人竞赛如期举办，创新大赛完成初评。")
    assert list(youth.funds.order_by("source").values_list("source", "budget", "executed")) == [
        ("fiscal", D("14.00"), D("14.00")), ("other", None, None)]
    assert list(IndicatorRow.objects.filter(project=youth).order_by("group", "position")
                .values_list("report_id", "group", "position", "name", "target", "actual")) == [
        (report.pk, "quantity", 0, "指标2：机器人比赛", "不少于1次", "1次"),
        (report.pk, "satisfaction", 0, "指标1：青少年满意", "满意率大于等于90%", "满意率等于90%"),
    ]
    assert not IndicatorRow.objects.filter(project=cloud).exists()

    page = open_page(client, url)
    assert page.shown("execution-rate") == "100.00%"
    assert page.data["project-budget_total"] == "14.00"
    sums = {n.attrs["data-sum"]: " ".join(n.text().split())
            for n in page.form.iter() if "data-sum" in n.attrs}
    assert sums == {"budget": "14.00", "executed": "14.00"}

    # The split adds up: nothing about this project's money in 检查.
    assert not [f for f in check_findings(client, report) if f[0] == "funds-table"]

    page.set(**{f"{fiscal}-budget": "12"})
    assert post_page(client, url, page).status_code == 302
    findings = check_findings(client, report)
    assert ("funds-table", "项目“青少年科技活动项目”：各资金来源的预算数合计 12.00 万元，与预算数 14.00 万元不一致",
            url + "#id_funds-table") in findings
    report.refresh_from_db()
    assert report.finding_count == len(findings)

    data = pdf.render_report(report)
    text = pdf_text(data, space="")
    for expected in ("2022年青少年科技活动项目绩效自评报告", "2022年天府科技云服务经费项目绩效自评报告",
                     "2022年项目绩效目标自评表", "项目名称青少年科技活动项目", "预算数：14.00",
                     "执行数：14.00", "其中：财政拨款12.00", "其中：财政拨款14.00",
                     "指标2：机器人比赛不少于1次1次", "指标1：青少年满意满意率大于等于90%满意率等于90%",
                     "举办青少年科技创新大赛和机器人竞赛。", "项目名称天府科技云服务经费"):
        assert expected in text, expected
    # A filled-in table prints the groups it has, as 001's do; one without any indicator is
    # the blank form, a blank line under every group.
    [youth_sheet] = [p for p in page_texts(data, space="") if "项目名称青少年科技活动项目" in p]
    [cloud_sheet] = [p for p in page_texts(data, space="") if "项目名称天府科技云服务经费" in p]
    assert "数量指标" in youth_sheet and "满意度指标" in youth_sheet
    assert "质量指标" not in youth_sheet and "生态效益指标" not in youth_sheet
    for label in ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
                  "生态效益指标", "可持续影响指标", "满意度指标"):
        assert label in cloud_sheet, label


def test_invalid_amount_is_refused_beside_the_field(zhengshi_client, luxian, version_2021):
    report = new_report(zhengshi_client, luxian, 2022, version_2021)
    [project] = add_projects(zhengshi_client, report, "科普示范县创建经费")
    url = table_url(report, project)
    page = open_page(zhengshi_client, url)
    fiscal = page.fund_prefix("fiscal")
    page.set(**{"project-budget_total": "十五", f"{fiscal}-budget": "15.001"})
    response = post_page(zhengshi_client, url, page)
    assert response.status_code == 400
    refused = page_of(response)
    assert refused.cell_errors("project-budget_total") == ["请填写数字，最多两位小数，例如 95.76"]
    assert refused.cell_errors(f"{fiscal}-budget") == ["最多两位小数，例如 95.76"]
    assert refused.data["project-budget_total"] == "十五"
    project.refresh_from_db()
    assert project.budget_total is None


def test_pdf_of_a_report_without_projects_says_so(zhengshi_client, luxian, version_2021):
    report = new_report(zhengshi_client, luxian, 2022, version_2021)
    text = pdf_text(pdf.render_report(report), space="")
    assert text.startswith("2022年项目绩效自评报告本年度尚未填写项目。")


# ---- the demo report: 001's four projects


def test_demo_projects_hold_001s_figures_and_indicators(demo_f3):
    projects = list(demo_f3.projects.order_by("position"))
    assert [(p.name, p.budget_total, p.executed_total) for p in projects] == [
        ("青少年科技活动项目", D("14.00"), D("14.00")),
        ("天府科技云服务经费", D("20.00"), D("20.00")),
        ("《纲要》实施工作经费", D("15.00"), D("15.00")),
        ("科普示范县创建经费", D("15.00"), D("15.00")),
    ]
    for project, spec in zip(projects, LUXIAN_2021_PROJECTS):
        stored = IndicatorRow.objects.filter(project=project).order_by("id")
        assert [(r.group, r.name, r.target, r.actual) for r in stored] == list(spec["indicators"])
        assert list(project.funds.values_list("source", "budget", "executed")) == [
            ("fiscal", spec["amount"], spec["amount"]), ("other", None, None)]
    assert IndicatorRow.objects.filter(project=projects[0]).count() == 17
    assert IndicatorRow.objects.get(project=projects[0], group="quantity", position=4).name == (
        "指标5：示范校创建及示范校能力提升")


def test_demo_report_passes_its_checks(demo_f3):
    assert run_checks(demo_f3) == []
    assert demo_f3.finding_count == 0


def test_check_names_an_indicator_without_its_values_and_leads_to_the_cell(
        zhengshi_client, demo_f3):
    project = demo_f3.projects.get(name="青少年科技活动项目")
    IndicatorRow.objects.filter(project=project, group="quantity", position=1).update(actual="")
    IndicatorRow.objects.filter(project=project, group="cost", position=0).update(target=" ")
    findings = check_findings(zhengshi_client, demo_f3)
    table = table_url(demo_f3, project)
    assert sorted((field, message) for field, message, _url in findings) == [
        ("indicators-cost-0-target",
         "项目“青少年科技活动项目”：指标“指标1：创新大赛”：请填写预期指标值"),
        ("indicators-quantity-1-actual",
         "项目“青少年科技活动项目”：指标“指标2：机器人比赛”：请填写实际完成指标值"),
    ]
    # Each link leads to the cell's input on the project's table page.
    page = zhengshi_client.get(table).content.decode()
    for _field, _message, url in findings:
        path, anchor = url.split("#")
        assert path == table
        assert f'id="{anchor}"' in page, anchor


def test_demo_pdf_prints_the_reports_then_the_tables(demo_f3):
    data = pdf.render_report(demo_f3)
    text = pdf_text(data, space="")
    for name in ("青少年科技活动项目", "天府科技云服务经费", "《纲要》实施工作经费", "科普示范县创建经费"):
        assert f"项目名称{name}" in text, name
    for label in ("指标5：示范校创建及示范校能力提升", "科普e站科普视频投放",
                  "乡村振兴“头雁领航”科普示范点建设", "泸州龙城科普微信公众号信息发布",
                  "持续开展科技供需智能匹配、精准对接、精准服务", "酿酒高粱种植600元—1000元/亩800元/亩"):
        assert label in text, label
    pages = page_texts(data, space="")
    reports = [i for i, page in enumerate(pages) if "项目绩效自评报告" in page]
    tables = [i for i, page in enumerate(pages) if "项目绩效目标自评表" in page]
    # 001's order: the four 自评报告 first, each from a new page, then the four 自评表.
    assert len(reports) >= 4 and len(tables) == 4
    assert max(reports) < min(tables)
    assert pages[reports[0]].startswith("2021年青少年科技活动项目绩效自评报告一、项目概况")
    assert "2021年天府科技云服务经费项目绩效自评报告" in text
    assert "（二）资金计划、到位及使用情况资金全部为县级财政拨款" in text
    assert pages[tables[0]].startswith("附件3：2021年项目绩效目标自评表项目名称青少年科技活动项目")
    assert "预算数：20.00" in pages[tables[1]]


# ---- the scored 2023 version


def test_scored_project_execution_reason_and_weights(zhengshi_client, luxian, version_2023):
    client = zhengshi_client
    report = new_report(client, luxian, 2023, version_2023)
    [project] = add_projects(client, report, "青少年科技活动项目")
    assert list(project.funds.values_list("source", flat=True)) == [
        "fiscal", "special", "unit", "other"]
    url = table_url(report, project)
    page = open_page(client, url)
    fiscal = page.fund_prefix("fiscal")
    page.set(**{
        "project-competent_department": "泸县科学技术协会",
        "project-initial_total": "10", "project-budget_total": "10",
        "project-executed_total": "8",
        "project-budget_weight": "10", "project-budget_score": "8",
        f"{fiscal}-initial": "10", f"{fiscal}-budget": "10", f"{fiscal}-executed": "8",
        "project-target_overall": "举办县级创新大赛。", "project-actual_overall": "完成初评。",
        "project-conclusion": "基本完成。", "project-project_leader": "郑十",
    })
    page.add_row("indicators-quantity", name="创新大赛比赛", nature="≥", target="1",
                 measure_unit="次", actual="1", weight="30", score="35")
    response = post_page(client, url, page)
    assert response.status_code == 400
    refused = page_of(response)
    assert refused.cell_errors("indicators-quantity-0-score") == ["自评得分不能高于分值 30"]
    project.refresh_from_db()
    assert project.executed_total is None
    assert not IndicatorRow.objects.filter(project=project).exists()

    refused.set(**{"indicators-quantity-0-score": "30"})
    assert post_page(client, url, refused).status_code == 302
    project.refresh_from_db()
    assert (project.initial_total, project.budget_total, project.executed_total,
            project.budget_weight, project.budget_score) == (
        D("10.00"), D("10.00"), D("8.00"), D("10.00"), D("8.00"))
    assert list(IndicatorRow.objects.filter(project=project).values_list(
        "group", "name", "nature", "target", "measure_unit", "actual", "weight", "score")) == [
        ("quantity", "创新大赛比赛", "≥", "1", "次", "1", D("30.00"), D("30.00"))]

    page = open_page(client, url)
    assert page.shown("execution-rate") == "80.00%"
    assert page.shown("weights-total") == "40"
    assert (page.shown("project-total"), page.shown("project-grade")) == ("38", "差")
    reason_finding = ("project-execution_reason", "项目“青少年科技活动项目”：执行率 80.00% 低于 90%，请说明原因",
                      url + "#id_project-execution_reason")
    assert reason_finding in check_findings(client, report)

    page.set(**{"project-execution_reason": "部分赛事延期到下一年度。"})
    assert post_page(client, url, page).status_code == 302
    assert reason_finding not in check_findings(client, report)

    assert ("indicators-quantity-table", "项目“青少年科技活动项目”：权重合计应为 100，现为 40",
            url + "#id_indicators-quantity-table") in check_findings(client, report)

    page = open_page(client, url)
    page.set(**{"project-budget_score": "15"})
    refused = post_page(client, url, page)
    assert refused.status_code == 400
    assert page_of(refused).cell_errors("project-budget_score") == ["自评得分不能高于分值 10"]
    project.refresh_from_db()
    assert project.budget_score == D("8.00")

    text = pdf_text(pdf.render_report(report), space="")
    for expected in ("部门预算项目支出绩效自评表", "（2023年度）", "实施单位（盖章）", "总额10.0010.008.0080.00%",
                     "其中：财政资金10.0010.008.0080.00%", "部分赛事延期到下一年度。",
                     "创新大赛比赛≥1次13030", "合计4038", "项目负责人：郑十"):
        assert expected in text, expected


# ---- who sees what


@pytest.fixture
def other_units_project(demo):
    """A project of 岳阳县科学技术协会's F3 report: another unit than 泸县's."""
    unit = Unit.objects.get(budget_code="505001")
    filler = User.objects.get(username="xuyuanshan")
    report = services.create_report(unit, 2021, FormVersion.objects.get(code="f3-sichuan-2021"),
                                    filler)
    return Project.objects.create(report=report, name="科普活动经费")


def test_another_units_project_is_not_found(zhengshi_client, demo_f3, other_units_project):
    foreign = other_units_project.report
    for slug in ("table", "report"):
        # Under its own report, which zhengshi cannot see; and named under zhengshi's report.
        for report_pk in (foreign.pk, demo_f3.pk):
            url = reverse("project_section", args=[report_pk, other_units_project.pk, slug])
            assert zhengshi_client.get(url).status_code == 404
            assert zhengshi_client.post(url, {"project-name": "改名"}).status_code == 404
    other_units_project.refresh_from_db()
    assert other_units_project.name == "科普活动经费"


def test_pages_editable_for_the_filler(zhengshi_client, demo_f3):
    project = demo_f3.projects.get(name="天府科技云服务经费")
    projects_page = open_page(zhengshi_client, projects_url(demo_f3))
    assert projects_page.editable()
    assert projects_page.data["projects-1-name"] == "天府科技云服务经费"
    table = open_page(zhengshi_client, table_url(demo_f3, project))
    assert table.editable()
    assert table.data["project-name"] == "天府科技云服务经费"
    assert table.shown("execution-rate") == "100.00%"
    report_page = open_page(zhengshi_client, reverse("project_section",
                                                     args=[demo_f3.pk, project.pk, "report"]))
    assert report_page.editable()
    assert report_page.data["narrative-application"] == "年初按预算程序申报 20.00 万元，批复 20.00 万元。"


def test_pages_read_only_for_the_reviewer(wujiu_client, demo_f3):
    project = demo_f3.projects.get(name="青少年科技活动项目")
    for url in (projects_url(demo_f3), table_url(demo_f3, project),
                reverse("project_section", args=[demo_f3.pk, project.pk, "report"])):
        page = open_page(wujiu_client, url)
        assert not page.editable(), url
    table = open_page(wujiu_client, table_url(demo_f3, project))
    assert table.data["project-budget_total"] == "14.00"
    assert table.data["indicators-quantity-4-name"] == "指标5：示范校创建及示范校能力提升"
    response = wujiu_client.post(table_url(demo_f3, project), {**table.data, "save": ""})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.budget_total == D("14.00")


# ---- print filters


def test_print_filters_of_the_project_tables():
    assert rate_of(D("8"), D("10")) == D("80.00")
    assert rate_of(D("14"), D("14")) == D("100.00")
    assert rate_of(None, D("10")) is None
    assert rate_of(D("1"), D("0")) is None

    def row(weight):
        return IndicatorRow(group="quantity", name="x", weight=weight)

    table = [
        {"key": "output", "label": "完成指标", "span": 3, "groups": [
            {"group": "quantity", "rows": [row(D("30")), row(None)], "span": 2},
            {"group": "quality", "rows": [], "span": 1},
        ]},
        {"key": "benefit", "label": "效益指标", "span": 1, "groups": [
            {"group": "social", "rows": [], "span": 1},
        ]},
        {"key": "satisfaction", "label": "满意度指标", "span": 1, "groups": [
            {"group": "satisfaction", "rows": [row(D("60"))], "span": 1},
        ]},
    ]
    assert weights_total(table) == D("90.00")
    assert weights_total(table, D("10")) == D("100.00")
    assert weights_total([]) is None

    filled = filled_groups(table)
    assert [(p["label"], p["span"], [g["group"] for g in p["groups"]]) for p in filled] == [
        ("完成指标", 2, ["quantity"]), ("满意度指标", 1, ["satisfaction"])]
    assert table[0]["span"] == 3  # the family's table is left as it was
    blank = [{**parent, "groups": [{**group, "rows": []} for group in parent["groups"]]}
             for parent in table]
    assert filled_groups(blank) is blank

    bodies = printed_bodies(filled)
    assert [len(lines) for lines in bodies] == [2, 1]
    first, second = bodies[0]
    assert first["parent"]["label"] == "完成指标" and first["group"]["group"] == "quantity"
    assert second["parent"] is None and second["group"] is None
