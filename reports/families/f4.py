"""F4: 四川 部门整体支出绩效自评报告 (2021 and 2024 outlines)."""

from reports import calc
from reports.families.base import Family, Heading, Option, Section
from reports.charts import OVERALL_CHARTS
from reports.families.registry import register


# 填表说明 (Family.notes).
NOTES = {
    "fields": {
        # Asked only by a version with totals_only.
        "income_total": "部门决算中的收入合计。",
        "expense_total": "部门决算中的支出合计。",
        "carryover": "部门决算中的年末结转和结余。",
        "income_general": "部门决算中的一般公共预算财政拨款收入。",
        "income_government_fund": "部门决算中的政府性基金预算财政拨款收入。",
        "income_other": "财政拨款以外的其他收入。",
        "expense_personnel": "基本支出中的人员支出。",
        "expense_public": "基本支出中的日常公用支出。",
        "expense_family": "基本支出中的对个人和家庭的补助支出。",
        "expense_project": "项目支出。",
        "three_overseas": "因公出国（境）费支出。",
        "three_car": "公务用车购置及运行维护费支出。",
        "three_reception": "公务接待费支出。",
        "last_income_total": "上年部门决算的收入合计，用于收、支总计变动图。",
        "last_expense_total": "上年部门决算的支出合计，用于收、支总计变动图。",
    },
    "tables": {
        "functions": "按决算的支出功能分类科目“类”级填写；各类之和应等于支出合计。",
    },
    "columns": {
        "functions": {
            "name": "功能分类科目“类”级名称，例如 科学技术、社会保障和就业。",
            "amount": "该类的支出金额。",
        },
    },
    "headings": {
        "organisation": "内设机构和所属单位的组成。",
        "functions": "部门的主要职能。",
        "staff": "编制数、实有人数和人员结构。",
        "functions_staff": "部门的主要职能，编制数、实有人数和人员结构。",
        "tasks": "年度主要工作任务。",
        "targets": "年初确定的部门整体支出绩效目标。",
        "income": "收入合计及各项收入的金额和占比，数字与“收支情况”一致。",
        "expense": "支出合计，人员支出、日常公用支出、对个人和家庭的补助支出、项目支出的金额和占比。",
        "carryover": "结转结余（收入合计减支出合计）的金额和形成原因。",
        "budgeting": "预算和决算的编制情况。",
        "execution": "预算执行进度和执行管理情况。",
        "spending_performance": "支出取得的产出和效益。",
        "finance": "财务管理制度的建立和执行情况。",
        "performance_management": "绩效目标管理、绩效运行监控和绩效自评等工作的开展情况。",
        "duty_performance": "部门履行职责取得的产出和效益。",
        "project_performance": "特定目标类项目的绩效情况。",
        "project_spending": "部门预算项目支出的执行情况。",
        "results": "以往评价结果的应用情况，例如据以调整预算、改进管理。",
        "conclusion": "综合自评的结论。",
        "problems": "自评中发现的问题。",
        "suggestions": "针对问题的改进建议。",
    },
    "rows": {"functions": "支出功能分类"},
}


