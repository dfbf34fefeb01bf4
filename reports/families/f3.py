"""F3: 四川 项目支出绩效自评表 and 项目绩效自评报告, one of each per project."""

from reports import calc
from reports import notes as form_notes
from reports.families.base import (
    NARRATIVE_FIGURES,
    SCORING_SETTINGS,
    Family,
    Group,
    Heading,
    Option,
    Section,
    grade_wording_option,
)
from reports.families.registry import register


@register
class F3(Family):
    """四川 项目支出绩效自评表 and 项目绩效自评报告: one of each per project of the year.

    The report holds the year's projects; each project has its own pages. The 2023 version
    (scored: 预算执行 10分 + 绩效指标 90分) is a setting of the version, not another family.
    """

    code = "F3"
    title = "四川 项目支出绩效自评表及项目绩效自评报告"
    checks = ("projects_complete",)
    notes = form_notes.F3_BASIC
    pdf_template = "reports/pdf/f3.html"
    print_order = 1
    sections = (
        Section("projects", "项目", tables=("projects",),
                help="本年度的每个项目一行。点击项目名称填写该项目的自评表和自评报告。"),
    )
    project_sections = (
        Section(
            "table", "项目绩效目标自评表", scope="project",
            detail_fields=(
                "name", "department", "competent_department", "implementer", "initial_total",
                "budget_total", "executed_total", "budget_weight", "budget_score",
                "execution_reason", "target_overall", "actual_overall", "implementation",
                "conclusion", "problems", "improvements", "project_leader", "finance_leader",
            ),
            tables=("funds", "indicators"),
            help="金额单位：万元。执行率自动计算；预算数、执行数应等于各资金来源之和。",
        ),
        Section("report", "项目绩效自评报告", scope="project", narrative=True),
    )
    options = (
        Option("scored", "评分版（2023 年版）", False, owner="version", structural=True),
        grade_wording_option("short"),
        *SCORING_SETTINGS,
    )
    groups = (
        Group("quantity", "数量指标", "output", "完成指标"),
        Group("quality", "质量指标", "output", "完成指标"),
        Group("timeliness", "时效指标", "output", "完成指标"),
        Group("cost", "成本指标", "output", "完成指标"),
        Group("economic", "经济效益指标", "benefit", "效益指标"),
        Group("social", "社会效益指标", "benefit", "效益指标"),
        Group("ecological", "生态效益指标", "benefit", "效益指标"),
        Group("sustainable", "可持续影响指标", "benefit", "效益指标"),
        Group("satisfaction", "满意度指标", "satisfaction", "满意度指标"),
    )
    FUNDS = {
        False: (("fiscal", "财政拨款"), ("other", "其他资金")),
        True: (("fiscal", "财政资金"), ("special", "财政专户管理资金"), ("unit", "单位资金"),
               ("other", "其他资金")),
    }
    BASIC_FIELDS = ("name", "department", "implementer", "budget_total", "executed_total",
                    "target_overall", "actual_overall")
    SCORED_FIELDS = ("name", "competent_department", "implementer", "initial_total",
                     "budget_total", "executed_total", "budget_weight", "budget_score",
                     "execution_reason", "target_overall", "actual_overall", "implementation",
                     "conclusion", "problems", "improvements", "project_leader", "finance_leader")

    def scored(self, report):
        return bool(self.option(report, "scored"))

    def notes_for(self, report):
        return form_notes.F3_SCORED if self.scored(report) else self.notes

    def detail_instance(self, report, project=None):
        return project

    def detail_fields(self, report, section):
        if section.slug != "table":
            return section.detail_fields
        return self.SCORED_FIELDS if self.scored(report) else self.BASIC_FIELDS

    def fund_sources(self, report):
        return self.FUNDS[self.scored(report)]

    def fund_columns(self, report):
        return ("initial", "budget", "executed") if self.scored(report) else ("budget", "executed")

    def indicator_columns(self, report):
        if self.scored(report):
            return ("name", "nature", "target", "measure_unit", "actual", "weight", "score",
                    "reason")
        return ("name", "target", "actual")

    def indicator_labels_for(self, report):
        if self.scored(report):
            return {"name": "三级指标", "target": "指标值", "actual": "完成值", "weight": "权重",
                    "score": "得分", "reason": "未完成原因分析"}
        return {"name": "三级指标", "target": "预期指标值", "actual": "实际完成指标值"}

    def on_project_create(self, report, project):
        from reports.models import ProjectFund

        ProjectFund.objects.bulk_create(
            ProjectFund(project=project, source=key) for key, _label in self.fund_sources(report)
        )

    def project_outline(self, report):
        """The outline of each project's 自评报告, as the version words it."""
        return self.outline(report)

    def section_outline(self, report, section):
        return self.outline(report)

    def form_outline(self, report):
        return (
            Heading("一、项目概况", 1, id="project"),
            Heading("（一）项目基本情况", 2, "basic"),
            Heading("（二）项目绩效目标", 2, "goals"),
            Heading("（三）项目自评步骤及方法", 2, "method"),
            Heading("二、项目资金申报及使用情况", 1, id="funds"),
            Heading("（一）项目资金申报及批复情况", 2, "application",
                    ("budget_total",)),
            Heading("（二）资金计划、到位及使用情况", 2, "funding",
                    ("budget_total", "executed_total")),
            Heading("（三）项目财务管理情况", 2, "finance"),
            Heading("三、项目实施及管理情况", 1, id="implementation"),
            Heading("（一）项目组织架构及实施流程", 2, "organisation"),
            Heading("（二）项目管理情况", 2, "management"),
            Heading("（三）项目监管情况", 2, "supervision"),
            Heading("四、项目绩效情况", 1, id="performance"),
            Heading("（一）项目完成情况", 2, "completion"),
            Heading("（二）项目效益情况", 2, "benefits"),
            Heading("五、评价结论及建议", 1, id="conclusions"),
            Heading("（一）评价结论", 2, "conclusion"),
            Heading("（二）存在的问题", 2, "problems"),
            Heading("（三）相关建议", 2, "suggestions"),
        )

    def project_figures(self, report, project):
        """A project's money: totals, the sources, 执行率, and whether the splits add up."""
        labels = dict(self.fund_sources(report))
        funds = [
            {"key": fund.source, "label": labels.get(fund.source, fund.source),
             "initial": fund.initial, "budget": fund.budget, "executed": fund.executed}
            for fund in project.funds.all()
        ]
        sums = {column: calc.add(*(fund[column] for fund in funds))
                for column in ("initial", "budget", "executed")}
        return {
            "funds": funds,
            "sums": sums,
            "execution_rate": calc.ratio_percent(project.executed_total, project.budget_total),
        }

    def project_rows(self, report, project, rows=None):
        """The project's indicator rows; `rows`, all the report's, saves a query per project."""
        rows = report.indicatorrows.all() if rows is None else rows
        return [row for row in rows if row.project_id == project.pk]

    def project_context(self, report, project, rows=None):
        from reports import scoring

        indicators = self.project_rows(report, project, rows)
        result = {
            "project": project,
            "scored": self.scored(report),
            "figures": self.project_figures(report, project),
            "indicator_table": self._indicator_table(report, indicators),
            "outline": [
                {"heading": heading,
                 "text": project.narrative.get(heading.key, "") if heading.key else "",
                 "figures": [(NARRATIVE_FIGURES[key][0], getattr(project, key, None))
                             for key in heading.figures]}
                for heading in self.project_outline(report)
            ],
        }
        if self.scored(report):
            total = scoring.total_score([project.budget_score] + [row.score for row in indicators])
            result["total"] = total
            result["grade"] = calc.grade(total, self.option(report, "grade_wording"))
        return result

    def context(self, report):
        projects = list(report.projects.prefetch_related("funds"))
        rows = list(report.indicatorrows.all())
        return {
            "projects": [self.project_context(report, project, rows) for project in projects],
            "indicator_table": [],
            "outline": [],
            "scored": self.scored(report),
        }

    def narrative_values(self, report):
        return {}
