"""Number and text formats of the printed forms.

Amounts stay Decimal from the database to the page: a float could print 16.7 as 16.69.
"""

from decimal import Decimal

from django import template

from reports import calc

register = template.Library()


@register.filter
def amount(value):
    """An amount in 万元 with exactly two decimals (`16.70`, `0.00`); blank stays blank."""
    if value is None or value == "":
        return ""
    return format(calc.q2(Decimal(value)), "f")


@register.filter
def score(value, as_percent=False):
    """The 综合得分 as the form prints it: `97`, `97.5`, or `97%` with the percent option."""
    if value is None or value == "":
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%" if as_percent else text


@register.filter
def paragraphs(text):
    """The non-blank lines of `text`, each one a paragraph of the printed narrative."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def percent(value):
    """A rate given in percent (Decimal 100) as the form prints it, `100.00%`; blank stays blank."""
    if value is None or value == "":
        return ""
    return f"{amount(value)}%"


@register.filter
def item(mapping, key):
    """`mapping[key]`, or None when the key is missing: a lookup by a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def sum_of(obj, fields):
    """The sum of the comma-separated attributes `fields` of `obj`, blank when all are blank.

    `{{ report.budget|sum_of:"expense_basic,expense_project" }}`: the total of a split as the
    form prints it beside its label.
    """
    if obj is None:
        return None
    return calc.add(*(getattr(obj, name.strip(), None) for name in fields.split(",")))


@register.filter
def middle_body(bodies):
    """The index of the list in `bodies` (lists of printed lines) holding the middle line.

    Where the label of a merged cell that runs down several <tbody> is printed, so that it sits
    about halfway down, as in a merged cell of the paper form.
    """
    sizes = [len(lines) for lines in bodies or ()]
    middle = (sum(sizes) - 1) // 2
    seen = 0
    for index, size in enumerate(sizes):
        seen += size
        if middle < seen:
            return index
    return 0


@register.filter
def outline_parts(outline):
    """The outline (families' outline_context) as its 一级 parts, each with the items under it.

    Each part is {"heading": the 一级 item, "items": the items under it, "keys": their heading
    keys}, so a template can print something after a whole part — F4's figures and charts after
    the part that holds the `income` heading — without testing a heading's wording.
    """
    parts = []
    for entry in outline or ():
        if entry["heading"].level == 1 or not parts:
            parts.append({"heading": entry, "items": [], "keys": set()})
        else:
            parts[-1]["items"].append(entry)
        if entry["heading"].key:
            parts[-1]["keys"].add(entry["heading"].key)
    return parts


@register.filter
def share_of(value, total):
    """`value` as a percentage of `total`, two places (calc.ratio_percent); blank when it
    cannot be computed (a blank value or total, a total of 0).

    Also registered as `rate_of`, for the 执行率 of a line of a budget table:
    `{{ fund.executed|rate_of:fund.budget|percent }}`.
    """
    return calc.ratio_percent(value, total)


rate_of = register.filter("rate_of", share_of)


@register.filter
def weights_total(indicator_table, budget_weight=None):
    """The 权重 of every indicator of an indicator table (families' `indicator_table`), plus
    `budget_weight` when given: the 绩效指标 subtotal (90) or the form's 合计 (100).

    Blank when no weight at all is filled in.
    """
    weights = [
        row.weight
        for parent in indicator_table or ()
        for group in parent["groups"]
        for row in group["rows"]
    ]
    return calc.add(budget_weight, *weights)


@register.filter
def printed_bodies(indicator_table):
    """The printed lines of an indicator table, one list per 一级 group: see
    reports.pdf.indicator_bodies. For tables that are not the report's own (F3: a project's)."""
    from reports.pdf import indicator_bodies

    return indicator_bodies(indicator_table)


@register.filter
def attr(obj, name):
    """`obj.name` by a name held in a variable; None when `obj` has no such attribute."""
    return getattr(obj, name, None)


@register.filter
def filled_groups(indicator_table):
    """An indicator table without its empty 二级 groups (and 一级 parents left empty), spans
    recounted: a filled-in project table prints only the groups it has, as 001's do. A table
    with no indicator at all stays whole, one blank line a group, as the blank form."""
    parents = []
    for parent in indicator_table or ():
        groups = [group for group in parent["groups"] if group["rows"]]
        if groups:
            parents.append({**parent, "groups": groups,
                            "span": sum(group["span"] for group in groups)})
    return parents or indicator_table
