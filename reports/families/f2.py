"""F2: 湖南 部门整体支出绩效自评表 and its 自评报告, the scored form."""

from reports import calc
from reports.families.base import (
    SCORING_SETTINGS,
    Family,
    Group,
    Heading,
    Section,
    grade_wording_option,
)
from reports.families.registry import register
from reports.families.scored import BUDGET_FIELDS, _indexed_by_group, json_ready, scored_table


# 填表说明 (Family.notes).
NOTES = {
    "fields": {
        "budget_initial": "年初批复的部门预算数。",
        "budget_full_year": "年初预算加年中追加、调整后的全年预算数；执行率以它为分母。",
        "executed": "全年实际支出数；按收入性质分和按支出性质分的两组数字都应合计为这个数。",
        "weight": "预算执行的分值，表样为 10 分；预算执行与各项指标的分值合计应为 100。",
        "score": "不高于分值。系统按“分值 × 执行率”给出建议得分（执行率超过 100% 按 100% 计），可以打低分，但须写明偏差原因。",
        "reason": "自评得分低于分值时必须填写：偏差的原因和改进措施。",
        "over_budget_note": "全年执行数大于全年预算数时必须说明原因。",
        "income_general": "全年执行数中来自一般公共预算的部分。",
        "income_government_fund": "全年执行数中来自政府性基金拨款的部分。",
        "income_special_account": "全年执行数中来自纳入专户管理的非税收入拨款的部分。",
        "income_other": "以上三项以外的资金。四项之和应等于全年执行数。",
        "expense_basic": "全年执行数中的基本支出，即人员支出与公用支出之和。",
        "expense_project": "全年执行数中的项目支出。基本支出与项目支出之和应等于全年执行数。",
        "expense_personnel": "基本支出中的人员支出，自评报告会引用。",
        "expense_public": "基本支出中的公用支出，自评报告会引用。",
    },
    "tables": {
        "goals": "左栏写年初确定的年度总体目标，右栏写对应的实际完成情况。",
        "indicators": (
            "一级指标的标准分值为产出 50、效益 30、满意度 10（另有预算执行 10），可以在一级指标之间调整，"
            "但全部分值合计须为 100。得分不能高于分值，低于分值时须写偏差原因。"
        ),
    },
    "columns": {
        "goals": {
            "target": "年初确定的年度总体目标。",
            "actual": "对应目标的实际完成情况。",
        },
        "indicators": {
            "name": "三级指标的名称，例如“举办科普活动场次”。",
            "target": "年初确定的年度指标值，照表上的写法填写，例如 100%、≥95%、不少于4所、1年。",
            "actual": "实际完成值，写法和单位与指标值一致，例如 100%。",
            "weight": "本指标的分值。",
            "score": "自评得分，不高于分值；点击“建议得分”可直接采用。",
            "band": "只用于定性指标：达成年度指标得分为分值的 80%～100%，部分达成为 60%～80%，未达成低于 60%。定量指标留空。",
            "reason": "自评得分低于分值时必须填写偏差原因和改进措施。",
        },
    },
    "headings": {
        "overview": "部门（单位）的职能、机构设置、人员编制和年度主要工作。",
        "general_basic": "一般公共预算基本支出的总额，其中人员支出和公用支出，数字与自评表一致。",
        "general_project": "一般公共预算项目支出的总额、主要项目和执行情况。",
        "government_fund": "政府性基金预算支出的金额和用途。",
        "state_capital": "国有资本经营预算支出的金额和用途。",
        "social_insurance": "社会保险基金预算支出的金额和用途。",
        "performance": "对照年度总体目标和绩效指标，说明预算执行率以及产出、效益、满意度的完成情况。",
        "problems": "存在的问题，以及产生问题的原因。",
        "improvements": "针对问题的下一步改进措施。",
        "other": "其他需要向财政部门说明的情况。",
    },
    "rows": {"goals": "年度总体目标"},
}


