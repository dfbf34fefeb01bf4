from decimal import Decimal

from django import template

from reports import calc

register = template.Library()


@register.filter
def field(form, name):
    """form|field:"name" — a bound field chosen by a name held in a variable."""
    try:
        return form[name]
    except KeyError:
        return ""


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def amount(value):
    """Two decimals for an amount; blank for a blank cell (None), never a float."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):.2f}"


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return None


@register.filter
def split(text):
    """"a b c"|split — a list of names written in a template."""
    return text.split()


@register.filter
def plain(value):
    """A score without trailing zeros: 97.00 → 97, 9.69 → 9.69; blank for None.

    A value that is not a number (a re-shown invalid input) is shown as it is.
    """
    if value is None or value == "":
        return ""
    try:
        return calc.plain(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        return value
