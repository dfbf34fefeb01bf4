"""检查: what stops a report from being complete and consistent.

Each rule returns Findings that point at a field of an edit page, so the list can link straight
to it. Saving never runs these: a half-filled report may always be saved.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from reports import calc
from reports.families import NARRATIVE_FIGURES


@dataclass(frozen=True)
class Finding:
    section: str
    field: str
    message: str
    level: str = "error"  # "error" stops completion; "warning" is for the reviewer to judge
    project: int | None = None  # the project whose page holds the field (F3)

    @property
    def anchor(self):
        return f"id_{self.field}" if self.field else ""


def run_checks(report):
    """All findings for `report`, in the order of the form."""
    spec = report.spec
    findings = []
    for name in spec.checks:
        # A family names its rules (Family.checks); they are the functions of this module.
        findings.extend(globals()[name](report))
    order = [section.slug for section in (*spec.sections, *spec.project_sections)]
    # Project pages come after the report's own, project by project, in the form's order.
    return sorted(findings, key=lambda finding: (finding.project is not None,
                                                 order.index(finding.section)))


def _empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def required_fields(report):
    spec = report.spec
    breakdown = report.option("staff_breakdown")
    wanted = [
        ("cover", "report_date", "报告日期"),
        ("overview", "contact_person", "联系人"),
        ("overview", "contact_phone", "联络电话"),
        ("overview", "duties", "职能职责概述"),
        ("overview", "operation_summary", "年度总体运行情况及取得的成绩"),
        ("performance", "self_score", "绩效自评综合得分"),
        ("evaluators", "filler_name", "填报人"),
        ("evaluators", "filler_phone", "填报人联系电话"),
    ]
    for name, label in (("staff_quota", "人员编制"), ("staff_actual", "实有人数")):
        if breakdown:
            wanted.append(("overview", f"{name}_admin", f"{label}（行政编制）"))
            wanted.append(("overview", f"{name}_public", f"{label}（事业编制）"))
        else:
            wanted.append(("overview", name, label))
    order = [section.slug for section in spec.sections]
    wanted.sort(key=lambda item: order.index(item[0]))
    for section, name, label in wanted:
        if _empty(getattr(report, name)):
            yield Finding(section, f"report-{name}", f"请填写“{label}”")


def required_rows(report):
    tables = (
        ("overview", "tasks", report.taskrows, "年度主要工作内容：请至少填写一项任务"),
        ("performance", "goals", report.goalrows, "定性目标：请至少填写一个预期目标"),
        ("evaluators", "evaluators", report.evaluatorrows, "评价人员：请至少填写一人"),
    )
    for section, prefix, rows, message in tables:
        if not rows.exists():
            yield Finding(section, f"{prefix}-table", message)
    institutions = report.spec.figures(report)
    if institutions["summary"]["values"].get("income_total") is None:
        yield Finding("finance", "institutions-table", "收支情况：请填写收入和支出金额")


def incomplete_rows(report):
    yield from incomplete_goals(report)
    for group in report.spec.enabled_groups(report):
        rows = [row for row in report.indicatorrows.all() if row.group == group.key]
        for index, row in enumerate(rows):
            for name, label in (("target", "绩效目标值"), ("actual", "完成情况")):
                if not getattr(row, name).strip():
                    yield Finding(
                        "performance",
                        f"indicators-{group.key}-{index}-{name}",
                        f"{group.label}“{row.name[:20]}”：请填写{label}",
                    )


def score_in_range(report):
    score = report.self_score
    if score is not None and not (Decimal(0) <= score <= Decimal(100)):
        yield Finding("performance", "report-self_score",
                      f"综合得分 {calc.plain(score)} 超出 0–100 的范围")


def required_narrative(report):
    for heading in report.spec.outline(report):
        if heading.key and _empty(report.narrative.get(heading.key)):
            yield Finding("narrative", f"narrative-{heading.key}", f"请填写“{heading.title}”（无内容时写“无”）")


# A figure label, a few characters of the same clause, then an amount in 万元.
_LABELS = sorted(
    ((synonym, key) for key, (_label, synonyms) in NARRATIVE_FIGURES.items() for synonym in synonyms),
    key=lambda item: -len(item[0]),
)
_LABEL_KEY = dict(_LABELS)
FIGURE_RE = re.compile(
    "(?P<label>" + "|".join(re.escape(s) for s, _k in _LABELS) + ")"
    r"[^0-9。；;，,：:\n]{0,8}?[：:]?(?P<amount>[-−－]?[0-9]+(?:\.[0-9]+)?)\s*万元"
)


# Words between a label and an amount that make the amount a change, not the figure itself:
# “人员经费比上年增加3.50万元”.
CHANGE_WORDS = ("增加", "减少", "增长", "下降", "降低", "上升", "比上年", "较上年", "同比", "节约", "超支", "差额")


def narrative_figures(text):
    """Every (figure key, amount as written, position) a narrative text states in 万元."""
    for match in FIGURE_RE.finditer(text or ""):
        between = match.group(0)[len(match["label"]):match.start("amount") - match.start()]
        if any(word in between for word in CHANGE_WORDS):
            continue
        try:
            amount = Decimal(match["amount"].replace("−", "-").replace("－", "-"))
        except InvalidOperation:
            continue
        yield _LABEL_KEY[match["label"]], amount, match.start()


def agrees(written, table_value):
    """A figure written with fewer decimals agrees with the table if it is the table's rounding."""
    if table_value is None:
        table_value = Decimal(0)
    places = -written.as_tuple().exponent if written.as_tuple().exponent < 0 else 0
    step = Decimal(1).scaleb(-places)
    return table_value.quantize(step, rounding="ROUND_HALF_UP") == written


