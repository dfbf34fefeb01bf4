"""Reading the app's HTML pages in tests, and posting their forms back as a browser would.

`Page` parses a response into a small tree of `Node`s, finds the section form and collects the
data that submitting it would send: the inputs of the form, not those inside the empty-row
<template>s. Tests then change only the fields they are about (`set`, `check`), add, remove and
reorder rows the way the page's script does, and post `page.data`.

By default `page.data` holds a list of values per name, as a browser may send several; with
`lists=False` it holds one value per name. With `spaced=True` the text of an element is read
with its whitespace collapsed and a space between child elements, as a screen reader says it.
"""

from html.parser import HTMLParser

from django.urls import reverse


class Node:
    def __init__(self, tag, attrs, parent, spaced=False):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children = []
        self.spaced = spaced

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self):
        """The text as written, or with `spaced` its words (see `words`)."""
        if self.spaced:
            return self.words()
        return "".join(
            child if isinstance(child, str) else child.text() for child in self.children
        )

    def words(self):
        """The text with its whitespace collapsed and a space between child elements."""
        return " ".join("".join(
            child if isinstance(child, str) else f" {child.words()} " for child in self.children
        ).split())

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def in_template(self):
        return any(ancestor.tag == "template" for ancestor in self.ancestors())


class TreeBuilder(HTMLParser):
    """Just enough of an HTML tree for reading forms (and the shapes of inline SVG charts);
    text is kept as written."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr", "path", "rect", "line", "circle"}

    def __init__(self, spaced=False):
        super().__init__(convert_charrefs=True)
        self.spaced = spaced
        self.root = self.current = self.node("#document", {}, None)

    def node(self, tag, attrs, parent):
        return Node(tag, attrs, parent, spaced=self.spaced)

    def handle_starttag(self, tag, attrs):
        node = self.node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(self.node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html, spaced=False):
    builder = TreeBuilder(spaced=spaced)
    builder.feed(html)
    builder.close()
    return builder.root


class Page:
    """A page as the browser has it: its tree and the data its section form would post.

    `statuses` are the status codes the response may have; `lists` whether `data` holds lists
    of values; `spaced` how text is read (see `Node.words`); `disabled` whether `data` also
    holds the inputs of disabled fieldsets, which a browser leaves out (to post a read-only
    page as if it were not); `action`, when given, picks the POST form that submits there
    instead of the section form.
    """

    def __init__(self, response, statuses=(200, 400), *, lists=True, spaced=False,
                 disabled=False, action=None):
        assert response.status_code in statuses, response.status_code
        self.response = response
        self.lists = lists
        self.disabled = disabled
        self.html = response.content.decode()
        self.root = parse(self.html, spaced=spaced)
        self.form = self.by_id("section-form") if action is None else self.post_form(action)
        self.data = self.form_data()
        self.order = {}

    # ---- reading

    def find(self, **attrs):
        """Every element outside the empty-row <template>s with these attributes (a value of
        True matches any value); `class_` is `class`, `data_figure` is `data-figure`."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            node for node in self.root.iter()
            if not node.in_template()
            and all(name in node.attrs and value in (True, node.attrs[name])
                    for name, value in wanted.items())
        ]

    def by_id(self, element_id):
        found = [node for node in self.root.iter() if node.attrs.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id}"
        return found[0]

    def post_form(self, action):
        """The POST form submitting to `action`; one without an action submits to the page."""
        here = self.response.wsgi_request.path
        found = [
            node for node in self.root.iter()
            if node.tag == "form" and node.attrs.get("method", "").lower() == "post"
            and node.attrs.get("action", here) == action
        ]
        assert len(found) == 1, f"{len(found)} forms posting to {action}"
        return found[0]

    def input(self, name):
        found = [
            node for node in self.form.iter()
            if node.attrs.get("name") == name and not node.in_template()
        ]
        assert len(found) == 1, f"{len(found)} inputs named {name}"
        return found[0]

    def value(self, name):
        return self.input(name).attrs.get("value")

    def texts(self, attribute, value=None):
        """The text of every element with `attribute` (equal to `value`), outside templates."""
        return [
            " ".join(node.text().split())
            for node in self.root.iter()
            if attribute in node.attrs and value in (None, node.attrs[attribute])
            and not node.in_template()
        ]

    def shown(self, key):
        """What the element with the id `key`, or the one with `data-preview="key"`, shows,
        its whitespace collapsed."""
        found = [
            node for node in self.root.iter()
            if node.attrs.get("id") == key
            or (node.attrs.get("data-preview") == key and not node.in_template())
        ]
        assert len(found) == 1, f"{len(found)} elements shown as {key}"
        return " ".join(found[0].text().split())

    def figure(self, name):
        [node] = self.find(data_figure=name)
        return node.text()

    def share(self, name):
        [node] = self.find(data_share_of=name)
        return node.text()

    def summary(self, column):
        cells = [node for node in self.root.iter() if node.attrs.get("data-summary") == column]
        assert len(cells) == 1, f"{len(cells)} summary cells {column}"
        return cells[0].text().strip()

    def column_headers(self):
        return [
            node.text().strip()
            for node in self.form.iter()
            if node.tag == "th" and node.attrs.get("scope") == "col"
        ]

    def cell_errors(self, name):
        """The error messages shown beside the input `name`: in its table cell or field box."""
        field = self.input(name)
        box = next(
            node for node in field.ancestors()
            if node.tag == "td" or node.attrs.get("id", "").startswith("div_id_")
        )
        return [
            " ".join(node.text().split())
            for node in box.iter()
            if node.has_class("invalid-feedback")
        ]

    def errors_beside(self, name):
        """The error messages in the element holding the input `name`."""
        box = self.input(name).parent
        return [node.text() for node in box.iter() if node.has_class("invalid-feedback")]

    def fund_prefix(self, source):
        """The formset prefix of the fund row of `source` (fiscal, other …)."""
        [row] = [n for n in self.form.iter() if n.attrs.get("data-fund") == source]
        [name] = [n.attrs["name"] for n in row.iter() if n.attrs.get("name", "").endswith("-id")]
        return name.removesuffix("-id")

    def editable(self):
        fieldsets = [n for n in self.form.iter() if n.tag == "fieldset"]
        buttons = [n for n in self.form.iter()
                   if n.tag == "button" and n.attrs.get("name") == "save"]
        return "disabled" not in fieldsets[0].attrs and len(buttons) == 1

    # ---- what the form sends

    def form_data(self):
        """What submitting the section form sends, by name."""
        data = {}

        def put(name, value):
            data.setdefault(name, []).append(value)

        for node in self.form.iter():
            name = node.attrs.get("name")
            if not name or node.in_template():
                continue
            if not self.disabled and any(
                a.tag == "fieldset" and "disabled" in a.attrs for a in node.ancestors()
            ):
                continue
            if node.tag == "input":
                kind = node.attrs.get("type", "text")
                if kind in ("submit", "button", "reset", "image"):
                    continue
                if kind in ("checkbox", "radio"):
                    if "checked" in node.attrs:
                        put(name, node.attrs.get("value") or "on")
                    continue
                put(name, node.attrs.get("value") or "")
            elif node.tag == "textarea":
                text = node.text()
                # As browsers do: a newline right after <textarea> is not part of the value.
                put(name, text[1:] if text.startswith("\n") else text)
            elif node.tag == "select":
                options = [o for o in node.iter() if o.tag == "option"]
                chosen = [o for o in options if "selected" in o.attrs]
                if not chosen and "multiple" not in node.attrs and options:
                    chosen = options[:1]
                for option in chosen:
                    put(name, option.attrs["value"] if "value" in option.attrs
                        else option.text().strip())
        if not self.lists:
            data = {name: values[-1] for name, values in data.items()}
        return data

    def _value(self, value):
        """`value` as `data` holds it."""
        return [value] if self.lists else value

    def _total(self, prefix):
        total = self.data[f"{prefix}-TOTAL_FORMS"]
        return int(total[0] if self.lists else total)

    # ---- what the page's script does

    def set(self, **values):
        """Type into inputs; keys use `__` for `-` (report__contact_person)."""
        for key, value in values.items():
            self.data[key.replace("__", "-")] = self._value(value)
        return self

    def check(self, name, on=True):
        if on:
            self.data[name] = self._value("on")
        else:
            self.data.pop(name, None)
        return self

    def rows(self, prefix):
        """The row prefixes of a table in the order the page shows them, moves included."""
        if prefix not in self.order:
            body = [
                node for node in self.form.iter()
                if node.tag == "tbody" and node.attrs.get("data-rows") == prefix
                and "data-mirror" not in node.attrs
            ][0]
            self.order[prefix] = [
                child.attrs["data-row"] for child in body.children
                if isinstance(child, Node) and child.tag == "tr"
            ]
        return self.order[prefix]

    def visible_rows(self, prefix):
        return [row for row in self.rows(prefix)
                if self.data.get(f"{row}-DELETE") != self._value("on")]

    def renumber(self, prefix):
        for position, row in enumerate(self.visible_rows(prefix)):
            self.data[f"{row}-position"] = self._value(str(position))

    def add_row(self, prefix, **values):
        """Press 添加: a copy of the empty row with the next index, then type into it."""
        total = self._total(prefix)
        row = f"{prefix}-{total}"
        # A table shown in parts (its mirrors) has an empty row for each part.
        templates = [n for n in self.form.iter()
                     if n.tag == "template" and n.attrs.get("data-empty-row") == prefix]
        assert templates, f"no empty row for {prefix}"
        for template in templates:
            for node in template.iter():
                name = node.attrs.get("name")
                if name and node.tag in ("input", "textarea", "select"):
                    self.data[name.replace("__prefix__", str(total))] = self._value(
                        node.attrs.get("value") or ""
                    )
        self.data[f"{prefix}-TOTAL_FORMS"] = self._value(str(total + 1))
        self.rows(prefix).append(row)
        for field, value in values.items():
            self.data[f"{row}-{field}"] = self._value(value)
        self.renumber(prefix)
        return row

    def add_function_row(self, name, amount):
        """What 添加一类 does: one more form in the functions formset, numbered last."""
        index = self._total("functions")
        values = {"TOTAL_FORMS": str(index + 1), f"{index}-name": name, f"{index}-amount": amount,
                  f"{index}-position": str(index), f"{index}-id": "", f"{index}-DELETE": ""}
        for key, value in values.items():
            self.data[f"functions-{key}"] = self._value(value)

    def remove_row(self, row):
        prefix = row.rsplit("-", 1)[0]
        self.data[f"{row}-DELETE"] = self._value("on")
        self.renumber(prefix)

    def move_up(self, row):
        prefix = row.rsplit("-", 1)[0]
        rows = self.rows(prefix)
        visible = self.visible_rows(prefix)
        above = visible[visible.index(row) - 1]
        i, j = rows.index(above), rows.index(row)
        rows[i], rows[j] = rows[j], rows[i]
        self.renumber(prefix)


