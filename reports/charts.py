"""Charts as SVG markup, for the report pages and the PDF alike.

Hand-drawn SVG (bars and pie slices are a few lines of geometry) keeps every label a real text
element — Chinese, selectable, printed by WeasyPrint with the embedded CJK font — and needs no
plotting library, no browser script and no image file. Values are Decimals; labels print them
with two places.
"""

import math
from decimal import Decimal
from xml.sax.saxutils import escape

from reports import calc

PALETTE = ("#4472c4", "#ed7d31", "#a5a5a5", "#ffc000", "#5b9bd5", "#70ad47", "#264478", "#9e480e")
FONT = 'font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif"'


def _money(value):
    return f"{calc.q2(value or Decimal(0)):.2f}"


def _text(x, y, text, size=12, anchor="middle", weight="normal", fill="#222"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(str(text))}</text>')


def bar_chart(title, categories, series, unit="万元", width=520, height=300):
    """Grouped bars: `categories` along the bottom, one bar per (label, values) of `series`."""
    values = [value or Decimal(0) for _label, series_values in series for value in series_values]
    top = max(values + [Decimal(0)]) or Decimal(1)
    left, right, upper, lower = 50, 20, 50, 60
    plot_width, plot_height = width - left - right, height - upper - lower
    group_width = plot_width / max(len(categories), 1)
    bar_width = group_width * 0.7 / max(len(series), 1)
    parts = [_text(width / 2, 24, title, 15, weight="bold")]
    baseline = upper + plot_height
    parts.append(f'<line x1="{left}" y1="{baseline}" x2="{width - right}" y2="{baseline}" '
                 'stroke="#444" stroke-width="1"/>')
    for index, category in enumerate(categories):
        group_left = left + index * group_width + group_width * 0.15
        for number, (_label, series_values) in enumerate(series):
            value = series_values[index] or Decimal(0)
            bar_height = float(value / top) * plot_height * 0.9
            x = group_left + number * bar_width
            y = baseline - bar_height
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width * 0.9:.1f}" '
                         f'height="{bar_height:.1f}" fill="{PALETTE[number % len(PALETTE)]}"/>')
            parts.append(_text(x + bar_width * 0.45, y - 4, _money(value), 11))
        parts.append(_text(left + (index + 0.5) * group_width, baseline + 18, category, 12))
    legend_y = height - 16
    for number, (label, _values) in enumerate(series):
        x = left + number * 140
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" '
                     f'fill="{PALETTE[number % len(PALETTE)]}"/>')
        parts.append(_text(x + 18, legend_y, label, 12, anchor="start"))
    parts.append(_text(width - right, upper - 8, f"单位：{unit}", 11, anchor="end", fill="#555"))
    return _svg(width, height, title, parts)


def pie_chart(title, items, unit="万元", width=520, height=300):
    """A pie of (label, value) items; each slice is labelled with its value and share."""
    items = [(label, value) for label, value in items if value]
    total = sum((value for _label, value in items), Decimal(0))
    parts = [_text(width / 2, 24, title, 15, weight="bold")]
    cx, cy, radius = 150, 165, 105
    if not total:
        parts.append(_text(width / 2, height / 2, "无数据", 13, fill="#777"))
        return _svg(width, height, title, parts)
    angle = -math.pi / 2
    for number, (label, value) in enumerate(items):
        sweep = float(value / total) * 2 * math.pi
        colour = PALETTE[number % len(PALETTE)]
        if len(items) == 1:
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{colour}"/>')
        else:
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2 = cx + radius * math.cos(angle + sweep)
            y2 = cy + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            parts.append(f'<path d="M{cx},{cy} L{x1:.2f},{y1:.2f} A{radius},{radius} 0 {large} 1 '
                         f'{x2:.2f},{y2:.2f} Z" fill="{colour}" stroke="#fff" stroke-width="1"/>')
        angle += sweep
        share = calc.ratio_percent(value, total)
        legend_y = 70 + number * 24
        parts.append(f'<rect x="285" y="{legend_y - 11}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(303, legend_y, f"{label} {_money(value)} {unit}（{share:.2f}%）", 12,
                           anchor="start"))
    return _svg(width, height, title, parts)


def _svg(width, height, title, parts):
    body = "".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>{body}</svg>")


def overall_charts(year, overall, figures, functions, last_year):
    """The five charts of F4: this year vs last, income, expense, 功能分类 and 三公 structure."""
    return [
        bar_chart(
            "收、支总计变动情况",
            ["收入总计", "支出总计"],
            [(f"{year - 1} 年", [last_year["income_total"], last_year["expense_total"]]),
             (f"{year} 年", [figures["income_total"], figures["expense_total"]])],
        ),
        pie_chart("收入结构", [
            ("一般公共预算财政拨款", overall.income_general),
            ("政府性基金预算财政拨款", overall.income_government_fund),
            ("其他收入", overall.income_other),
        ]),
        pie_chart("支出结构", [
            ("基本支出", figures["expense_basic"]),
            ("项目支出", overall.expense_project),
        ]),
        pie_chart("支出功能分类（类）结构", [(row.name, row.amount) for row in functions]),
        pie_chart("“三公”经费结构", [
            ("因公出国（境）费", overall.three_overseas),
            ("公务用车购置及运行维护费", overall.three_car),
            ("公务接待费", overall.three_reception),
        ]),
    ]