def narrative_matches_tables(report):
    """A figure the narrative repeats must be the table's; so must 人员 + 公用 = 基本支出."""
    values = report.spec.narrative_values(report)
    source = report.spec.figures_source
    for heading in report.spec.outline(report):
        if not heading.key:
            continue
        stated = {}
        for key, amount, _position in narrative_figures(report.narrative.get(heading.key)):
            stated.setdefault(key, amount)
            if key not in values:
                continue  # a figure this form's tables do not hold
            if key == "balance_accumulated" and not report.option("balance_split"):
                continue  # the tables have no 累计结余 column to contradict
            table_value = values.get(key)
            if table_value is None and key in ("expense_personnel", "expense_public"):
                continue  # not in the table: checked through their sum below
            if not agrees(amount, table_value):
                label = NARRATIVE_FIGURES[key][0]
                shown = calc.q2(table_value) if table_value is not None else "空白"
                yield Finding(
                    "narrative",
                    f"narrative-{heading.key}",
                    f"“{heading.title}”写的{label} {amount} 万元与{source}的 {shown} 万元不一致",
                )
        personnel, public = stated.get("expense_personnel"), stated.get("expense_public")
        basic = values.get("expense_basic")
        # Where 基本支出 also holds 对个人和家庭的补助 (F4), each part is checked on its own above.
        two_parts = not values.get("expense_family")
        if two_parts and personnel is not None and public is not None and basic is not None:
            if not agrees(personnel + public, basic):
                yield Finding(
                    "narrative",
                    f"narrative-{heading.key}",
                    f"“{heading.title}”写的人员支出 {personnel} 万元与公用支出 {public} 万元之和"
                    f" {personnel + public} 万元，与基本支出 {calc.q2(basic)} 万元不一致",
                )


def budget_adds_up(report):
    """F2: both splits add up to 全年执行数; an execution above the budget is explained."""
    budget = report.budget
    executed = budget.executed
    for label, names, field in (
        ("按收入性质分", ("income_general", "income_government_fund", "income_special_account",
                      "income_other"), "budget-income_general"),
        ("按支出性质分", ("expense_basic", "expense_project"), "budget-expense_basic"),
    ):
        total = calc.add(*(getattr(budget, name) for name in names))
        if executed is not None and total != executed:
            shown = total if total is not None else "空白"
            yield Finding("table", field,
                          f"{label}合计 {shown} 万元，与全年执行数 {executed} 万元不一致")
    personnel, public = budget.expense_personnel, budget.expense_public
    if (personnel is not None or public is not None) and budget.expense_basic is not None:
        if calc.add(personnel, public) != budget.expense_basic:
            yield Finding("table", "budget-expense_personnel",
                          f"人员支出与公用支出之和 {calc.add(personnel, public)} 万元，"
                          f"与基本支出 {budget.expense_basic} 万元不一致")
    full_year = budget.budget_full_year
    if executed is not None and full_year is not None and executed > full_year:
        if not budget.over_budget_note.strip():
            yield Finding("table", "budget-over_budget_note",
                          f"全年执行数 {executed} 万元超过全年预算数 {full_year} 万元，请填写说明")