# ---- opening a page and posting it back


def section_url(report, slug):
    return reverse("report_section", args=[report.pk, slug])


def open_page(client, url, **options):
    """GET `url`, which must answer 200, as a `Page` (`options` as for `Page`)."""
    response = client.get(url)
    assert response.status_code == 200
    return Page(response, **options)


def post_page(client, url, page, button="save"):
    """POST the page's form to `url` as pressing `button` does."""
    return client.post(url, {**page.data, button: page._value("")})


def listed_findings(client, report):
    """(message, link) of every item the 检查 page lists, in the order shown; [] only when the
    page says the report passed."""
    response = client.get(reverse("report_check", args=[report.pk]))
    assert response.status_code == 200
    root = parse(response.content.decode())
    listings = [node for node in root.iter() if node.has_class("check-findings")]
    if not listings:
        assert "检查通过" in response.content.decode(), "neither findings nor 检查通过"
        return []
    [listing] = listings
    return [(link.text(), link.attrs["href"])
            for item in listing.iter() if item.tag == "li"
            for link in item.iter() if link.tag == "a"]


def logs_in(client, username, password, **extra):
    """Whether the login page lets `username` in, posted as a person does (so the lockout sees
    the request; `extra` as for `client.post`, e.g. REMOTE_ADDR)."""
    response = client.post(reverse("login"), {"username": username, "password": password}, **extra)
    return response.status_code == 302 and response.url == reverse("report_list")
