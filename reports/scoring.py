"""Scores of the 自评表: pure functions over Decimal, no Django.

The rules are those of TEMPLATES.md, "Grades and scores common to all families", which follow
the 财政部 一体化 绩效 module and 财预〔2020〕10号:

- targets (年度指标值) and actuals (实际完成值) are kept as typed for printing; `parse_value`
  reads the comparison, number and unit out of them for scoring, and gives None when it cannot
  (qualitative targets such as `及时`): the caller then asks the user for the score;
- each indicator's score is suggested from A = 指标值, B = 实际完成值 and w = 分值; the unit may
  mark lower and must then give the 偏差原因 (`reasons_required`);
- the 预算执行 row is scored from the 执行率;
- the rules that differ between provinces (the reverse rule, the reasons demanded, the cap by
  执行率) are settings of the form version, see `DEFAULT_SETTINGS`.

Grades and rounding are calc's (`calc.grade`, `calc.q2`).
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from reports.calc import ZERO, add, plain, q2, ratio_percent

HUNDRED = Decimal("100")

# Comparisons as the forms print them.
AT_LEAST = "≥"
MORE_THAN = ">"
EQUAL_TO = "="
AT_MOST = "≤"
LESS_THAN = "<"
COMPARISONS = (AT_LEAST, MORE_THAN, EQUAL_TO, AT_MOST, LESS_THAN)

# Directions of an indicator.
POSITIVE = "positive"
EQUAL = "equal"
REVERSE = "reverse"

# The two reverse rules a form version may choose.
REVERSE_LINEAR = "linear"
REVERSE_RATIO = "ratio"
REVERSE_RULES = (REVERSE_LINEAR, REVERSE_RATIO)


@dataclass(frozen=True)
class Parsed:
    """A target or actual as read from its text: `≥95%` is (≥, 95, "%", True).

    `comparison` is None when the text writes none (`1年`, `78.3`, `100%`): `direction` reads
    that as 等于. `unit` is "" for a bare number.
    """

    comparison: str | None
    number: Decimal
    unit: str
    is_percent: bool


# Words and signs before the number, matched longest first. "达到" and "控制在" are soft: a
# trailing 以上/以下 decides (`达到95%以上`, `控制在12万元以内`), otherwise they mean ≥ and ≤.
_PREFIXES = {
    ">=": AT_LEAST, "=>": AT_LEAST, "≥": AT_LEAST, "≧": AT_LEAST, "⩾": AT_LEAST,
    "不少于": AT_LEAST, "不低于": AT_LEAST, "不小于": AT_LEAST, "至少": AT_LEAST,
    "大于等于": AT_LEAST, "大于或等于": AT_LEAST,
    ">": MORE_THAN, "大于": MORE_THAN, "高于": MORE_THAN, "多于": MORE_THAN, "超过": MORE_THAN,
    "<=": AT_MOST, "=<": AT_MOST, "≤": AT_MOST, "≦": AT_MOST, "⩽": AT_MOST,
    "不超过": AT_MOST, "不高于": AT_MOST, "不大于": AT_MOST, "不多于": AT_MOST,
    "小于等于": AT_MOST, "小于或等于": AT_MOST, "至多": AT_MOST, "最多": AT_MOST,
    "<": LESS_THAN, "少于": LESS_THAN, "低于": LESS_THAN, "小于": LESS_THAN,
    "==": EQUAL_TO, "=": EQUAL_TO, "等于": EQUAL_TO,
}
_SOFT_PREFIXES = {"达到": AT_LEAST, "控制在": AT_MOST}
_SUFFIXES = {
    "及以上": AT_LEAST, "以上": AT_LEAST,
    "及以下": AT_MOST, "以下": AT_MOST,
    "以内": AT_MOST, "之内": AT_MOST, "内": AT_MOST,
}
# An approximate figure (`约3次`, `3次左右`) is no target to score against: ask the user.
_APPROXIMATE = ("约", "左右", "大约", "大概")

_NUMBER_AND_UNIT = re.compile(
    r"(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    # A unit is "%" or a short word (所, 万元, 人次, 元/人); a longer tail is prose, not a unit.
    r"(?P<unit>%|‰|[A-Za-z\u4e00-\u9fff]{1,4}(?:/[A-Za-z\u4e00-\u9fff]{1,4})?)?"
)


def _longest_first(words):
    return sorted(words, key=len, reverse=True)


def parse_value(text):
    """Read a 指标值 or 完成值 as the forms write it; None when it cannot be read.

    Full-width signs and digits are folded (`＞90％` is `>90%`), thousands commas dropped
    (`1,200万元`). The comparison comes from a leading sign or word (`≥`, `>=`, `不少于`,
    `不低于`, `不超过`, `不高于` → ≥/≤; `大于`, `超过` → >; `少于`, `低于` → <) or from a
    trailing word (`以上` → ≥; `以下`, `以内`, `内` → ≤). Qualitative text (`及时`, `高`,
    `对生态无不利影响`), approximate figures (`约3次`), ranges and contradictory comparisons
    (`≥5%以下`) give None.
    """
    if text is None:
        return None
    value = unicodedata.normalize("NFKC", str(text))
    value = "".join(value.split())
    if not value or any(word in value for word in _APPROXIMATE):
        return None

    suffix = None
    for word in _longest_first(_SUFFIXES):
        if value.endswith(word) and len(value) > len(word):
            value, suffix = value[: -len(word)], _SUFFIXES[word]
            break

    prefix = soft = None
    for word in _longest_first(list(_PREFIXES) + list(_SOFT_PREFIXES)):
        if value.startswith(word):
            value = value[len(word):]
            if word in _PREFIXES:
                prefix = _PREFIXES[word]
            else:
                soft = _SOFT_PREFIXES[word]
            break

    match = _NUMBER_AND_UNIT.fullmatch(value)
    if match is None:
        return None
    if prefix and suffix and _sense(prefix) != _sense(suffix):
        return None
    comparison = prefix or suffix or soft
    unit = match["unit"] or ""
    number = Decimal(match["number"].replace(",", ""))
    return Parsed(comparison=comparison, number=number, unit=unit, is_percent=unit == "%")


def _sense(comparison):
    """Whether a comparison bounds from below (True) or above (False); = is neither."""
    return {AT_LEAST: True, MORE_THAN: True, AT_MOST: False, LESS_THAN: False}.get(comparison)


def direction(comparison, reverse_hint=False):
    """正向 for ≥ and >, 反向 for ≤ and <, 等于 for = or no comparison written.

    `reverse_hint` turns an unwritten comparison into 反向: a 成本 indicator typed as `12万元`
    is a cap. A written `=` stays 等于.
    """
    if comparison in (AT_LEAST, MORE_THAN):
        return POSITIVE
    if comparison in (AT_MOST, LESS_THAN):
        return REVERSE
    if comparison is None and reverse_hint:
        return REVERSE
    return EQUAL


def comparable_numbers(target, actual):
    """(A, B) for scoring `actual` against `target`, or None when the units do not agree.

    - A percentage target with an actual that is a bare number ≤ 100 reads the actual as a
      percentage (`95%` against `98`). A bare number above 100 is ambiguous: None.
    - An absolute target (`78.3`, `1年`, `4所`) with an actual written as a percentage reads the
      actual as the fraction of the target achieved: B = A × pct ÷ 100. This is how 002 reports
      its 预算控制数 (`78.3` → `100%`) and 任务完成时间 (`1年` → `100%`).
    - Otherwise the units must be the same, or one of them blank (`4所` against `4`).
    """
    if target is None or actual is None:
        return None
    a = target.number
    if target.is_percent:
        if actual.is_percent or (actual.unit == "" and actual.number <= HUNDRED):
            return a, actual.number
        return None
    if actual.is_percent:
        return a, a * actual.number / HUNDRED
    if actual.unit == target.unit or "" in (actual.unit, target.unit):
        return a, actual.number
    return None


def indicator_score(a, b, weight, way, reverse_rule=REVERSE_LINEAR):
    """The suggested score of one indicator from A, B and w (TEMPLATES.md, "Grades and scores").

    A negative B counts as 0 (as the 财政部 一体化 绩效 module does).
    - 正向: B ≥ A → w, else B ÷ A × w; with A = 0 every B ≥ 0 meets it → w.
    - 等于: as 正向 when A > 0; with A = 0, B ≤ 0 → w, else 0.
    - 反向, rule "linear": B ≤ A → w; A < B < 2A → (1 − (B − A) ÷ A) × w; B ≥ 2A → 0.
      Rule "ratio" (some provinces' older forms): B ≤ A → w, else A ÷ B × w.
      With A = 0 under either rule: B ≤ 0 → w, else 0.
    The result is rounded to two places (calc.q2) and kept within [0, w]; w has two places.
    A negative A (or w) cannot be scored: None.
    """
    if reverse_rule not in REVERSE_RULES:
        raise ValueError(f"unknown reverse rule {reverse_rule!r}")
    if way not in (POSITIVE, EQUAL, REVERSE):
        raise ValueError(f"unknown direction {way!r}")
    if a is None or b is None or weight is None or a < 0 or weight < 0:
        return None
    b = max(b, ZERO)
    if way == POSITIVE or (way == EQUAL and a > 0):
        share = Decimal(1) if a == 0 or b >= a else b / a
    elif a == 0:
        # 等于 or 反向 against a zero target (e.g. 安全事故 0 起): anything above 0 misses it.
        share = Decimal(1) if b <= 0 else ZERO
    elif b <= a:
        share = Decimal(1)
    elif reverse_rule == REVERSE_RATIO:
        share = a / b
    else:
        share = max(ZERO, 1 - (b - a) / a)
    return q2(min(max(share * weight, ZERO), weight))


def suggest_indicator_score(
    target, actual, weight, reverse_rule=REVERSE_LINEAR, reverse_hint=False
):
    """The suggested 自评得分 of one indicator from its parsed target and actual.

    The direction is the target's comparison (see `direction`); A and B come from
    `comparable_numbers`, so an actual typed as a percentage of an absolute target counts as
    the fraction of the target achieved. None when either side could not be read or the units
    do not agree: the caller asks the user for the score.
    """
    if target is None or actual is None or weight is None:
        return None
    numbers = comparable_numbers(target, actual)
    if numbers is None:
        return None
    way = direction(target.comparison, reverse_hint)
    return indicator_score(*numbers, Decimal(weight), way, reverse_rule)


def suggest_from_text(target_text, actual_text, weight, reverse_rule=REVERSE_LINEAR,
                      reverse_hint=False):
    """`suggest_indicator_score` over the texts as typed; None when either cannot be read."""
    return suggest_indicator_score(
        parse_value(target_text), parse_value(actual_text), weight, reverse_rule, reverse_hint
    )


@dataclass(frozen=True)
class Band:
    """A 定性 band: the user picks it and types a score between low × w and high × w."""

    label: str
    low: Decimal
    high: Decimal
    includes_high: bool


QUALITATIVE_BANDS = {
    "achieved": Band("达成年度指标", Decimal("0.8"), Decimal("1"), True),
    "partial": Band("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"), False),
    "missed": Band("未达成年度指标且效果较差", Decimal("0"), Decimal("0.6"), False),
}


def band_range(band, weight):
    """(low, high) of a 定性 band for weight w: achieved [0.8w, w], partial [0.6w, 0.8w),
    missed [0, 0.6w). The bounds are exact, not rounded (w = 7.33 gives 5.864): round them
    for display only, and check scores with `score_in_band`.
    """
    spec = QUALITATIVE_BANDS[band]
    weight = Decimal(weight)
    return spec.low * weight, spec.high * weight


def score_in_band(band, weight, score):
    """Whether `score` lies in the band for weight w; only "achieved" includes its upper bound."""
    low, high = band_range(band, weight)
    score = Decimal(score)
    if QUALITATIVE_BANDS[band].includes_high:
        return low <= score <= high
    return low <= score < high


def execution_rate(executed, budget):
    """执行率 = 全年执行数 ÷ 全年预算数, as a percentage with two places (78.3 of 78.3 → 100.00).

    None when the budget is 0 or blank, or nothing was executed (blank).
    """
    return ratio_percent(executed, budget)


def suggest_budget_score(weight, executed, budget):
    """The 预算执行 row's suggested score: w × min(执行率, 100%), two places.

    Computed from the 执行率 as printed (two places), so the score matches the rate on the form.
    Never above w nor below 0; None when the 执行率 cannot be computed (budget 0 or blank).
    """
    rate = execution_rate(executed, budget)
    if rate is None or weight is None:
        return None
    weight = Decimal(weight)
    share = min(max(rate, ZERO), HUNDRED) / HUNDRED
    return min(q2(weight * share), weight)


def total_score(scores):
    """总分 = the sum of all 自评得分, blanks ignored, two places; None when every one is blank."""
    return add(*scores)


# Cap of the 总分 by 执行率 (some provinces): (rate below, highest 总分), tightest first.
EXECUTION_CAPS = (
    (Decimal("50"), Decimal("59")),
    (Decimal("60"), Decimal("69")),
    (Decimal("70"), Decimal("79")),
    (Decimal("80"), Decimal("89")),
)


def cap_by_execution_rate(total, rate, enabled):
    """The 总分 capped by the 执行率, when the form version enables the cap.

    执行率 < 50% → at most 59; 50 ≤ rate < 60 → 69; 60 ≤ rate < 70 → 79; 70 ≤ rate < 80 → 89.
    The total comes back unchanged when the cap is off, the rate is ≥ 80% or either is blank.
    """
    if not enabled or total is None or rate is None:
        return total
    for below, highest in EXECUTION_CAPS:
        if rate < below:
            return min(total, highest)
    return total


# Settings of a form version for the rules that differ between provinces. The 2024 湖南 form
# (F2): a score below its 分值 needs the 偏差原因; nothing else.
DEFAULT_SETTINGS = {
    # A 自评得分 below its 分值 requires the 偏差原因分析 (every family).
    "reason_below_weight": True,
    # A 执行率 below this percentage requires a reason ("90" for 四川 2023); None or "" = off.
    "reason_execution_below": None,
    # An actual this many percent or more above a (正向 or 等于) target requires saying whether
    # the target was set too low ("30" in some provinces); None or "" = off.
    "reason_actual_above_target_pct": None,
    # Cap the 总分 by the 执行率 (`cap_by_execution_rate`).
    "cap_by_execution": False,
    # The 反向 rule: "linear" (1 − (B − A) ÷ A) × w or "ratio" A ÷ B × w.
    "reverse_rule": REVERSE_LINEAR,
}


@dataclass(frozen=True)
class Reason:
    """Why a reason must be written: a stable code and the message shown beside the field."""

    code: str
    message: str


SCORE_BELOW_WEIGHT = "score_below_weight"
EXECUTION_BELOW = "execution_below_90"
ACTUAL_FAR_ABOVE_TARGET = "actual_far_above_target"


def _threshold(value):
    """A percentage setting: None, "" and False mean off."""
    if value is None or value is False or value == "":
        return None
    return Decimal(str(value))


def reasons_required(score, weight, execution_rate, actual, target, settings=None,
                     reverse_hint=False):
    """The reasons the form demands for one row, as a list of `Reason`, in form order.

    - score_below_weight: 自评得分 < 分值, when `reason_below_weight` is on.
    - execution_below_90: 执行率 below `reason_execution_below` (the code keeps its name
      whatever the threshold; the message says the threshold).
    - actual_far_above_target: B ≥ A × (1 + pct ÷ 100) with pct =
      `reason_actual_above_target_pct`, for a 正向 or 等于 target with A > 0 (a 反向 target far
      exceeded is already scored down). A and B as in `comparable_numbers`.
    Blank inputs give no reason. `settings` is merged over `DEFAULT_SETTINGS`.
    """
    settings = {**DEFAULT_SETTINGS, **(settings or {})}
    reasons = []
    if (
        settings["reason_below_weight"]
        and score is not None
        and weight is not None
        and Decimal(score) < Decimal(weight)
    ):
        reasons.append(Reason(SCORE_BELOW_WEIGHT, "自评得分低于分值，请填写偏差原因"))

    threshold = _threshold(settings["reason_execution_below"])
    if threshold is not None and execution_rate is not None and execution_rate < threshold:
        reasons.append(Reason(EXECUTION_BELOW, f"执行率低于 {plain(threshold)}%，请说明原因"))

    margin = _threshold(settings["reason_actual_above_target_pct"])
    numbers = comparable_numbers(target, actual)
    if margin is not None and numbers is not None:
        a, b = numbers
        way = direction(target.comparison, reverse_hint)
        if way != REVERSE and a > 0 and b >= a * (1 + margin / HUNDRED):
            reasons.append(Reason(
                ACTUAL_FAR_ABOVE_TARGET,
                f"实际完成值超过指标值 {plain(margin)}% 以上，请说明指标值是否设置偏低",
            ))
    return reasons


# The weights the F2 form prints for its 一级 groups; units may shift weight between them.
STANDARD_WEIGHTS = {"budget": 10, "output": 50, "benefit": 30, "satisfaction": 10}
GROUP_LABELS = {
    "budget": "预算执行",
    "output": "产出指标",
    "benefit": "效益指标",
    "satisfaction": "满意度指标",
}


def weight_findings(groups, standard=None):
    """(errors, warnings) about the 分值 of the 一级 groups (key → total 分值 of the group).

    All 分值 together must be 100: otherwise an error. A group whose total departs from the
    standard weight is a warning only (002 uses 10 / 40 / 40 / 10). A standard group missing
    from `groups` counts as 0.
    """
    standard = STANDARD_WEIGHTS if standard is None else standard
    totals = {key: Decimal(str(value or 0)) for key, value in groups.items()}
    errors, warnings = [], []
    overall = sum(totals.values(), ZERO)
    if overall != HUNDRED:
        errors.append(f"全部分值合计应为 100，现为 {plain(overall)}")
    for key, expected in standard.items():
        actual = totals.get(key, ZERO)
        if actual != Decimal(str(expected)):
            label = GROUP_LABELS.get(key, key)
            warnings.append(f"{label}分值为 {plain(actual)}，标准为 {plain(Decimal(str(expected)))}")
    return errors, warnings
