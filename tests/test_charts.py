"""The F4 charts as reports.charts draws them: well-formed SVG whose texts carry every label,
value and share, escaped, with amounts in two places and never a float's digits."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from reports import charts
from reports.demo import LUXIAN_2021_FUNCTIONS

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg, kind=None):
    """The text of every <text> of `svg` (of class `kind`), parsing it as XML: markup that is
    not well-formed, a label not escaped included, fails here."""
    root = ET.fromstring(svg)
    return [node.text for node in root.iter(f"{SVG}text")
            if kind is None or node.get("class") == kind]


def legend(svg):
    """The pie's legend as (label, value, share) lines, the 合计 line last."""
    found = texts(svg)
    values, shares = texts(svg, "value"), texts(svg, "share")
    labels = [text for text in found[1:] if text not in values and text not in shares]
    return list(zip(labels, values, shares[-len(values):]))


def test_pie_carries_each_label_value_and_share():
    svg = charts.pie_chart("支出功能分类（类）结构", LUXIAN_2021_FUNCTIONS)

    assert texts(svg)[0] == "支出功能分类（类）结构"
    assert legend(svg) == [
        ("科学技术", "218.34 万元", "91.93%"),
        ("社会保障和就业", "9.83 万元", "4.14%"),
        ("卫生健康", "4.65 万元", "1.96%"),
        ("住房保障", "4.68 万元", "1.97%"),
        ("合计", "237.50 万元", "100.00%"),
    ]
    # The one slice wide enough has its share written on it too.
    assert texts(svg, "share")[0] == "91.93%"


def test_pie_lists_a_zero_item_without_a_slice():
    svg = charts.pie_chart("“三公”经费结构", [
        ("因公出国（境）费", D("0")), ("公务用车购置及运行维护费", D("0")),
        ("公务接待费", D("1.78")), ("未填的一项", None),
    ])

    assert legend(svg) == [
        ("因公出国（境）费", "0.00 万元", "0.00%"),
        ("公务用车购置及运行维护费", "0.00 万元", "0.00%"),
        ("公务接待费", "1.78 万元", "100.00%"),
        ("合计", "1.78 万元", "100.00%"),
    ]
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 1  # the whole pie is the one item
    assert list(root.iter(f"{SVG}path")) == []


def test_a_long_label_is_wrapped_not_cut():
    label = "社会保障和就业支出（含机关事业单位基本养老保险缴费支出和职业年金缴费支出）"
    svg = charts.pie_chart("支出功能分类（类）结构", [("科学技术", D("218.34")), (label, D("9.83"))])

    found = texts(svg)
    assert label not in found  # too wide for one line of the legend
    assert label in "".join(found)  # but all of it is there, line after line
    assert ("9.83 万元", "4.31%") in zip(texts(svg, "value"), texts(svg, "share")[-3:])


def test_bar_chart_carries_both_years_values():
    svg = charts.bar_chart("收、支总计变动情况", ["收入总计", "支出总计"], [
        ("2020年", [D("229.52"), D("284.5")]),
        ("2021年", [D("209.7"), D("237.50")]),
    ])

    assert texts(svg, "value") == ["229.52", "209.70", "284.50", "237.50"]
    found = texts(svg)
    for label in ("收、支总计变动情况", "收入总计", "支出总计", "2020年", "2021年", "单位：万元"):
        assert label in found
    assert texts(svg, "tick") == ["0", "100", "200", "300"]


def test_bar_chart_says_which_figure_is_blank():
    svg = charts.bar_chart("收、支总计变动情况", ["收入总计", "支出总计"], [
        ("2020年", [None, None]), ("2021年", [D("209.70"), D("237.50")]),
    ])

    assert texts(svg, "value") == ["209.70", "237.50"]
    assert texts(svg).count("未填") == 2


def test_text_is_escaped():
    svg = charts.pie_chart('<script>alert("x")</script>', [
        ("<script>", D("1")), ("A & B", D("2")), ('"引号"', D("3")),
    ])

    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert 'aria-label="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in svg
    assert [label for label, _value, _share in legend(svg)] == [
        "<script>", "A & B", '"引号"', "合计"]


def test_empty_pie_says_no_data():
    for items in ([], [("一般公共预算财政拨款", None)], [("其他收入", D("0"))]):
        svg = charts.pie_chart("收入结构", items)
        assert texts(svg) == ["收入结构", "无数据"]
        assert "<path" not in svg and "<circle" not in svg


def test_empty_bar_chart_says_no_data():
    svg = charts.bar_chart("收、支总计变动情况", ["收入总计"], [("2020年", [None]), ("2021年", [D(0)])])
    assert texts(svg) == ["收、支总计变动情况", "无数据"]


def test_overall_charts_of_the_demo_figures():
    overall = SimpleNamespace(
        income_general=D("209.70"), income_government_fund=D("0"), income_other=D("0"),
        expense_project=D("125.95"), three_overseas=D("0"), three_car=D("0"),
        three_reception=D("1.78"),
    )
    figures = {"income_total": D("209.70"), "expense_total": D("237.50"),
               "expense_basic": D("111.55")}
    functions = [SimpleNamespace(name=name, amount=amount) for name, amount in LUXIAN_2021_FUNCTIONS]
    last_year = {"income_total": D("229.52"), "expense_total": D("284.50")}

    bar, income, expense, by_function, three = charts.overall_charts(
        2021, overall, figures, functions, last_year)

    assert texts(bar, "value") == ["229.52", "209.70", "284.50", "237.50"]
    assert "2020年" in texts(bar) and "2021年" in texts(bar)
    assert legend(income)[0] == ("一般公共预算财政拨款", "209.70 万元", "100.00%")
    assert legend(expense) == [("基本支出", "111.55 万元", "46.97%"),
                               ("项目支出", "125.95 万元", "53.03%"),
                               ("合计", "237.50 万元", "100.00%")]
    assert legend(by_function)[0] == ("科学技术", "218.34 万元", "91.93%")
    assert legend(three)[2] == ("公务接待费", "1.78 万元", "100.00%")


AMOUNTS = st.decimals(min_value=0, max_value=D("9999999999.99"), places=2)
TWO_PLACES = re.compile(r"^\d+\.\d{2}( 万元|%)?$")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@given(st.lists(AMOUNTS, min_size=1, max_size=10))
def test_pie_prints_amounts_and_shares_in_two_places(values):
    svg = charts.pie_chart("结构", [(f"第{i}项", value) for i, value in enumerate(values)])
    if not any(values):
        assert "无数据" in texts(svg)
        return
    for text in texts(svg, "value") + texts(svg, "share"):
        assert TWO_PLACES.match(text), text


@given(st.lists(st.one_of(st.none(), AMOUNTS), min_size=4, max_size=4))
def test_bar_chart_prints_values_in_two_places_and_round_ticks(values):
    svg = charts.bar_chart("变动", ["收入总计", "支出总计"],
                           [("2020年", values[:2]), ("2021年", values[2:])])
    for text in texts(svg, "value"):
        assert TWO_PLACES.match(text), text
    # Axis ticks: round numbers, cents at the finest.
    for text in texts(svg, "tick"):
        assert re.fullmatch(r"\d+(\.\d{1,2})?", text), text
    # Nothing anywhere in the chart's text has a float's tail of digits.
    for text in texts(svg):
        for number in NUMBER.findall(text):
            assert len(number.partition(".")[2]) <= 2, text
