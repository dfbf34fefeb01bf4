"""Suggested scores, 执行率, totals, caps, reasons and weights, as scoring.py computes them."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import calc, scoring
from reports.scoring import Parsed, parse_value

# 岳阳市云溪区科学技术协会 2024 (reference report 002): the 绩效指标 rows as typed, with
# (年度指标值, 实际完成值, 分值, 自评得分).
INDICATORS_002 = [
    ("精心组织了形式多样，内容丰富多彩的系列科普活动。", "100%", "100%", D("10"), D("10")),
    ("预算控制数", "78.3", "100%", D("5"), D("5")),
    ("三公经费控制率", "100%", "100%", D("5"), D("5")),
    ("任务完成时间", "1年", "100%", D("10"), D("10")),
    ("控制预算成本", "100%", "100%", D("10"), D("9")),
    ("为云溪的经济工作创造更多的价值。", "100%", "100%", D("10"), D("9")),
    ("进一步提高全区公民科普素质。", "100%", "100%", D("10"), D("10")),
    ("对生态无不利影响", "100%", "100%", D("10"), D("10")),
    ("加强科技人才工作，服务创新驱动发展。", "100%", "100%", D("10"), D("10")),
    ("社会公众或服务对象满意度高", "100%", "100%", D("10"), D("10")),
]
BUDGET_002 = {"weight": D("10"), "budget": D("78.3"), "executed": D("78.3"), "score": D("9.69")}


def number(value, unit=""):
    return Parsed(comparison=None, number=D(value), unit=unit, is_percent=unit == "%")


def target(comparison, value, unit=""):
    return Parsed(comparison=comparison, number=D(value), unit=unit, is_percent=unit == "%")


# --- report 002 -----------------------------------------------------------------------------


def test_execution_rate_of_report_002_is_100_percent():
    assert scoring.execution_rate(BUDGET_002["executed"], BUDGET_002["budget"]) == D("100.00")


def test_budget_score_of_report_002_suggests_the_full_weight():
    suggestion = scoring.suggest_budget_score(
        BUDGET_002["weight"], BUDGET_002["executed"], BUDGET_002["budget"]
    )

    assert suggestion == D("10.00")
    # The unit marked 9.69: lower than the suggestion, which the form allows.
    assert BUDGET_002["score"] < suggestion


@pytest.mark.parametrize(("name", "target_text", "actual_text", "weight", "score"), INDICATORS_002)
def test_every_indicator_of_report_002_suggests_its_full_weight(
    name, target_text, actual_text, weight, score
):
    suggestion = scoring.suggest_indicator_score(
        parse_value(target_text), parse_value(actual_text), weight
    )

    assert suggestion == weight
    assert score <= suggestion


def test_actual_in_percent_of_an_absolute_target_is_the_fraction_achieved():
    # 002: 预算控制数 78.3 reported as 100%, 任务完成时间 1年 reported as 100%.
    assert scoring.comparable_numbers(parse_value("78.3"), parse_value("100%")) == (
        D("78.3"), D("78.3")
    )
    assert scoring.comparable_numbers(parse_value("1年"), parse_value("100%")) == (D("1"), D("1"))
    assert scoring.suggest_from_text("≥4所", "50%", D("10")) == D("5.00")


def test_total_of_report_002_is_97_69_and_grades_excellent():
    scores = [BUDGET_002["score"]] + [row[4] for row in INDICATORS_002]

    total = scoring.total_score(scores)

    assert len(scores) == 11
    assert total == D("97.69")
    assert calc.grade(total, "short") == "优"


def test_weights_of_report_002_add_up_with_two_departures_from_the_standard():
    output = sum(row[3] for row in INDICATORS_002[:5])
    benefit = sum(row[3] for row in INDICATORS_002[5:9])
    satisfaction = INDICATORS_002[9][3]
    groups = {"budget": BUDGET_002["weight"], "output": output, "benefit": benefit,
              "satisfaction": satisfaction}

    errors, warnings = scoring.weight_findings(groups)

    assert groups == {"budget": 10, "output": 40, "benefit": 40, "satisfaction": 10}
    assert errors == []
    assert warnings == ["产出指标分值为 40，标准为 50", "效益指标分值为 40，标准为 30"]


def test_weights_summing_to_95_are_an_error():
    errors, warnings = scoring.weight_findings(
        {"budget": 10, "output": 45, "benefit": 30, "satisfaction": 10}
    )

    assert errors == ["全部分值合计应为 100，现为 95"]
    assert warnings == ["产出指标分值为 45，标准为 50"]


def test_missing_group_counts_as_zero():
    errors, warnings = scoring.weight_findings({"budget": 10, "output": 60, "benefit": 30})

    assert errors == []
    assert warnings == ["产出指标分值为 60，标准为 50", "满意度指标分值为 0，标准为 10"]


# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparison", "value", "unit"),
    [
        ("100%", None, "100", "%"),
        ("≥95%", "≥", "95", "%"),
        (">=95%", "≥", "95", "%"),
        ("＞90％", ">", "90", "%"),
        ("≤5%", "≤", "5", "%"),
        ("<=12", "≤", "12", ""),
        ("不少于4所", "≥", "4", "所"),
        ("不低于95%", "≥", "95", "%"),
        ("不超过12万元", "≤", "12", "万元"),
        ("不高于3次", "≤", "3", "次"),
        ("少于5天", "<", "5", "天"),
        ("低于2%", "<", "2", "%"),
        ("大于10个", ">", "10", "个"),
        ("=100%", "=", "100", "%"),
        ("12万元内", "≤", "12", "万元"),
        ("12万元以内", "≤", "12", "万元"),
        ("控制在12万元以内", "≤", "12", "万元"),
        ("1年", None, "1", "年"),
        ("78.3", None, "78.3", ""),
        ("3次", None, "3", "次"),
        ("100", None, "100", ""),
        ("20人", None, "20", "人"),
        ("达到95%以上", "≥", "95", "%"),
        ("达到95%", "≥", "95", "%"),
        ("95%以上", "≥", "95", "%"),
        ("3次及以上", "≥", "3", "次"),
        ("5%以下", "≤", "5", "%"),
        ("1,234.5万元", None, "1234.5", "万元"),
        ("１２３个", None, "123", "个"),
        ("≥ 95 %", "≥", "95", "%"),
    ],
)
def test_parse_value_reads_the_spellings_of_the_forms(text, comparison, value, unit):
    assert parse_value(text) == Parsed(
        comparison=comparison, number=D(value), unit=unit, is_percent=unit == "%"
    )


@pytest.mark.parametrize(
    "text",
    ["对生态无不利影响", "及时", "高", "良好", "全年", "约3次", "3次左右", "≥5%以下",
     "90%-100%", "以上", "", None, "5.30全国科技工作者日宣传活动"],
)
def test_parse_value_gives_none_for_what_it_cannot_read(text):
    assert parse_value(text) is None


@pytest.mark.parametrize("text", ["对生态无不利影响", "及时", "高"])
def test_unreadable_target_gives_no_suggestion(text):
    assert scoring.suggest_from_text(text, "100%", D("10")) is None
    assert scoring.suggest_indicator_score(parse_value(text), parse_value("100%"), D("10")) is None


@pytest.mark.parametrize(
    ("comparison", "expected"),
    [("≥", "positive"), (">", "positive"), ("≤", "reverse"), ("<", "reverse"), ("=", "equal"),
     (None, "equal")],
)
def test_direction_of_each_comparison(comparison, expected):
    assert scoring.direction(comparison) == expected


def test_reverse_hint_makes_an_unwritten_comparison_reverse_but_not_a_written_one():
    assert scoring.direction(None, reverse_hint=True) == "reverse"
    assert scoring.direction("=", reverse_hint=True) == "equal"
    assert scoring.direction("≥", reverse_hint=True) == "positive"
    assert scoring.suggest_from_text("10万元", "15万元", D("10"), reverse_hint=True) == D("5.00")
    assert scoring.suggest_from_text("10万元", "15万元", D("10")) == D("10.00")


# --- indicator scores -------------------------------------------------------------------------


@pytest.mark.parametrize("comparison", ["≥", ">", "=", None, "≤", "<"])
@pytest.mark.parametrize("rule", ["linear", "ratio"])
def test_actual_exactly_at_target_earns_the_full_weight(comparison, rule):
    suggestion = scoring.suggest_indicator_score(
        target(comparison, "95", "%"), number("95", "%"), D("10"), reverse_rule=rule
    )

    assert suggestion == D("10.00")


def test_positive_indicator_below_target_earns_its_share():
    assert scoring.suggest_from_text("≥4所", "3所", D("10")) == D("7.50")
    assert scoring.suggest_from_text("≥95%", "90%", D("5")) == D("4.74")
    assert scoring.suggest_from_text("≥95%", "99%", D("5")) == D("5.00")


def test_equal_indicator_with_positive_target_is_scored_as_positive():
    assert scoring.suggest_from_text("4次", "3次", D("10")) == D("7.50")
    assert scoring.suggest_from_text("4次", "6次", D("10")) == D("10.00")


@pytest.mark.parametrize(
    ("comparison", "actual", "expected"),
    [
        ("≥", "0", "10.00"),
        ("≥", "3", "10.00"),
        ("=", "0", "10.00"),
        ("=", "1", "0.00"),
        ("≤", "0", "10.00"),
        ("≤", "1", "0.00"),
    ],
)
@pytest.mark.parametrize("rule", ["linear", "ratio"])
def test_zero_target(comparison, actual, expected, rule):
    suggestion = scoring.suggest_indicator_score(
        target(comparison, "0"), number(actual), D("10"), reverse_rule=rule
    )

    assert suggestion == D(expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("10", "10.00"), ("9", "10.00"), ("12", "8.00"), ("15", "5.00"), ("19.99", "0.01"),
     ("20", "0.00"), ("35", "0.00")],
)
def test_reverse_indicator_linear_rule(actual, expected):
    suggestion = scoring.suggest_indicator_score(target("≤", "10"), number(actual), D("10"))

    assert suggestion == D(expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("10", "10.00"), ("15", "6.67"), ("20", "5.00"), ("40", "2.50")],
)
def test_reverse_indicator_ratio_rule(actual, expected):
    suggestion = scoring.suggest_indicator_score(
        target("≤", "10"), number(actual), D("10"), reverse_rule="ratio"
    )

    assert suggestion == D(expected)


def test_unknown_reverse_rule_is_refused():
    with pytest.raises(ValueError):
        scoring.suggest_indicator_score(target("≤", "10"), number("15"), D("10"), reverse_rule="x")


def test_percent_target_reads_a_bare_actual_up_to_100_as_percent():
    assert scoring.suggest_from_text("≥95%", "95", D("10")) == D("10.00")
    assert scoring.suggest_from_text("≥95%", "47.5", D("10")) == D("5.00")
    assert scoring.suggest_from_text("≥95%", "120", D("10")) is None


def test_units_that_do_not_agree_give_no_suggestion():
    assert scoring.suggest_from_text("≥95%", "3次", D("10")) is None
    assert scoring.suggest_from_text("≥4所", "4次", D("10")) is None
    assert scoring.suggest_from_text("≥4所", "4", D("10")) == D("10.00")
    assert scoring.suggest_from_text("4", "4所", D("10")) == D("10.00")


def test_negative_actual_counts_as_zero():
    assert scoring.suggest_indicator_score(target("≥", "10"), number("-5"), D("10")) == D("0.00")
    assert scoring.suggest_indicator_score(target("≤", "10"), number("-5"), D("10")) == D("10.00")
    assert scoring.suggest_indicator_score(target("=", "0"), number("-5"), D("10")) == D("10.00")


def test_missing_side_gives_no_suggestion():
    assert scoring.suggest_indicator_score(None, number("5"), D("10")) is None
    assert scoring.suggest_indicator_score(target("≥", "5"), None, D("10")) is None
    assert scoring.suggest_indicator_score(target("≥", "5"), number("5"), None) is None


# --- qualitative bands ------------------------------------------------------------------------


def test_band_ranges_for_weight_10():
    assert scoring.band_range("achieved", D("10")) == (D("8"), D("10"))
    assert scoring.band_range("partial", D("10")) == (D("6"), D("8"))
    assert scoring.band_range("missed", D("10")) == (D("0"), D("6"))


@pytest.mark.parametrize(
    ("score", "band"),
    [("10", "achieved"), ("8", "achieved"), ("7.99", "partial"), ("6", "partial"),
     ("5.99", "missed"), ("0", "missed")],
)
def test_each_score_lies_in_exactly_one_band(score, band):
    found = [name for name in scoring.QUALITATIVE_BANDS
             if scoring.score_in_band(name, D("10"), D(score))]

    assert found == [band]


def test_score_above_the_weight_is_in_no_band():
    assert not any(scoring.score_in_band(name, D("10"), D("10.01"))
                   for name in scoring.QUALITATIVE_BANDS)


def test_band_bounds_are_exact_for_uneven_weights():
    assert scoring.band_range("achieved", D("7.33")) == (D("5.864"), D("7.33"))
    assert not scoring.score_in_band("achieved", D("7.33"), D("5.86"))
    assert scoring.score_in_band("partial", D("7.33"), D("5.86"))
    assert scoring.score_in_band("achieved", D("7.33"), D("5.87"))


# --- 预算执行 ---------------------------------------------------------------------------------


def test_execution_rate_cannot_be_computed_without_a_budget():
    assert scoring.execution_rate(D("5"), D("0")) is None
    assert scoring.execution_rate(D("5"), None) is None
    assert scoring.suggest_budget_score(D("10"), D("5"), D("0")) is None


def test_budget_score_is_weight_times_execution_rate_capped_at_100_percent():
    assert scoring.execution_rate(D("70.47"), D("78.3")) == D("90.00")
    assert scoring.suggest_budget_score(D("10"), D("70.47"), D("78.3")) == D("9.00")
    assert scoring.suggest_budget_score(D("10"), D("90"), D("78.3")) == D("10.00")
    assert scoring.suggest_budget_score(D("10"), D("-1"), D("78.3")) == D("0.00")


# --- totals and caps --------------------------------------------------------------------------


def test_total_score_ignores_blanks_and_is_blank_when_all_are():
    assert scoring.total_score([D("9.5"), None, D("10")]) == D("19.50")
    assert scoring.total_score([None, None]) is None
    assert scoring.total_score([]) is None


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("49.99", "59"),
        ("50", "69"),
        ("59.99", "69"),
        ("60", "79"),
        ("69.99", "79"),
        ("70", "89"),
        ("79.99", "89"),
        ("80", "97.69"),
        ("100", "97.69"),
    ],
)
def test_cap_by_execution_rate_at_each_boundary(rate, expected):
    assert scoring.cap_by_execution_rate(D("97.69"), D(rate), enabled=True) == D(expected)


def test_cap_by_execution_rate_keeps_a_lower_total():
    assert scoring.cap_by_execution_rate(D("55"), D("40"), enabled=True) == D("55")


def test_cap_by_execution_rate_disabled_or_blank_keeps_the_total():
    assert scoring.cap_by_execution_rate(D("97.69"), D("40"), enabled=False) == D("97.69")
    assert scoring.cap_by_execution_rate(D("97.69"), None, enabled=True) == D("97.69")
    assert scoring.cap_by_execution_rate(None, D("40"), enabled=True) is None


# --- reasons ----------------------------------------------------------------------------------


def codes(reasons):
    return [reason.code for reason in reasons]


def test_default_settings_are_those_of_the_2024_hunan_form():
    assert scoring.DEFAULT_SETTINGS == {
        "reason_below_weight": True,
        "reason_execution_below": None,
        "reason_actual_above_target_pct": None,
        "cap_by_execution": False,
        "reverse_rule": "linear",
    }


def test_score_below_weight_requires_a_reason():
    # 002's 控制预算成本: met, but marked 9 of 10.
    reasons = scoring.reasons_required(
        D("9"), D("10"), None, parse_value("100%"), parse_value("100%"), scoring.DEFAULT_SETTINGS
    )

    assert reasons == [scoring.Reason("score_below_weight", "自评得分低于分值，请填写偏差原因")]


def test_full_score_requires_no_reason():
    assert scoring.reasons_required(D("10"), D("10"), D("100"), None, None, None) == []


def test_score_below_weight_is_not_demanded_when_the_version_turns_it_off():
    reasons = scoring.reasons_required(
        D("9"), D("10"), None, None, None, {"reason_below_weight": False}
    )

    assert reasons == []


def test_execution_below_threshold_requires_a_reason_only_when_enabled():
    sichuan = {"reason_execution_below": "90"}

    enabled = scoring.reasons_required(D("10"), D("10"), D("89.99"), None, None, sichuan)
    at_threshold = scoring.reasons_required(D("10"), D("10"), D("90"), None, None, sichuan)
    disabled = scoring.reasons_required(D("10"), D("10"), D("50"), None, None, {})

    assert enabled == [scoring.Reason("execution_below_90", "执行率低于 90%，请说明原因")]
    assert at_threshold == []
    assert disabled == []


def test_actual_far_above_target_requires_a_reason_only_when_enabled():
    settings = {"reason_actual_above_target_pct": "30"}

    far = scoring.reasons_required(
        D("10"), D("10"), None, parse_value("13所"), parse_value("≥10所"), settings
    )
    near = scoring.reasons_required(
        D("10"), D("10"), None, parse_value("12.99所"), parse_value("≥10所"), settings
    )
    disabled = scoring.reasons_required(
        D("10"), D("10"), None, parse_value("30所"), parse_value("≥10所"), {}
    )

    assert far == [scoring.Reason(
        "actual_far_above_target", "实际完成值超过指标值 30% 以上，请说明指标值是否设置偏低"
    )]
    assert near == []
    assert disabled == []


def test_reverse_target_far_exceeded_needs_only_the_below_weight_reason():
    settings = {"reason_actual_above_target_pct": "30"}

    reasons = scoring.reasons_required(
        D("0"), D("10"), None, parse_value("30万元"), parse_value("≤10万元"), settings
    )

    assert codes(reasons) == ["score_below_weight"]


def test_all_three_reasons_in_form_order():
    settings = {"reason_execution_below": "90", "reason_actual_above_target_pct": "30"}

    reasons = scoring.reasons_required(
        D("8"), D("10"), D("80"), parse_value("200%"), parse_value("≥95%"), settings
    )

    assert codes(reasons) == ["score_below_weight", "execution_below_90", "actual_far_above_target"]


# --- properties -------------------------------------------------------------------------------

two_places = st.integers(min_value=0, max_value=10_000).map(lambda cents: D(cents) / 100)
weights = two_places
positive_targets = st.integers(min_value=1, max_value=1_000_000).map(lambda cents: D(cents) / 100)
actuals = st.integers(min_value=-100_000, max_value=10_000_000).map(lambda cents: D(cents) / 100)
comparisons = st.sampled_from(["≥", ">", "=", None, "≤", "<"])
rules = st.sampled_from(["linear", "ratio"])


@given(comparisons, positive_targets, actuals, weights, rules)
def test_suggestion_is_never_above_the_weight_nor_below_zero(comparison, a, b, w, rule):
    suggestion = scoring.suggest_indicator_score(
        target(comparison, a), number(b), w, reverse_rule=rule
    )

    assert D("0") <= suggestion <= w


@given(comparisons, positive_targets, st.integers(0, 100_000).map(lambda c: D(c) / 100), weights,
       rules)
def test_suggestion_for_percent_actual_stays_within_the_weight(comparison, a, pct, w, rule):
    for unit in ("", "%", "所"):
        suggestion = scoring.suggest_indicator_score(
            target(comparison, a, unit), number(pct, "%"), w, reverse_rule=rule
        )

        assert D("0") <= suggestion <= w


@st.composite
def scored_groups(draw):
    """Weights summing to 100 (cut points on 0–100 in cents) and a score within each."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=0, max_size=12)))
    bounds = [0] + cuts + [10_000]
    scores = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        weight_cents = high - low
        scores.append(D(draw(st.integers(0, weight_cents))) / 100)
    blanks = draw(st.lists(st.none(), max_size=3))
    return scores + blanks


