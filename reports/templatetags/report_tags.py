from decimal import Decimal

from django import template
from django.utils import timezone

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


@register.filter
def is_amount(bound_field):
    """Whether a field holds an amount in 万元 (its column or box says 万元)."""
    from reports.forms import AmountField

    return isinstance(getattr(bound_field, "field", None), AmountField)


@register.filter
def cell(bound_field, label):
    """field|cell:"总额 年初预算" — a table cell's input, small, named for screen readers by
    its row and column (the cell has no <label>); an amount's name says 万元."""
    widget = bound_field.field.widget
    classes = widget.attrs.get("class", "").split()
    classes += [name for name in ("form-control", "form-control-sm") if name not in classes]
    if is_amount(bound_field):
        label = f"{label}（万元）"
    return bound_field.as_widget(attrs={"class": " ".join(classes), "aria-label": label})


@register.filter
def prepend(columns, column):
    """columns|prepend:"name,机构名称" — a table's (name, label, …) columns with one more first."""
    return [tuple(column.split(",", 1)), *columns]


@register.filter
def fields(form, names):
    """form|fields:"a b c" — the bound fields named, those the form has, in that order."""
    return [form[name] for name in names.split() if name in form.fields]


@register.simple_tag(takes_context=True)
def draft_info(context):
    """What an edit page's script needs to keep the typing as a draft in the browser (edit.js):
    where to keep it (per user, report and page), the version the page shows and when and by
    whom it was saved, and whether the page shows a refused save's typing rather than what is
    saved."""
    report, section, project = context["report"], context["section"], context.get("project")
    request = context["request"]
    place = f"p{project.pk}-{section.slug}" if project else section.slug
    saved = timezone.localtime(report.updated_at)
    return {
        "key": f"kxeval-draft:u{request.user.pk}:r{report.pk}:{place}",
        "report": report.pk,
        "lock_version": report.lock_version,
        "saved_at": report.updated_at.isoformat(),
        # As the page says it elsewhere: the server's clock and time zone, not the browser's.
        "saved_at_text": f"{saved:%H:%M}" if saved.date() == timezone.localdate()
        else f"{saved:%m-%d %H:%M}",
        "saved_by": report.updated_by.display_name() if report.updated_by else "",
        "posted": request.method == "POST",
    }
