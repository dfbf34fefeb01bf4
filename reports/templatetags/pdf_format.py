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
