"""The scored table shared by the families that score (F2's 自评表, F3's 2023 project table):
suggestions, reasons, weights and the total, from plain values saved or being typed."""

from reports import calc

BUDGET_FIELDS = (
    "budget_initial", "budget_full_year", "executed", "weight", "score", "reason",
    "over_budget_note", "income_general", "income_government_fund", "income_special_account",
    "income_other", "expense_basic", "expense_personnel", "expense_public", "expense_project",
)


def json_ready(value):
    """Decimals as strings (two places), reasons as their messages: for the page's script."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    if hasattr(value, "message"):
        return value.message
    return value


def _indexed_by_group(rows):
    """(row, index within its group): the index the edit page's formset gives the row."""
    seen = {}
    for row in rows:
        index = seen.get(row.group, 0)
        seen[row.group] = index + 1
        yield row, index


def scored_table(spec, budget, rows, settings, wording):
    """The derived figures of a scored table, from plain values (saved or being typed).

    `budget` maps BUDGET_FIELDS to values; `rows` are dicts with key, group, target, actual,
    weight, score, band, reason. Returns the execution rate, suggestions, per-row messages, the
    一级 weight totals, 总分 (capped when the version says so), grade, and the findings the
    weights raise.
    """
    from reports import scoring

    rate = scoring.execution_rate(budget.get("executed"), budget.get("budget_full_year"))
    budget_weight = budget.get("weight")
    budget_suggestion = (
        scoring.suggest_budget_score(budget_weight, budget.get("executed"),
                                     budget.get("budget_full_year"))
        if budget_weight is not None and rate is not None else None
    )
    parents = {group.key: group.parent for group in spec.groups}
    weights = {"budget": budget_weight or calc.ZERO}
    results = {}
    for row in rows:
        weight = row.get("weight")
        parent = parents.get(row["group"])
        weights[parent] = weights.get(parent, calc.ZERO) + (weight or calc.ZERO)
        results[row["key"]] = indicator_result(row, settings)
    scores = [budget.get("score")] + [row.get("score") for row in rows]
    total = scoring.total_score(scores)
    capped = scoring.cap_by_execution_rate(total, rate, settings.get("cap_by_execution", False))
    errors, warnings = scoring.weight_findings(weights)
    return {
        "execution_rate": rate,
        "budget_suggestion": budget_suggestion,
        "budget_reasons": scoring.reasons_required(
            budget.get("score"), budget_weight, rate, None, None, settings
        ) if budget.get("score") is not None and budget_weight is not None else [],
        "rows": results,
        "weights": weights,
        "weights_total": sum(weights.values(), calc.ZERO),
        "uncapped_total": total,
        "total": capped,
        "grade": calc.grade(capped, wording),
        "weight_errors": errors,
        "weight_warnings": warnings,
    }


def indicator_result(row, settings):
    """One indicator's suggestion, or the message saying why none can be given."""
    from reports import scoring

    weight, score, band = row.get("weight"), row.get("score"), row.get("band")
    result = {"suggestion": None, "message": "", "band_range": None, "reasons": []}
    if weight is None:
        result["message"] = "请填写分值"
        return result
    target = scoring.parse_value(row.get("target") or "")
    actual = scoring.parse_value(row.get("actual") or "")
    if band:
        low, high = scoring.band_range(band, weight)
        result["band_range"] = (low, high)
        result["message"] = f"定性指标：本档得分范围 {calc.plain(low)}–{calc.plain(high)}"
    else:
        if target is None:
            if (row.get("target") or "").strip():
                result["message"] = (
                    f"无法从指标值“{row['target']}”读出数值，请把该指标标为定性指标（选择档次），"
                    "或把指标值写成数字，例如 100% 或 ≥95%"
                )
            else:
                result["message"] = "请填写年度指标值"
        elif actual is None:
            if (row.get("actual") or "").strip():
                result["message"] = f"无法从实际完成值“{row['actual']}”读出数值，请写成数字，例如 100%"
            else:
                result["message"] = "请填写实际完成值"
        else:
            suggestion = scoring.suggest_indicator_score(
                target, actual, weight, settings.get("reverse_rule", "linear")
            )
            if suggestion is None:
                result["message"] = "指标值与实际完成值的单位不一致，无法计算建议得分"
            result["suggestion"] = suggestion
    if score is not None:
        result["reasons"] = scoring.reasons_required(score, weight, None, actual, target, settings)
    return result
