"""Charts as SVG markup, for the report pages and the PDF alike.

Hand-drawn SVG (bars and pie slices are a few lines of geometry) keeps every label a real text
element — Chinese, selectable, printed by WeasyPrint with the embedded CJK font — and needs no
plotting library, no browser script and no image file.

The markup goes into pages unescaped (`|safe`), so every text in it — titles, labels, values —
passes through `_escape` here, and nothing else but numbers this module formats is written into
it. Values are Decimals and print with two places (`_money`); floats are used for the geometry
only, never printed as a value. No `style` attributes: the pages' Content-Security-Policy
forbids inline styles, presentation attributes are allowed.
"""

import html
import math
from decimal import Decimal

from reports import calc

# Dark and light tones in turn, so that neighbouring slices differ on a grey print too.
PALETTE = ("#1f4e79", "#f4b183", "#548235", "#ffd966", "#7030a0", "#9dc3e6", "#c00000",
           "#a9d18e", "#806000", "#d9d9d9")
# Two series (last year, this year): light, then dark.
BAR_COLOURS = ("#9dc3e6", "#1f4e79")
# The PDF's only font (settings.PDF_FONT_FAMILY); the screen's stylesheet may set its own.
FONT = "font-family=\"'Noto Serif CJK SC', serif\""
WIDTH = 640


def _escape(text):
    """Text for an SVG element or a double-quoted attribute: &, <, >, " and ' escaped."""
    return html.escape(str(text), quote=True)


def _money(value):
    """An amount as printed on the form, two places: `218.34`, `0.00`."""
    return f"{calc.q2(value or Decimal(0)):.2f}"


def _share(value, total):
    return f"{calc.ratio_percent(value, total) or Decimal(0):.2f}%"


def _text_width(text, size):
    """About how wide `text` prints at `size`: CJK characters are square, Latin ones narrow."""
    return sum(size * (1.0 if ord(char) > 0x2e7f else 0.56) for char in str(text))


def _wrap(text, width, size):
    """`text` cut into lines of at most about `width` at `size` (a long 功能分类 name)."""
    lines, line = [], ""
    for char in str(text):
        if line and _text_width(line + char, size) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line or not lines else lines


def _text(x, y, text, size=13, anchor="middle", weight="normal", fill="#222", kind=""):
    """A text element; `kind` (value, share, tick) classes the figures for tests and styles."""
    css = f' class="{kind}"' if kind else ""
    return (f'<text{css} x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" '
            f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{_escape(text)}</text>')


def _title(width, title):
    return _text(width / 2, 26, title, 16, weight="bold", fill="#000")


def _luminous(colour):
    """Whether `colour` (#rrggbb) is light enough for dark text on it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue > 150


def _nice_step(top, ticks=5):
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) dividing 0 … `top` into at most `ticks` parts.

    Amounts have cents at the finest, and so has the axis: no step with a third decimal.
    """
    raw = top / ticks
    power = Decimal(10) ** raw.adjusted()
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        step = factor * power
        if step >= raw and step == calc.q2(step):
            break
    return max(step, calc.CENT)


def bar_chart(title, categories, series, unit="万元", width=WIDTH, height=340):
    """Grouped bars: `categories` along the bottom, one bar per (label, values) of `series`.

    Each bar carries its value; a blank value (None) draws no bar and says 未填.
    """
    values = [value for _label, series_values in series for value in series_values
              if value is not None]
    parts = [_title(width, title)]
    if not any(values):
        parts.append(_text(width / 2, height / 2, "无数据", 14, fill="#777"))
        return _svg(width, height, title, parts, "bar")
    step = _nice_step(max(values))
    top = step * math.ceil(max(values) / step)
    # Room on the left for the longest tick label.
    left, right, upper, lower = max(72, 20 + _text_width(calc.plain(top), 12)), 24, 64, 76
    plot_width, plot_height = width - left - right, height - upper - lower
    baseline = upper + plot_height

    def y_of(value):
        return baseline - float(value / top) * plot_height

    parts.append(_text(left - 8, upper - 16, f"单位：{unit}", 12, anchor="start", fill="#444"))
    tick = Decimal(0)
    while tick <= top:
        y = y_of(tick)
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     f'stroke="{"#444" if not tick else "#d9d9d9"}" stroke-width="1"/>')
        parts.append(_text(left - 8, y + 4, calc.plain(tick), 12, anchor="end", fill="#444",
                           kind="tick"))
        tick += step

    colours = BAR_COLOURS if len(series) <= len(BAR_COLOURS) else PALETTE
    group_width = plot_width / max(len(categories), 1)
    bar_width = min(group_width * 0.7 / max(len(series), 1), 90)
    for index, category in enumerate(categories):
        centre = left + (index + 0.5) * group_width
        group_left = centre - bar_width * len(series) / 2
        for number, (_label, series_values) in enumerate(series):
            value = series_values[index]
            x = group_left + number * bar_width
            if value is None:
                parts.append(_text(x + bar_width / 2, baseline - 6, "未填", 12, fill="#777"))
                continue
            y = y_of(value)
            parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar_width - 4:.1f}" '
                         f'height="{baseline - y:.1f}" fill="{colours[number % len(colours)]}"/>')
            parts.append(_text(x + bar_width / 2, y - 6, _money(value), 13, kind="value"))
        parts.append(_text(centre, baseline + 22, category, 14))

    labels = [label for label, _values in series]
    legend_width = sum(_text_width(label, 13) + 40 for label in labels)
    x, legend_y = (width - legend_width) / 2, height - 18
    for number, label in enumerate(labels):
        parts.append(f'<rect x="{x:.1f}" y="{legend_y - 11}" width="14" height="14" '
                     f'fill="{colours[number % len(colours)]}"/>')
        parts.append(_text(x + 20, legend_y, label, 13, anchor="start"))
        x += _text_width(label, 13) + 40
    return _svg(width, height, title, parts, "bar")