def budget_required(report):
    budget = report.budget
    for name, label in (("budget_full_year", "全年预算数"), ("executed", "全年执行数"),
                        ("score", "年度资金总额的自评得分")):
        if getattr(budget, name) is None:
            yield Finding("table", f"budget-{name}", f"请填写“{label}”")
    table = report.spec.scored_table(report)
    if not budget.reason.strip():
        for reason in table["budget_reasons"]:
            yield Finding("table", "budget-reason", f"年度资金总额：{reason.message}")


def scored_indicators(report):
    """F2: every indicator has its 分值 and 自评得分, a readable target, and its reasons."""
    spec = report.spec
    table = spec.scored_table(report)
    labels = {group.key: group.label for group in spec.groups}
    if not report.indicatorrows.exists():
        yield Finding("table", "indicators-quantity-table", "绩效指标：请至少填写一项指标")
    for row, index in _rows_by_group(report):
        prefix = f"indicators-{row.group}-{index}"
        result = table["rows"][prefix]
        where = f"{labels.get(row.group, row.group)}“{row.name[:20]}”"
        if row.weight is None:
            yield Finding("table", f"{prefix}-weight", f"{where}：请填写分值")
            continue
        if row.score is None:
            yield Finding("table", f"{prefix}-score", f"{where}：请填写自评得分")
        if not row.band and result["suggestion"] is None and result["message"]:
            yield Finding("table", f"{prefix}-target", f"{where}：{result['message']}")
        if result["reasons"] and not row.reason.strip():
            for reason in result["reasons"]:
                yield Finding("table", f"{prefix}-reason", f"{where}：{reason.message}")


def _rows_by_group(report):
    seen = {}
    for row in report.indicatorrows.all():
        index = seen.get(row.group, 0)
        seen[row.group] = index + 1
        yield row, index


def weights_add_up(report):
    table = report.spec.scored_table(report)
    for message in table["weight_errors"]:
        yield Finding("table", "indicators-quantity-table", message)
    for message in table["weight_warnings"]:
        yield Finding("table", "indicators-quantity-table", message, level="warning")


def required_goals(report):
    if not report.goalrows.exists():
        yield Finding("table", "goals-table", "年度总体目标：请至少填写一个预期目标")
    yield from incomplete_goals(report)


def incomplete_goals(report):
    section = report.spec.section_for_table("goals").slug
    for index, row in enumerate(report.goalrows.all()):
        if row.target.strip() and not row.actual.strip():
            yield Finding(section, f"goals-{index}-actual", f"目标{index + 1}：请填写实际完成情况")


def projects_complete(report):
    """F3: each project with its money adding up, its indicators and its report; on the scored
    version also its scores, a 100-point total of weights, and the reasons the form demands."""
    spec = report.spec
    projects = list(report.projects.prefetch_related("funds"))
    rows = list(report.indicatorrows.all())
    scored = spec.scored(report)
    threshold = spec.option(report, "reason_execution_below") or ("90" if scored else None)
    if not projects:
        yield Finding("projects", "projects-table", "请至少填写一个项目")
    required = (("budget_total", "预算数"), ("executed_total", "执行数"),
                ("target_overall", "预期目标"), ("actual_overall", "目标实际完成情况"))
    for project in projects:
        where = f"项目“{project.name}”"

        def at(section, field, message, project=project):
            return Finding(section, field, f"{where}：{message}", project=project.pk)

        for name, label in required:
            if _empty(getattr(project, name)):
                yield at("table", f"project-{name}", f"请填写{label}")
        figures = spec.project_figures(report, project)
        for column, total, label in (("budget", project.budget_total, "预算数"),
                                     ("executed", project.executed_total, "执行数")):
            split = figures["sums"][column]
            if total is not None and split is not None and split != total:
                yield at("table", "funds-table",
                         f"各资金来源的{label}合计 {split} 万元，与{label} {total} 万元不一致")
        rate = figures["execution_rate"]
        if (threshold is not None and rate is not None and rate < Decimal(str(threshold))
                and not project.execution_reason.strip()):
            yield at("table", "project-execution_reason",
                     f"执行率 {rate}% 低于 {threshold}%，请说明原因")
        indicators = spec.project_rows(report, project, rows)
        if not indicators:
            yield at("table", "indicators-quantity-table", "请至少填写一项绩效指标")
        yield from _indicator_values(indicators, at)
        if scored:
            yield from _project_scores(project, indicators, at)
        missing = [heading for heading in spec.project_outline(report)
                   if heading.key and _empty(project.narrative.get(heading.key))]
        if missing:
            # One line per project is enough to send the clerk to its report page.
            yield at("report", f"narrative-{missing[0].key}",
                     f"自评报告还有 {len(missing)} 个标题未填写（无内容时写“无”）")