@register
class F2(Family):
    """湖南 部门整体支出绩效自评表 (附件3, 2024) and its 自评报告: the scored form.

    The version's `settings` hold the scoring rules (scoring.DEFAULT_SETTINGS keys) and the
    grade wording; units do not choose them.
    """

    code = "F2"
    title = "湖南 部门整体支出绩效自评表及自评报告"
    checks = ("budget_required", "budget_adds_up", "required_goals", "scored_indicators",
              "weights_add_up", "required_narrative", "narrative_matches_tables")
    budget_scored = True
    notes = NOTES
    section_template_dir = "reports/sections/f2"
    pdf_template = "reports/pdf/f2.html"
    sections = (
        Section(
            "table",
            "自评表",
            detail_fields=(
                "budget_initial", "budget_full_year", "executed", "weight", "score", "reason",
                "over_budget_note", "income_general", "income_government_fund",
                "income_special_account", "income_other", "expense_basic", "expense_personnel",
                "expense_public", "expense_project",
            ),
            tables=("goals", "indicators"),
            help="金额单位：万元。执行率、建议得分、总分和评价等次自动计算；自评得分可低于建议得分，"
                 "低于分值时须填写偏差原因。",
        ),
        Section("narrative", "自评报告", help="按九个标题填写自评报告。可引用自评表中的数字。",
                narrative=True),
    )
    options = (
        grade_wording_option("short"),
        *SCORING_SETTINGS,
    )
    groups = (
        Group("quantity", "数量指标", "output", "产出指标"),
        Group("quality", "质量指标", "output", "产出指标"),
        Group("timeliness", "时效指标", "output", "产出指标"),
        Group("cost", "成本指标", "output", "产出指标"),
        Group("economic", "经济效益指标", "benefit", "效益指标"),
        Group("social", "社会效益指标", "benefit", "效益指标"),
        Group("ecological", "生态效益指标", "benefit", "效益指标"),
        Group("sustainable", "可持续影响指标", "benefit", "效益指标"),
        Group("satisfaction", "服务对象满意度指标", "satisfaction", "满意度指标"),
    )
    indicator_fields = ("name", "target", "actual", "weight", "score", "band", "reason")
    indicator_labels = {"name": "三级指标", "target": "年度指标值", "actual": "实际完成值"}

    def form_outline(self, report):
        return (
            Heading("一、部门（单位）概况", 1, "overview"),
            Heading("二、一般公共预算支出情况", 1, id="general"),
            Heading("（一）基本支出情况", 2, "general_basic",
                    ("expense_basic", "expense_personnel", "expense_public")),
            Heading("（二）项目支出情况", 2, "general_project", ("expense_project",)),
            Heading("三、政府性基金预算支出情况", 1, "government_fund"),
            Heading("四、国有资本经营预算支出情况", 1, "state_capital"),
            Heading("五、社会保险基金预算支出情况", 1, "social_insurance"),
            Heading("六、部门整体支出绩效情况", 1, "performance",
                    ("executed", "expense_basic", "expense_personnel", "expense_public",
                     "expense_project")),
            Heading("七、存在的问题及原因分析", 1, "problems"),
            Heading("八、下一步改进措施", 1, "improvements"),
            Heading("九、其他需要说明的情况", 1, "other"),
        )

    def scored(self, report):
        return True

    def scoring_settings(self, report):
        """The version's scoring rules (SCORING_SETTINGS), by name."""
        return {option.name: self.option(report, option.name) for option in SCORING_SETTINGS}

    def on_create(self, report, user):
        from reports.models import BudgetExecution

        BudgetExecution.objects.create(report=report)

    def narrative_values(self, report):
        budget = report.budget
        return {
            "executed": budget.executed,
            "expense_basic": budget.expense_basic,
            "expense_personnel": budget.expense_personnel,
            "expense_public": budget.expense_public,
            "expense_project": budget.expense_project,
        }

    def scored_table(self, report, budget=None, rows=None):
        """Every derived figure of the 自评表: see scored_table()."""
        if budget is None:
            budget = {field: getattr(report.budget, field) for field in BUDGET_FIELDS}
        if rows is None:
            rows = [
                {"key": f"indicators-{row.group}-{index}", "group": row.group, "name": row.name,
                 "target": row.target, "actual": row.actual, "weight": row.weight,
                 "score": row.score, "band": row.band, "reason": row.reason}
                for row, index in _indexed_by_group(report.indicatorrows.all())
            ]
        return scored_table(self, budget, rows, self.scoring_settings(report),
                            self.option(report, "grade_wording"))

    def total_score(self, report):
        return self.scored_table(report)["total"]

    def preview(self, report, section_forms):
        """The 自评表's derived figures from the values on the page, valid or not yet."""
        if section_forms.detail is None:
            return {}
        section_forms.is_valid()
        detail = section_forms.detail
        budget = {name: detail.cleaned_data.get(name) for name in BUDGET_FIELDS}
        rows = []
        for formset in section_forms.tables.get("indicators", []):
            for form in formset.forms:
                if not hasattr(form, "cleaned_data") or formset._should_delete_form(form):
                    continue
                values = {name: form.cleaned_data.get(name) for name in self.indicator_columns(report)}
                rows.append({**values, "key": form.prefix, "group": formset.group.key})
        table = scored_table(self, budget, rows, self.scoring_settings(report),
                             self.option(report, "grade_wording"))
        splits = {
            "income": calc.add(*(budget[name] for name in (
                "income_general", "income_government_fund", "income_special_account",
                "income_other"))),
            "expense": calc.add(budget["expense_basic"], budget["expense_project"]),
            "basic": calc.add(budget["expense_personnel"], budget["expense_public"]),
        }
        return json_ready({**table, "splits": splits})

    def context(self, report):
        table = self.scored_table(report)
        return {
            "table": table,
            "indicator_table": self.indicator_table(report),
            "grade": table["grade"],
            "outline": self.outline_context(report, self.narrative_values(report)),
        }
