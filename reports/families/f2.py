"""F2: 湖南 部门整体支出绩效自评表 and its 自评报告, the scored form."""

from reports import calc
from reports import notes as form_notes
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
    notes = form_notes.F2
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