@register
class F4(Family):
    """四川 部门整体支出绩效自评报告: figures entered once, shares and 结转结余 derived, charts.

    The outline (2021 or 2024) is a setting of the form version.
    """

    code = "F4"
    title = "四川 部门整体支出绩效自评报告"
    checks = ("overall_figures_complete", "required_narrative", "narrative_matches_tables")
    figures_source = "收支情况"
    notes = NOTES
    section_template_dir = "reports/sections/f4"
    pdf_template = "reports/pdf/f4.html"
    print_order = 0
    sections = (
        Section(
            "figures", "收支情况",
            detail_fields=(
                "income_general", "income_government_fund", "income_other",
                "expense_personnel", "expense_public", "expense_family", "expense_project",
                "three_overseas", "three_car", "three_reception",
                "last_income_total", "last_expense_total",
            ),
            tables=("functions",),
            help="金额单位：万元。收入合计、支出合计、各项占比和结转结余自动计算；"
                 "上年数字取自上年度报告，没有上年度报告时请填写。",
        ),
        Section("narrative", "自评报告", narrative=True,
                help="按表单的提纲填写。可引用收支情况中的数字。"),
    )
    options = (
        Option("outline", "报告提纲", "2021", owner="version", structural=True,
               choices=(("2021", "2021 年版提纲"), ("2024", "2024 年版提纲"))),
        Option("totals_only", "只填合计", False, owner="version", structural=True,
               help="勾选后收入合计、支出合计和结转结余由单位直接填写，各分项可不填；"
                    "填了的分项之和须等于合计"),
        Option("figures_table", "印出收支情况表", True, owner="version",
               help="在“部门财政资金收支情况”之后印出收入、支出及占比的表格"),
        Option("charts", "印出的图表", [key for key, _title in OVERALL_CHARTS], owner="version",
               choices=OVERALL_CHARTS, help="不选的图表不印出"),
    )

    # 2021 → 2024: 机构职能 and 人员概况 become one heading; 2024 → 2021 splits nothing back.
    narrative_renames = {
        "outline": {
            ("2021", "2024"): {"functions": "functions_staff", "staff": "functions_staff"},
            ("2024", "2021"): {"functions_staff": "functions"},
        },
    }

    def detail_instance(self, report, project=None):
        return report.overall

    def on_create(self, report, user):
        from reports.models import OverallFigures

        OverallFigures.objects.create(report=report)

    def form_outline(self, report):
        return self._outline(self.option(report, "outline"))

    def outline_variants(self):
        return tuple(self._outline(outline) for outline, _label in self.setting("outline").choices)

    def _outline(self, outline):
        money = ("income_total", "expense_total", "expense_personnel", "expense_public",
                 "expense_family", "expense_project")
        if outline == "2024":
            return (
                Heading("一、部门基本情况", 1, id="unit"),
                Heading("（一）机构组成", 2, "organisation"),
                Heading("（二）机构职能和人员概况", 2, "functions_staff"),
                Heading("（三）年度主要工作任务", 2, "tasks"),
                Heading("（四）部门整体支出绩效目标", 2, "targets"),
                Heading("二、部门财政资金收支情况", 1, id="finances"),
                Heading("（一）部门财政资金收入", 2, "income", ("income_total",)),
                Heading("（二）部门财政资金支出", 2, "expense", money[1:]),
                Heading("（三）部门财政资金结转结余", 2, "carryover", ("carryover",)),
                Heading("三、部门整体绩效管理情况", 1, id="management"),
                Heading("（一）部门整体履职绩效分析", 2, "duty_performance"),
                Heading("（二）特定目标类项目绩效分析", 2, "project_performance",
                        ("expense_project",)),
                Heading("（三）部门预算项目支出情况分析", 2, "project_spending",
                        ("expense_project",)),
                Heading("（四）结果应用情况", 2, "results"),
                Heading("四、评价结论及建议", 1, id="conclusions"),
                Heading("（一）评价结论", 2, "conclusion"),
                Heading("（二）存在问题", 2, "problems"),
                Heading("（三）改进建议", 2, "suggestions"),
            )
        return (
            Heading("一、部门（单位）概况", 1, id="unit"),
            Heading("（一）机构组成", 2, "organisation"),
            Heading("（二）机构职能", 2, "functions"),
            Heading("（三）人员概况", 2, "staff"),
            Heading("二、部门财政资金收支情况", 1, id="finances"),
            Heading("（一）部门财政资金收入情况", 2, "income", ("income_total",)),
            Heading("（二）部门财政资金支出情况", 2, "expense", money[1:]),
            Heading("三、部门财政支出管理情况", 1, id="management"),
            Heading("（一）预决算编制情况", 2, "budgeting"),
            Heading("（二）执行管理情况", 2, "execution"),
            Heading("（三）支出绩效情况", 2, "spending_performance", ("expense_project",)),
            Heading("（四）财务管理情况", 2, "finance"),
            Heading("（五）绩效管理工作开展情况", 2, "performance_management"),
            Heading("四、评价结论及建议", 1, id="conclusions"),
            Heading("（一）评价结论", 2, "conclusion"),
            Heading("（二）存在问题", 2, "problems"),
            Heading("（三）改进建议", 2, "suggestions"),
        )

    TOTALS = ("income_total", "expense_total", "carryover")

    def detail_fields(self, report, section):
        if section.slug == "figures" and self.option(report, "totals_only"):
            return (*self.TOTALS, *section.detail_fields)
        return section.detail_fields

    def section_help(self, report, section):
        if section.slug == "figures" and self.option(report, "totals_only"):
            return ("金额单位：万元。请填写收入合计、支出合计和结转结余；各分项可以不填，填了的分项之和须"
                    "等于合计。各项占比自动计算；上年数字取自上年度报告，没有上年度报告时请填写。")
        return section.help

    def report_figures(self, report):
        """overall_figures of the report's own figures, its totals typed or computed as its
        version says."""
        return self.overall_figures(report.overall, self.option(report, "totals_only"))

    def last_year(self, report):
        """Last year's totals: from last year's report of this family when there is one."""
        from reports.models import Report

        previous = (
            Report.objects.filter(unit_id=report.unit_id, year=report.year - 1,
                                  form_version__family=self.code)
            .select_related("overall").first()
        )
        if previous is not None and hasattr(previous, "overall"):
            figures = self.report_figures(previous)
            return {"income_total": figures["income_total"],
                    "expense_total": figures["expense_total"], "from_report": True}
        overall = report.overall
        return {"income_total": overall.last_income_total,
                "expense_total": overall.last_expense_total, "from_report": False}

    INCOME_PARTS = ("income_general", "income_government_fund", "income_other")
    EXPENSE_PARTS = ("expense_personnel", "expense_public", "expense_family", "expense_project")
    THREE_PARTS = ("three_overseas", "three_car", "three_reception")

    @classmethod
    def overall_figures(cls, overall, totals_typed=False):
        """Totals, 结转结余 and each figure's share of its total (收入 of 收入合计, 支出 and
        基本支出 of 支出合计, each 三公 line of 三公经费), from the figures entered once.

        With `totals_typed` (a totals_only version) 收入合计, 支出合计 and 结转结余 are the
        typed ones, and `parts` says what the typed parts add up to (None where none is typed).
        """
        values = {name: getattr(overall, name)
                  for name in (*cls.INCOME_PARTS, *cls.EXPENSE_PARTS, *cls.THREE_PARTS)}
        parts = {"income_total": calc.add(*(values[name] for name in cls.INCOME_PARTS)),
                 "expense_total": calc.add(*(values[name] for name in cls.EXPENSE_PARTS))}
        if totals_typed:
            income_total, expense_total = overall.income_total, overall.expense_total
            carryover = overall.carryover
        else:
            income_total, expense_total = parts["income_total"], parts["expense_total"]
            carryover = calc.subtract(income_total, expense_total)
        three_total = calc.add(*(values[name] for name in cls.THREE_PARTS))
        values["expense_basic"] = calc.add(overall.expense_personnel, overall.expense_public,
                                           overall.expense_family)
        of = {**dict.fromkeys(cls.INCOME_PARTS, income_total),
              **dict.fromkeys((*cls.EXPENSE_PARTS, "expense_basic"), expense_total),
              **dict.fromkeys(cls.THREE_PARTS, three_total)}
        return {
            "income_total": income_total,
            "expense_total": expense_total,
            "expense_basic": values["expense_basic"],
            "shares": {name: calc.ratio_percent(values[name], total) for name, total in of.items()},
            "carryover": carryover,
            "three_total": three_total,
            "totals_typed": totals_typed,
            "parts": parts,
        }

    @staticmethod
    def function_table(rows, expense_total):
        """支出功能分类: each row's share of 支出合计, their sum and its share, and whether the
        sum differs from 支出合计 (a 检查 error, and a warning on the page)."""
        total = calc.add(*(row.amount for row in rows))
        return {
            "shares": {row.pk: calc.ratio_percent(row.amount, expense_total) for row in rows},
            "total": total,
            "total_share": calc.ratio_percent(total, expense_total),
            "mismatch": total is not None and expense_total is not None and total != expense_total,
        }

    def project_totals(self, report):
        """The year's projects (F3) of the unit, summed: budget and execution."""
        from django.db.models import Sum

        from reports.models import Project

        sums = Project.objects.filter(
            report__unit_id=report.unit_id, report__year=report.year
        ).aggregate(budget=Sum("budget_total"), executed=Sum("executed_total"))
        return {key: calc.q2(value) for key, value in sums.items()}

    def narrative_values(self, report):
        overall = report.overall
        figures = self.report_figures(report)
        return {
            "income_total": figures["income_total"],
            "expense_total": figures["expense_total"],
            "expense_basic": figures["expense_basic"],
            "expense_personnel": overall.expense_personnel,
            "expense_public": overall.expense_public,
            "expense_family": overall.expense_family,
            "expense_project": overall.expense_project,
            "carryover": figures["carryover"],
            "three_total": figures["three_total"],
        }

    def context(self, report):
        from reports import charts

        overall = report.overall
        figures = self.report_figures(report)
        functions = list(report.functionrows.all())
        last = self.last_year(report)
        return {
            "overall": overall,
            "overall_figures": figures,
            "functions": self.function_table(functions, figures["expense_total"]),
            "last_year": last,
            "project_totals": self.project_totals(report),
            "charts": charts.overall_charts(report.year, overall, figures, functions, last,
                                            self.option(report, "charts")),
            "indicator_table": [],
            "outline": self.outline_context(report, self.narrative_values(report)),
        }