def pie_chart(title, items, unit="万元", width=WIDTH):
    """A pie of (label, value) items, with a legend giving each one's value and share.

    A blank item (None) is left out; an item of 0 is listed in the legend with 0.00%, as the
    form's own text lists it, and draws no slice. Shares of 6% and more are written on their
    slice too.
    """
    items = [(label, value) for label, value in items if value is not None and value >= 0]
    total = sum((value for _label, value in items), Decimal(0))
    if not total:
        height = 280
        parts = [_title(width, title), _text(width / 2, height / 2, "无数据", 14, fill="#777")]
        return _svg(width, height, title, parts, "pie")

    size = 13
    legend_left = 290
    room = width - legend_left - 12
    label_width = max(_text_width(label, size) for label, _value in items)
    value_width = max(_text_width(f"{_money(value)} {unit}", size) for _label, value in items)
    share_width = _text_width("100.00%", size)
    # One line per item when label, value and share fit side by side; else the label (on as
    # many lines as it needs) above its value and share.
    one_line = 20 + label_width + 14 + value_width + 14 + share_width <= room
    labels = [[label] if one_line else _wrap(label, room - 20, size) for label, _value in items]
    rows = [26 if one_line else 18 * len(lines) + 24 for lines in labels]
    legend_height = sum(rows) + 34
    height = max(280, 60 + legend_height + 16)
    cx, cy, radius = 150, 46 + (height - 46) / 2, 100

    parts = [_title(width, title)]
    angle = -math.pi / 2
    shown = [(label, value) for label, value in items if value]
    for number, (label, value) in enumerate(items):
        colour = PALETTE[number % len(PALETTE)]
        if not value:
            continue
        sweep = float(value / total) * 2 * math.pi
        if len(shown) == 1:
            parts.append(f'<circle cx="{cx}" cy="{cy:.1f}" r="{radius}" fill="{colour}"/>')
            mid_x, mid_y = cx, cy
        else:
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2 = cx + radius * math.cos(angle + sweep)
            y2 = cy + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            parts.append(f'<path d="M{cx},{cy:.2f} L{x1:.2f},{y1:.2f} A{radius},{radius} 0 '
                         f'{large} 1 {x2:.2f},{y2:.2f} Z" fill="{colour}" stroke="#fff" '
                         'stroke-width="1.5"/>')
            middle = angle + sweep / 2
            mid_x = cx + radius * 0.62 * math.cos(middle)
            mid_y = cy + radius * 0.62 * math.sin(middle)
        if calc.ratio_percent(value, total) >= 6:
            ink = "#000" if _luminous(colour) else "#fff"
            parts.append(_text(mid_x, mid_y + 5, _share(value, total), 13, fill=ink, kind="share"))
        angle += sweep

    y = 46 + (height - 46 - legend_height) / 2 + 16
    share_right = width - 12
    value_right = share_right - share_width - 14
    for number, ((_label, value), lines, row) in enumerate(zip(items, labels, rows)):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(f'<rect x="{legend_left}" y="{y - 12:.1f}" width="14" height="14" '
                     f'fill="{colour}"/>')
        for index, line in enumerate(lines):
            parts.append(_text(legend_left + 20, y + 18 * index, line, size, anchor="start"))
        figures_y = y if one_line else y + 18 * len(lines)
        parts.append(_text(value_right, figures_y, f"{_money(value)} {unit}", size, anchor="end",
                           kind="value"))
        parts.append(_text(share_right, figures_y, _share(value, total), size, anchor="end",
                           kind="share"))
        last_y = figures_y
        y += row
    rule_y = last_y + 10
    parts.append(f'<line x1="{legend_left}" y1="{rule_y:.1f}" x2="{share_right}" '
                 f'y2="{rule_y:.1f}" stroke="#999" stroke-width="0.75"/>')
    total_y = rule_y + 20
    parts.append(_text(legend_left + 20, total_y, "合计", size, anchor="start"))
    parts.append(_text(value_right, total_y, f"{_money(total)} {unit}", size, anchor="end",
                       kind="value"))
    parts.append(_text(share_right, total_y, "100.00%", size, anchor="end", kind="share"))
    return _svg(width, height, title, parts, "pie")


def _svg(width, height, title, parts, kind):
    body = "".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
            f'width="{width}" height="{height:.0f}" viewBox="0 0 {width} {height:.0f}" '
            f'role="img" aria-label="{_escape(title)}">'
            f"<title>{_escape(title)}</title>{body}</svg>")


# F4's charts by key, in the order they print (the version's `charts` setting names them).
OVERALL_CHARTS = (
    ("totals", "收、支总计变动情况"),
    ("income", "收入结构"),
    ("expense", "支出结构"),
    ("functions", "支出功能分类（类）结构"),
    ("three", "“三公”经费结构"),
)


def overall_charts(year, overall, figures, functions, last_year, keys=None):
    """F4's charts named in `keys` (all five by default: this year vs last, income, expense,
    功能分类 and 三公 structure), in their printed order."""
    keys = [key for key, _title in OVERALL_CHARTS] if keys is None else keys
    drawn = dict(zip((key for key, _title in OVERALL_CHARTS), _overall_charts(
        year, overall, figures, functions, last_year)))
    return [drawn[key] for key, _title in OVERALL_CHARTS if key in keys]


def _overall_charts(year, overall, figures, functions, last_year):
    return [
        bar_chart(
            "收、支总计变动情况",
            ["收入总计", "支出总计"],
            [(f"{year - 1}年", [last_year["income_total"], last_year["expense_total"]]),
             (f"{year}年", [figures["income_total"], figures["expense_total"]])],
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
