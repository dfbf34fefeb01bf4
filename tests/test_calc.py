"""The figures of 二、收支情况, the grade and the staff counts, as calc.py computes them."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import calc

# 岳阳县科学技术协会 2021 (reference report 000), 局机关 row, as typed.
OFFICE_000 = {
    "income_carryover": D("17.66"),
    "income_public_finance": D("73.03"),
    "income_government_fund": None,
    "income_special_account": None,
    "income_other": D("5.07"),
    "expense_personnel": D("44.63"),
    "expense_public": D("16.70"),
    "expense_project": D("29.36"),
    "balance_accumulated": None,
    "three_reception": D("0.12"),
    "three_car_operation": D("0"),
    "three_car_purchase": D("0"),
    "three_overseas": D("0"),
    "assets_in_use": D("4.33"),
    "assets_rented": None,
    "assets_other": None,
}

COMPUTED_COLUMNS = [name for name, _plus, _minus in calc.INSTITUTION_DERIVED]


def blank_row(**values):
    row = dict.fromkeys(calc.INSTITUTION_INPUT_COLUMNS)
    row.update(values)
    return row


def test_derive_gives_the_computed_figures_of_report_000():
    derived = calc.derive(OFFICE_000)

    assert {name: str(derived[name]) for name in COMPUTED_COLUMNS} == {
        "income_total": "95.76",
        "expense_basic": "61.33",
        "expense_total": "90.69",
        "balance_current": "5.07",
        "three_total": "0.12",
        "assets_total": "4.33",
    }


def test_derive_keeps_the_typed_figures_and_blank_cells():
    derived = calc.derive(OFFICE_000)

    for column, value in OFFICE_000.items():
        assert derived[column] == value
    assert derived["income_government_fund"] is None
    assert derived["assets_rented"] is None


def test_derive_does_not_change_its_argument():
    row = dict(OFFICE_000)

    calc.derive(row)

    assert row == OFFICE_000


def test_summary_row_of_report_000_equals_its_only_institution():
    summary = calc.summary_row([OFFICE_000])

    assert summary == calc.derive(OFFICE_000)
    assert summary["income_total"] == D("95.76")
    assert summary["expense_total"] == D("90.69")


def test_computed_cell_of_blank_inputs_stays_blank_not_zero():
    derived = calc.derive(blank_row(expense_project=D("29.36")))

    assert derived["income_total"] is None
    assert derived["expense_basic"] is None
    assert derived["three_total"] is None
    assert derived["assets_total"] is None
    assert derived["expense_total"] == D("29.36")
    # 收入 is blank, 支出 is not: 结余 is −支出, as the clerk would compute it.
    assert derived["balance_current"] == D("-29.36")


def test_entirely_blank_row_derives_nothing_but_blanks():
    derived = calc.derive(blank_row())

    assert {name: derived[name] for name in COMPUTED_COLUMNS} == dict.fromkeys(COMPUTED_COLUMNS)


def test_zero_typed_is_zero_not_blank():
    derived = calc.derive(blank_row(three_reception=D("0"), assets_in_use=D("0.00")))

    assert derived["three_total"] == D("0.00")
    assert derived["assets_total"] == D("0.00")


def test_summary_keeps_a_column_blank_when_every_institution_left_it_blank():
    rows = [blank_row(income_other=D("1.00")), blank_row(income_other=D("2.50"))]

    summary = calc.summary_row(rows)

    assert summary["income_government_fund"] is None
    assert summary["expense_total"] is None
    assert summary["income_other"] == D("3.50")
    assert summary["income_total"] == D("3.50")


def test_summary_row_is_sum_of_three_institutions():
    office = OFFICE_000
    centre = blank_row(
        income_public_finance=D("120.40"), income_other=D("0.60"),
        expense_personnel=D("80.00"), expense_public=D("20.05"), expense_project=D("15.00"),
        balance_accumulated=D("12.00"), three_car_operation=D("1.10"),
        assets_in_use=D("30.00"), assets_rented=D("2.00"),
    )
    museum = blank_row(
        income_carryover=D("3.34"), income_government_fund=D("50.00"),
        expense_personnel=D("10.00"), expense_project=D("40.00"),
        balance_accumulated=D("0.66"), three_reception=D("0.08"),
        assets_other=D("7.67"),
    )

    summary = calc.summary_row([office, centre, museum])

    assert {name: summary[name] for name in calc.INSTITUTION_INPUT_COLUMNS} == {
        "income_carryover": D("21.00"),
        "income_public_finance": D("193.43"),
        "income_government_fund": D("50.00"),
        "income_special_account": None,
        "income_other": D("5.67"),
        "expense_personnel": D("134.63"),
        "expense_public": D("36.75"),
        "expense_project": D("84.36"),
        "balance_accumulated": D("12.66"),
        "three_reception": D("0.20"),
        "three_car_operation": D("1.10"),
        "three_car_purchase": D("0.00"),
        "three_overseas": D("0.00"),
        "assets_in_use": D("34.33"),
        "assets_rented": D("2.00"),
        "assets_other": D("7.67"),
    }
    assert {name: summary[name] for name in COMPUTED_COLUMNS} == {
        "income_total": D("270.10"),
        "expense_basic": D("171.38"),
        "expense_total": D("255.74"),
        "balance_current": D("14.36"),
        "three_total": D("1.30"),
        "assets_total": D("44.00"),
    }


def test_summary_of_no_institutions_is_blank():
    summary = calc.summary_row([])

    assert all(value is None for value in summary.values())
    assert set(summary) == set(calc.INSTITUTION_INPUT_COLUMNS) | set(COMPUTED_COLUMNS)


@pytest.mark.parametrize(
    ("score", "long", "short"),
    [
        (D("97"), "优秀", "优"),
        (D("100"), "优秀", "优"),
        (D("90"), "优秀", "优"),
        (D("89.99"), "良好", "良"),
        (D("80"), "良好", "良"),
        (D("79.99"), "中等", "中"),
        (D("60"), "中等", "中"),
        (D("59.99"), "差", "差"),
        (D("0"), "差", "差"),
    ],
)
def test_grade_bands_in_both_wordings(score, long, short):
    assert calc.grade(score) == long
    assert calc.grade(score, "long") == long
    assert calc.grade(score, "short") == short


def test_grade_of_97_is_excellent():
    assert calc.grade(97) == "优秀"


def test_no_score_has_no_grade():
    assert calc.grade(None) is None
    assert calc.grade(None, "short") is None


def test_staff_total_without_breakdown_is_the_typed_number():
    assert calc.staff_total(3, None, None, breakdown=False) == 3
    # Leftover breakdown figures from an earlier layout do not count.
    assert calc.staff_total(3, 11, 17, breakdown=False) == 3
    assert calc.staff_total(None, None, None, breakdown=False) is None


def test_staff_total_with_breakdown_is_admin_plus_public():
    assert calc.staff_total(None, 11, 17, breakdown=True) == 28
    assert calc.staff_total(3, 11, 17, breakdown=True) == 28
    assert calc.staff_total(None, None, 17, breakdown=True) == 17
    assert calc.staff_total(None, 0, 0, breakdown=True) == 0
    assert calc.staff_total(5, None, None, breakdown=True) is None


# ---- properties over any amounts a clerk may type

AMOUNTS = st.one_of(
    st.none(),
    st.decimals(
        min_value=D("0"), max_value=D("9999999999.99"), places=2,
        allow_nan=False, allow_infinity=False,
    ),
)
ROWS = st.fixed_dictionaries({column: AMOUNTS for column in calc.INSTITUTION_INPUT_COLUMNS})
SCORES = st.decimals(min_value=D("0"), max_value=D("100"), places=2,
                     allow_nan=False, allow_infinity=False)


@given(st.lists(ROWS, min_size=1, max_size=6))
def test_summary_row_equals_sum_of_derived_rows(rows):
    summary = calc.summary_row(rows)
    derived = [calc.derive(row) for row in rows]

    for column in COMPUTED_COLUMNS:
        assert summary[column] == calc.add(*(row[column] for row in derived)), column


@given(ROWS)
def test_expense_total_is_basic_plus_project(row):
    derived = calc.derive(row)
    basic, project = derived["expense_basic"], derived["expense_project"]

    if basic is None and project is None:
        assert derived["expense_total"] is None
    else:
        assert derived["expense_total"] == (basic or 0) + (project or 0)


@given(ROWS)
def test_expense_basic_is_personnel_plus_public(row):
    derived = calc.derive(row)
    personnel, public = row["expense_personnel"], row["expense_public"]

    if personnel is None and public is None:
        assert derived["expense_basic"] is None
    else:
        assert derived["expense_basic"] == (personnel or 0) + (public or 0)


@given(ROWS)
def test_balance_current_is_income_total_minus_expense_total(row):
    derived = calc.derive(row)
    income, expense = derived["income_total"], derived["expense_total"]

    if income is None and expense is None:
        assert derived["balance_current"] is None
    else:
        assert derived["balance_current"] == (income or 0) - (expense or 0)


@given(ROWS)
def test_income_total_is_sum_of_the_five_sources(row):
    derived = calc.derive(row)
    sources = [row[column] for column in calc.INCOME_COLUMNS]

    if all(value is None for value in sources):
        assert derived["income_total"] is None
    else:
        assert derived["income_total"] == sum(value or 0 for value in sources)


@given(ROWS)
def test_derived_figures_have_exactly_two_places(row):
    derived = calc.derive(row)

    for column in COMPUTED_COLUMNS:
        if derived[column] is not None:
            assert derived[column].as_tuple().exponent == -2, column


@given(SCORES, SCORES, st.sampled_from(["long", "short"]))
def test_grade_is_monotonic_in_score(low, high, wording):
    low, high = min(low, high), max(low, high)
    names = calc.GRADE_WORDINGS[wording]

    assert names.index(calc.grade(high, wording)) <= names.index(calc.grade(low, wording))
