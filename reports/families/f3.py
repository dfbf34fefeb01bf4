"""F3: 四川 项目支出绩效自评表 and 项目绩效自评报告, one of each per project."""

from reports import calc
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


# 填表说明 (Family.notes).
NOTES_BASIC = {
    "fields": {
        "name": "与预算批复一致的项目名称。",
        "department": "主管部门（单位）的名称及预算代码，例如 泸县科学技术协会 128001。",
        "implementer": "具体实施项目的单位。",
        "budget_total": "项目的全年预算数，应等于下方各资金来源的预算数之和。",
        "executed_total": "项目的全年实际执行数，应等于各资金来源的执行数之和。",
        "target_overall": "项目年初确定的年度总体目标。",
        "actual_overall": "年度总体目标的实际完成情况，与预期目标逐项对应。",
    },
    "tables": {
        "projects": "本年度每个项目一行；保存后即可填写各项目的自评表和自评报告。",
        "funds": "每个资金来源的预算数和执行数；各来源之和应等于合计。执行率由系统计算。",
        "indicators": "按完成指标、效益指标、满意度指标的各类别逐项填写；指标值照年初目标的写法填写。",
    },
    "columns": {
        "projects": {
            "name": "与预算批复一致的项目名称。",
            "implementer": "具体实施项目的单位。",
        },
        "funds": {
            "budget": "该资金来源的预算数。",
            "executed": "该资金来源的执行数。",
        },
        "indicators": {
            "name": "三级指标的名称，例如“创建科技教育示范学校数量”。",
            "target": "年初确定的指标值，照原样填写，例如 不少于4所、≥90%、2021年12月底前完成。",
            "actual": "实际完成的指标值，写法与预期指标值一致。",
        },
    },
    "headings": {
        "basic": (
            "写明主管部门在项目管理中的职责；项目立项和申报资金的依据；资金管理办法的制定情况，"
            "资金支持的条件、范围和方式；资金分配的原则和考虑的因素。"
        ),
        "goals": (
            "写明项目的主要内容；应实现的具体绩效目标，目标量化、细化的程度和实施进度安排；"
            "并分析申报内容是否与实际相符、目标是否合理可行。"
        ),
        "method": "自评的步骤和方法，例如对照年初目标逐项比较数量、质量、时效、成本和效益指标。",
        "application": "项目资金申报和批复的金额与过程。",
        "funding": "资金计划、到位和使用情况：资金来自哪里，截至评价时是否到位，支出范围、标准和依据是否合规。",
        "finance": "财务管理制度的执行、会计核算和账务处理情况。",
        "organisation": "对照项目组织实施管理办法，说明组织架构和实施流程，并分析自评中发现的问题。",
        "management": "项目管理情况，例如采购、合同和进度管理。",
        "supervision": "主管部门对项目采取的监管手段及其效果。",
        "completion": "对照绩效指标逐项说明项目的完成情况。",
        "benefits": "项目带来的经济、社会、生态效益和可持续影响。",
        "conclusion": "综合自评的结论。",
        "problems": "自评中发现的问题。",
        "suggestions": "针对问题提出的建议。",
    },
}


# 填表说明 (Family.notes).
NOTES_SCORED = {
    "fields": {
        **NOTES_BASIC["fields"],
        "competent_department": "项目的主管部门。",
        "implementer": "具体实施项目的单位，打印后加盖公章。",
        "initial_total": "年初批复的预算数。",
        "budget_total": "年中调整后的预算数，执行率以它为分母；应等于各资金来源之和。",
        "executed_total": "全年实际执行数，应等于各资金来源之和。",
        "budget_weight": "预算执行的权重，表样为 10 分。",
        "budget_score": "预算执行得分，不高于权重；只有总额一行评分。",
        "execution_reason": "执行率低于 90% 时必须说明原因，不超过 100 字。",
        "target_overall": "项目年初确定的年度目标。",
        "actual_overall": "年度目标的实际完成情况。",
        "implementation": "项目实施的主要内容和过程。",
        "conclusion": "评价结论，不超过 200 字。",
        "problems": "存在的问题，不超过 200 字。",
        "improvements": "改进措施，不超过 200 字。",
        "project_leader": "项目负责人姓名，打印后签字。",
        "finance_leader": "财务负责人姓名，打印后签字。",
    },
    "tables": {
        **NOTES_BASIC["tables"],
        "funds": "总额及各资金来源的年初预算、调整后预算数和执行数；各来源之和应等于总额。只有总额评分。",
        "indicators": "绩效指标合计 90 分，与预算执行 10 分合为 100 分；得分不能高于权重。",
    },
    "columns": {
        **NOTES_BASIC["columns"],
        "funds": {
            "initial": "该资金来源的年初预算。",
            "budget": "该资金来源调整后的预算数。",
            "executed": "该资金来源的预算执行数。",
        },
        "indicators": {
            "name": "三级指标的名称。",
            "nature": "指标性质：= 为等于，≥ 为不低于，≤ 为不高于。",
            "target": "指标值，例如 4、90、2023年12月底。",
            "measure_unit": "度量单位，例如 次、%、万元。",
            "actual": "实际完成值，与指标值使用同一单位。",
            "weight": "本指标的权重；各指标权重合计 90。",
            "score": "得分，不高于权重。",
            "reason": "没有完成指标值时说明原因。",
        },
    },
    "headings": NOTES_BASIC["headings"],
}


@register
class F3(Family):
    """四川 项目支出绩效自评表 and 项目绩效自评报告: one of each per project of the year.

    The report holds the year's projects; each project has its own pages. The 2023 version
    (scored: 预算执行 10分 + 绩效指标 90分) is a setting of the version, not another family.
    """

    code = "F3"
    title = "四川 项目支出绩效自评表及项目绩效自评报告"
    checks = ("projects_complete",)
    notes = NOTES_BASIC
    section_template_dir = "reports/sections/f3"
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
        return NOTES_SCORED if self.scored(report) else self.notes

    def detail_instance(self, report, project=None):
        return project

    def detail_fields(self, report, section):
        if section.slug != "table":
            return section.detail_fields
        return self.SCORED_FIELDS if self.scored(report) else self.BASIC_FIELDS

    def fund_sources(self, report):
        return self.FUNDS[self.scored(report)]

    def switch_plan_rows(self, report, target):
        """Also each project's money: a source or a column the other version's table lacks."""
        kept, lost = super().switch_plan_rows(report, target)
        sources, new_sources = dict(self.fund_sources(report)), dict(self.fund_sources(target))
        new_columns = self.fund_columns(target)
        for project in report.projects.prefetch_related("funds"):
            for fund in project.funds.all():
                columns = [name for name in self.fund_columns(report)
                           if getattr(fund, name) is not None]
                where = f"项目“{project.name}”的{sources.get(fund.source, fund.source)}"
                if columns and fund.source not in new_sources:
                    lost.append(where)
                    continue
                lost += [f"{where}{fund._meta.get_field(name).verbose_name}" for name in columns
                         if name not in new_columns]
        return kept, lost

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
