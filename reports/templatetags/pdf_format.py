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