@given(scored_groups())
def test_total_of_scores_within_weights_summing_to_100_is_never_above_100(scores):
    assert scoring.total_score(scores) <= D("100")


@given(st.sampled_from(["≥", ">", "=", None]), positive_targets, actuals, actuals, weights)
def test_positive_suggestion_never_falls_when_the_actual_rises(comparison, a, b1, b2, w):
    low, high = sorted([b1, b2])
    scored = target(comparison, a)

    assert (scoring.suggest_indicator_score(scored, number(low), w)
            <= scoring.suggest_indicator_score(scored, number(high), w))


@given(st.sampled_from(["≤", "<"]), positive_targets, actuals, actuals, weights, rules)
def test_reverse_suggestion_never_rises_when_the_actual_rises(comparison, a, b1, b2, w, rule):
    low, high = sorted([b1, b2])
    scored = target(comparison, a)

    assert (scoring.suggest_indicator_score(scored, number(low), w, reverse_rule=rule)
            >= scoring.suggest_indicator_score(scored, number(high), w, reverse_rule=rule))


@given(weights, actuals, positive_targets)
def test_budget_score_is_never_above_the_weight(w, executed, budget):
    suggestion = scoring.suggest_budget_score(w, executed, budget)

    assert D("0") <= suggestion <= w


@given(weights, st.integers(0, 10_000).map(lambda c: D(c) / 100))
def test_every_score_within_the_weight_lies_in_exactly_one_band(w, score):
    if score > w:
        score = w
    found = [name for name in scoring.QUALITATIVE_BANDS if scoring.score_in_band(name, w, score)]

    assert len(found) == 1