def _indicator_values(indicators, at):
    """F3: an indicator that is named has its 预期指标值 and its 实际完成指标值."""
    seen = {}
    for row in indicators:
        index = seen.get(row.group, 0)
        seen[row.group] = index + 1
        if _empty(row.name):
            continue
        prefix = f"indicators-{row.group}-{index}"
        for name, label in (("target", "预期指标值"), ("actual", "实际完成指标值")):
            if _empty(getattr(row, name)):
                yield at("table", f"{prefix}-{name}", f"指标“{row.name[:20]}”：请填写{label}")


def _project_scores(project, indicators, at):
    """The scored 2023 table: every score given, weights totalling 100, reasons for lost points."""
    if project.budget_score is None:
        yield at("table", "project-budget_score", "请填写预算执行得分")
    weights = calc.add(project.budget_weight, *(row.weight for row in indicators)) or Decimal(0)
    if indicators and weights != 100:
        yield at("table", "indicators-quantity-table", f"权重合计应为 100，现为 {calc.plain(weights)}")
    seen = {}
    for row in indicators:
        index = seen.get(row.group, 0)
        seen[row.group] = index + 1
        prefix = f"indicators-{row.group}-{index}"
        label = f"指标“{row.name[:20]}”"
        if row.weight is None or row.score is None:
            yield at("table", f"{prefix}-score", f"{label}：请填写权重和得分")
        elif row.score < row.weight and not row.reason.strip():
            yield at("table", f"{prefix}-reason", f"{label}：得分低于权重，请填写未完成原因分析")


def overall_figures_complete(report):
    """F4: the figures the report is built on are there, and the 功能分类 adds up. On a version
    that asks only for the totals, those are required, and parts typed must add up to them."""
    overall = report.overall
    figures = report.spec.report_figures(report)
    if figures["totals_typed"]:
        required = (("income_total", "收入合计"), ("expense_total", "支出合计"),
                    ("carryover", "结转结余"))
    else:
        required = (("income_general", "一般公共预算财政拨款收入"), ("expense_personnel", "人员支出"),
                    ("expense_public", "日常公用支出"), ("expense_project", "项目支出"))
    for name, label in required:
        if getattr(overall, name) is None:
            yield Finding("figures", f"overall-{name}", f"请填写“{label}”")
    if figures["totals_typed"]:
        for name, label, first in (("income_total", "收入", "income_general"),
                                   ("expense_total", "支出", "expense_personnel")):
            typed, parts = getattr(overall, name), figures["parts"][name]
            if typed is not None and parts is not None and parts != typed:
                yield Finding("figures", f"overall-{first}",
                              f"{label}各分项之和 {parts} 万元，与填写的{label}合计 {typed} 万元不一致："
                              f"分项可以不填，填了的须与合计相符")
    expense_total = figures["expense_total"]
    functions = report.spec.function_table(list(report.functionrows.all()), expense_total)
    if functions["mismatch"]:
        yield Finding("figures", "functions-table",
                      f"功能分类支出合计 {functions['total']} 万元，与支出合计 {expense_total} 万元不一致")

