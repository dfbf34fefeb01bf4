"""Totals, ratios and grades: pure functions over Decimal, no Django.

The rules are data (the DERIVED tuples) so that the browser's live totals script can be handed
the very same rules the server applies (see families.F1.live_rules). A blank cell is None and
stays distinct from 0: the forms print blank cells blank, and a computed cell whose inputs are
all blank is blank too.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def q2(value):
    """Round to two places, half up, as the 财政 forms do; None stays None."""
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def add(*values):
    """Sum that treats blanks as 0 but is blank when every value is blank."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return q2(sum(present, ZERO))


def subtract(minuend, subtrahend):
    if minuend is None and subtrahend is None:
        return None
    return q2((minuend or ZERO) - (subtrahend or ZERO))


# F1 二、收支情况: (computed column, columns added, columns subtracted), in dependency order.
INCOME_COLUMNS = (
    "income_carryover",
    "income_public_finance",
    "income_government_fund",
    "income_special_account",
    "income_other",
)
EXPENSE_COLUMNS = ("expense_personnel", "expense_public", "expense_project")
THREE_PUBLIC_COLUMNS = (
    "three_reception",
    "three_car_operation",
    "three_car_purchase",
    "three_overseas",
)
ASSET_COLUMNS = ("assets_in_use", "assets_rented", "assets_other")
INSTITUTION_INPUT_COLUMNS = (
    INCOME_COLUMNS
    + EXPENSE_COLUMNS
    + ("balance_accumulated",)
    + THREE_PUBLIC_COLUMNS
    + ASSET_COLUMNS
)

INSTITUTION_DERIVED = (
    ("income_total", INCOME_COLUMNS, ()),
    ("expense_basic", ("expense_personnel", "expense_public"), ()),
    ("expense_total", ("expense_basic", "expense_project"), ()),
    ("balance_current", ("income_total",), ("expense_total",)),
    ("three_total", THREE_PUBLIC_COLUMNS, ()),
    ("assets_total", ASSET_COLUMNS, ()),
)


def derive(values, rules=INSTITUTION_DERIVED):
    """Return a copy of `values` with every computed column of `rules` filled in."""
    result = dict(values)
    for name, plus, minus in rules:
        positive = add(*(result.get(column) for column in plus))
        if minus:
            result[name] = subtract(positive, add(*(result.get(column) for column in minus)))
        else:
            result[name] = positive
    return result


def summary_row(rows, columns=INSTITUTION_INPUT_COLUMNS, rules=INSTITUTION_DERIVED):
    """The 汇总 row: the column-wise sum of the institution rows, then its computed columns.

    Summing the inputs and deriving afterwards gives the same figures as summing the derived
    columns, since every rule is a sum or a difference.
    """
    totals = {column: add(*(row.get(column) for row in rows)) for column in columns}
    return derive(totals, rules)


# Grades (财预〔2020〕10号): lower bound of each band, best first.
GRADE_BANDS = ((Decimal("90"), 0), (Decimal("80"), 1), (Decimal("60"), 2), (ZERO, 3))
GRADE_WORDINGS = {
    "short": ("优", "良", "中", "差"),
    "long": ("优秀", "良好", "中等", "差"),
}


def grade(score, wording="long"):
    """The 评价等次 for a 0–100 score, in the form version's wording; None for no score."""
    if score is None:
        return None
    names = GRADE_WORDINGS[wording]
    for lower, index in GRADE_BANDS:
        if score >= lower:
            return names[index]
    return names[-1]


def ratio_percent(part, whole):
    """part ÷ whole as a percentage with two places; None when it cannot be computed."""
    if part is None or not whole:
        return None
    return q2(Decimal(part) * 100 / Decimal(whole))


def staff_total(total, admin, public, breakdown):
    """人员编制 or 实有人数: typed as one number, or the sum of its 行政/事业 breakdown."""
    if not breakdown:
        return total
    if admin is None and public is None:
        return None
    return (admin or 0) + (public or 0)


def plain(value):
    """A Decimal without trailing zeros for printing scores: 97.00 → 97, 97.50 → 97.5."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.normalize())
