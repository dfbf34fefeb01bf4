"""The clerk's edit pages as a screen reader, a tablet and a slow PDF meet them.

Every edit page of every family is walked as its unit's 填报人 opens it: every input has a name
(a <label> or, in a table cell, an aria-label naming the table, row and column), says what the
财政局 expects (its note, NOTES of its family's module, named in aria-describedby), and shows 万元 beside an
amount. Refused saves list their errors and mark the fields; the page keeps the typing as a
draft (draft-info for edit.js); the approved PDF's state can be asked for while it is rendered;
the desk's downloads say when they have begun; the stylesheet's colours pass WCAG AA.
"""

import hashlib
import json
import re
from datetime import datetime, time

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.families import f1, f2, f3
from reports.models import ApprovedPdf, FormVersion, Report, User
from tests.pages import Page

SKIPPED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


def client_for(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def pages(demo):
    """Every edit page of every family and variant: (username, url).

    The demo's reports, and beside them the variants the demo does not fill: F1 with split
    结余, 编制分类 and the 部门（单位） headings; the scored 2023 F3 with a project; F4 with the
    2024 outline.
    """
    xu, zheng = (User.objects.get(username=name) for name in ("xuyuanshan", "zhengshi"))
    f1 = services.create_report(xu.unit, 2023, FormVersion.objects.get(code="f1-hunan-2017"), xu)
    f1.options = {"balance_split": True, "staff_breakdown": True, "heading_style": "department"}
    f1.save()
    f3 = services.create_report(zheng.unit, 2023, FormVersion.objects.get(code="f3-sichuan-2023"),
                                zheng)
    project = f3.projects.create(name="青少年科技创新大赛")
    f3.spec.on_project_create(f3, project)
    services.create_report(zheng.unit, 2024, FormVersion.objects.get(code="f4-sichuan-2024"), zheng)

    owners = {"505001": "xuyuanshan", "317001": "lisi", "128001": "zhengshi"}
    found = []
    for report in Report.objects.filter(status=Report.Status.DRAFT).select_related("unit"):
        user = owners[report.unit.budget_code]
        for section in report.spec.sections:
            found.append((user, reverse("report_section", args=[report.pk, section.slug])))
        for project in report.projects.all():
            for section in report.spec.project_sections:
                found.append((user, reverse("project_section",
                                            args=[report.pk, project.pk, section.slug])))
    return found


def open_pages(pages):
    clients = {}
    for username, url in pages:
        client = clients.setdefault(username, client_for(username))
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, Page(response)


def fields(root):
    """The inputs a person fills in, those of the empty rows the page clones included."""
    return [
        node for node in root.iter()
        if node.tag in ("input", "select", "textarea")
        and not (node.tag == "input" and node.attrs.get("type", "text") in SKIPPED_INPUTS)
    ]


def label_of(root, node):
    """What a screen reader calls the input: its aria-label, else the text of its <label>."""
    if (node.attrs.get("aria-label") or "").strip():
        return node.attrs["aria-label"].strip()
    for label in root.iter():
        if label.tag == "label" and label.attrs.get("for") == node.attrs.get("id"):
            return " ".join(label.text().split())
    for ancestor in node.ancestors():
        if ancestor.tag == "label":
            return " ".join(ancestor.text().split())
    return ""


def descriptions(root, node):
    """The texts aria-describedby names, in order; None for an id not on the page."""
    by_id = {n.attrs["id"]: n for n in root.iter() if "id" in n.attrs}
    return [
        " ".join(by_id[ref].text().split()) if ref in by_id else None
        for ref in (node.attrs.get("aria-describedby") or "").split()
    ]


def column_header(root, node):
    """The text of the header over the table cell holding `node`; "" outside a table. A cell
    of an empty row (the <template> the page clones) is under the header of the table the row
    is added to."""
    cell = next((a for a in node.ancestors() if a.tag in ("td", "th")), None)
    if cell is None:
        return ""
    row = cell.parent
    index = [c for c in row.children if not isinstance(c, str) and c.tag in ("td", "th")].index(cell)
    table = next((a for a in cell.ancestors() if a.tag == "table"), None)
    if table is None:
        template = next(a for a in cell.ancestors() if a.tag == "template")
        prefix = template.attrs["data-empty-row"]
        templates = [n for n in root.iter() if n.attrs.get("data-empty-row") == prefix]
        bodies = [n for n in root.iter() if n.attrs.get("data-rows") == prefix]
        body = bodies[templates.index(template)]
        table = next(a for a in body.ancestors() if a.tag == "table")
    head = next((n for n in table.iter() if n.tag == "thead"), None)
    if head is None:
        return ""
    first = next(n for n in head.iter() if n.tag == "tr")
    headers = [c for c in first.children if not isinstance(c, str) and c.tag in ("td", "th")]
    return " ".join(headers[index].text().split()) if index < len(headers) else ""


# ---- every input has a name, a note and its unit


def test_every_input_of_every_edit_page_has_a_label(pages):
    unlabelled = [
        (url, node.attrs.get("name"))
        for url, page in open_pages(pages)
        for node in fields(page.root)
        if not label_of(page.root, node)
    ]
    assert unlabelled == []


def test_table_cells_are_named_by_table_row_and_column(filler_client, demo_report):
    page = Page(filler_client.get(reverse("report_section", args=[demo_report.pk, "finance"])))
    names = {node.attrs["name"]: node.attrs.get("aria-label") for node in fields(page.root)}

    assert names["institutions-0-name"] == "二级机构 第1行 机构名称"
    assert names["institutions-0-expense_personnel"] == "二级机构 第1行 人员支出（万元）"
    # The empty row the page clones; its script numbers the row once added (edit.js).
    assert names["institutions-__prefix__-expense_personnel"] == "二级机构 新增行 人员支出（万元）"
    buttons = [n.attrs.get("aria-label") for n in page.root.iter() if "data-remove" in n.attrs]
    assert set(buttons) == {"删除这一行"}


def test_every_input_says_what_the_bureau_expects(pages):
    """Each input names its note in aria-describedby, and the note is on the page: under the
    field, or above its table. 版式选项 are the application's, not the form's."""
    without_note = []
    dangling = []
    for url, page in open_pages(pages):
        for node in fields(page.root):
            name = node.attrs.get("name", "")
            texts = descriptions(page.root, node)
            if None in texts:
                dangling.append((url, name, node.attrs.get("aria-describedby")))
            if name.startswith("options-"):
                continue
            if not any(texts):
                without_note.append((url, name))
    assert dangling == []
    assert without_note == []


def test_a_column_note_is_shown_above_the_table_and_named_by_every_cell(filler_client,
                                                                         demo_report):
    page = Page(filler_client.get(reverse("report_section", args=[demo_report.pk, "finance"])))
    note = f1.NOTES["columns"]["institutions"]["income_carryover"]

    [shown] = page.find(id="note-institutions-income_carryover")
    assert " ".join(shown.text().split()) == f"上年结转：{note}"
    cell = page.input("institutions-0-income_carryover")
    assert descriptions(page.root, cell) == [f"上年结转：{note}"]


def test_a_narrative_heading_says_what_to_write_under_it(pages):
    project_report = next(url for _user, url in pages if url.endswith("/report/"))
    username = next(user for user, url in pages if url == project_report)
    page = Page(client_for(username).get(project_report))

    field = page.input("narrative-basic")
    assert descriptions(page.root, field) == [f3.NOTES_BASIC["headings"]["basic"]]
    assert label_of(page.root, field) == "（一）项目基本情况"


def test_every_amount_input_shows_wan_yuan(pages):
    """万元 in the column header over an amount, or after it in its box."""
    missing = []
    for url, page in open_pages(pages):
        for node in fields(page.root):
            if "amount" not in (node.attrs.get("class") or "").split():
                continue
            group = next((a for a in node.ancestors() if a.has_class("input-group")), None)
            if group is not None and "万元" in group.text():
                continue
            if "万元" in column_header(page.root, node):
                continue
            missing.append((url, node.attrs.get("name")))
    assert missing == []


def test_no_element_is_put_first_in_the_tab_order(pages):
    positive = [
        (url, node.tag, node.attrs.get("name"))
        for url, page in open_pages(pages)
        for node in page.root.iter()
        if int(node.attrs.get("tabindex") or 0) > 0
    ]
    assert positive == []


# ---- a refused save says what is wrong, where


def test_a_refused_amount_is_listed_marked_and_described(filler_client, demo_report):
    url = reverse("report_section", args=[demo_report.pk, "finance"])
    page = Page(filler_client.get(url))
    page.set(institutions__0__expense_personnel="12.3.4")

    response = filler_client.post(url, {**page.data, "save": [""]})

    assert response.status_code == 400
    shown = Page(response)
    field = shown.input("institutions-0-expense_personnel")
    assert field.attrs["aria-invalid"] == "true"
    assert descriptions(shown.root, field)[-1] == "请填写数字，最多两位小数，例如 95.76"
    summary = shown.by_id("error-summary")
    assert summary.attrs["role"] == "alert"
    [link] = [n for n in summary.iter() if n.tag == "a"]
    assert link.attrs["href"] == "#id_institutions-0-expense_personnel"
    assert link.text() == "二级机构 第1行 人员支出：请填写数字，最多两位小数，例如 95.76"


def test_a_refused_field_outside_a_table_is_described_by_its_note_and_error(lisi_client,
                                                                             yunxi_report):
    url = reverse("report_section", args=[yunxi_report.pk, "table"])
    page = Page(lisi_client.get(url))
    page.set(budget__income_general="七十三")

    shown = Page(lisi_client.post(url, {**page.data, "save": [""]}))

    field = shown.input("budget-income_general")
    assert field.attrs["aria-invalid"] == "true"
    assert descriptions(shown.root, field) == [
        f2.NOTES["fields"]["income_general"], "请填写数字，最多两位小数，例如 95.76",
    ]
    [link] = [n for n in shown.by_id("error-summary").iter() if n.tag == "a"]
    assert link.text() == "一般公共预算：请填写数字，最多两位小数，例如 95.76"


def test_a_refused_fund_amount_is_named_by_its_source(zhengshi_client, demo_f3):
    project = demo_f3.projects.first()
    url = reverse("project_section", args=[demo_f3.pk, project.pk, "table"])
    page = Page(zhengshi_client.get(url))
    page.set(**{f"{page.fund_prefix('fiscal')}-executed": "5,4O"})

    shown = Page(zhengshi_client.post(url, {**page.data, "save": [""]}))

    [link] = [n for n in shown.by_id("error-summary").iter() if n.tag == "a"]
    assert link.text() == "财政拨款·执行数：请填写数字，最多两位小数，例如 95.76"
    assert link.attrs["href"] == f"#id_{page.fund_prefix('fiscal')}-executed"


# ---- the save state and the draft the page keeps


def draft_info(page):
    return json.loads(page.by_id("draft-info").text())


def test_page_says_when_it_was_last_saved_and_where_its_draft_is_kept(filler_client, filler,
                                                                      demo_report):
    # Saved by 徐远山 today at 09:05: the time alone.
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time(9, 5)))
    Report.objects.filter(pk=demo_report.pk).update(updated_at=today, updated_by=filler)
    demo_report.refresh_from_db()

    page = Page(filler_client.get(reverse("report_section", args=[demo_report.pk, "overview"])))

    [state] = page.find(class_="save-state small ms-2")
    assert state.text() == "已保存 09:05"
    assert state.attrs["data-state"] == "saved"
    assert draft_info(page) == {
        "key": f"kxeval-draft:u{filler.pk}:r{demo_report.pk}:overview",
        "report": demo_report.pk,
        "lock_version": demo_report.lock_version,
        "saved_at": demo_report.updated_at.isoformat(),
        "saved_at_text": "09:05",
        "saved_by": "徐远山",
        "posted": False,
    }
    assert page.find(id="draft-banner")


def test_a_save_of_another_day_is_shown_with_its_date(filler_client, demo_report):
    moment = timezone.make_aware(datetime(2024, 3, 5, 10, 42))
    Report.objects.filter(pk=demo_report.pk).update(updated_at=moment)

    page = Page(filler_client.get(reverse("report_section", args=[demo_report.pk, "overview"])))

    [state] = page.find(class_="save-state small ms-2")
    assert state.text() == "已保存 03-05 10:42"
    assert draft_info(page)["saved_at_text"] == "03-05 10:42"


def test_a_refused_save_is_shown_as_unsaved_typing(filler_client, demo_report):
    url = reverse("report_section", args=[demo_report.pk, "overview"])
    page = Page(filler_client.get(url))
    page.set(report__contact_phone="电话")

    shown = Page(filler_client.post(url, {**page.data, "save": [""]}))

    [state] = shown.find(class_="save-state small ms-2")
    assert (state.attrs["data-state"], state.text()) == ("dirty", "有未保存的修改")
    assert draft_info(shown)["posted"] is True


def test_a_project_page_keeps_its_draft_apart(zhengshi_client, demo_f3):
    project = demo_f3.projects.first()
    page = Page(zhengshi_client.get(
        reverse("project_section", args=[demo_f3.pk, project.pk, "table"])))

    assert draft_info(page)["key"].endswith(f":r{demo_f3.pk}:p{project.pk}-table")


def test_a_page_that_cannot_be_edited_keeps_no_draft(demo):
    submitted = Report.objects.get(unit__budget_code="505001", year=2022)
    page = Page(client_for("xuyuanshan").get(
        reverse("report_section", args=[submitted.pk, "overview"])))

    assert not page.find(id="draft-info")
    assert not page.find(id="draft-banner")
    assert not page.find(class_="save-state small ms-2")


# ---- the approved PDF, rendered in the background


@pytest.fixture
def approved(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Report.objects.get(unit__budget_code="505001", year=2020).approved_pdf


def status_of(client, report):
    response = client.get(reverse("approved_pdf_status", args=[report.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()


def test_status_says_the_approved_pdf_is_being_rendered(approved):
    ApprovedPdf.objects.filter(pk=approved.pk).update(state=ApprovedPdf.State.PENDING)
    client = client_for("xuyuanshan")

    assert status_of(client, approved.report) == {
        "state": "pending", "text": "审定 PDF 正在生成…", "url": ""}
    page = client.get(reverse("report_detail", args=[approved.report.pk])).content.decode()
    # The page asks the status while the PDF is pending; it reloads itself only without scripts.
    assert f'data-status-url="{reverse("approved_pdf_status", args=[approved.report.pk])}"' in page
    assert re.search(r'<noscript><meta http-equiv="refresh" content="5"></noscript>', page)
    assert page.count('http-equiv="refresh"') == 1


def test_status_offers_the_approved_pdf_once_ready(approved):
    approved.file.save("ready.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    approved.state = ApprovedPdf.State.READY
    approved.save()

    assert status_of(client_for("zhangsan"), approved.report) == {
        "state": "ready", "text": "审定 PDF 已生成。",
        "url": reverse("approved_pdf", args=[approved.report.pk]),
    }


def test_status_says_when_rendering_failed(approved):
    ApprovedPdf.objects.filter(pk=approved.pk).update(state=ApprovedPdf.State.FAILED)

    assert status_of(client_for("xuyuanshan"), approved.report)["text"] == (
        "审定 PDF 生成失败，请联系管理员。")


def test_status_of_a_report_not_approved(filler_client, demo_report):
    assert status_of(filler_client, demo_report) == {
        "state": "none", "text": "这份报告尚未审核通过，没有审定 PDF。", "url": ""}


def test_status_of_another_units_report_is_not_found(approved):
    response = client_for("lisi").get(reverse("approved_pdf_status", args=[approved.report.pk]))
    assert response.status_code == 404


# ---- the desk's downloads say when they have begun


def store(approved):
    data = b"%PDF-1.7\napproved\n"
    approved.file.save("a.pdf", ContentFile(data), save=False)
    approved.state = ApprovedPdf.State.READY
    approved.sha256 = hashlib.sha256(data).hexdigest()
    approved.save()


def test_desk_zip_tells_the_page_its_download_began(approved):
    store(approved)
    client = client_for("zhangsan")

    response = client.get(reverse("desk_zip"), {"year": 2020, "download_token": "k3x9aa"})

    assert response.status_code == 200
    assert response.cookies["kxeval_download"].value == "k3x9aa"
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_desk_export_tells_the_page_its_download_began(demo):
    response = client_for("zhangsan").get(reverse("desk_xlsx"), {"download_token": "t0k"})

    assert response.cookies["kxeval_download"].value == "t0k"


def test_a_token_that_is_not_one_sets_no_cookie(approved):
    store(approved)

    response = client_for("zhangsan").get(
        reverse("desk_zip"), {"year": 2020, "download_token": "<b>x</b>"})

    # The download itself goes ahead.
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert "kxeval_download" not in response.cookies


def test_an_empty_zip_returns_to_the_desk_without_the_token(demo):
    response = client_for("zhangsan").get(
        reverse("desk_zip"), {"year": 2021, "download_token": "abc"})

    assert response.status_code == 302
    assert response["Location"] == reverse("desk") + "?year=2021"


# ---- colours


def luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert round(contrast("#000", "#fff"), 2) == 21.0
    assert round(contrast("#0d6efd", "#fff"), 2) == 4.5  # Bootstrap's primary: too close
    assert round(contrast("#777", "#fff"), 2) == 4.48


def css_rules():
    from django.contrib.staticfiles import finders

    css = open(finders.find("reports/app.css"), encoding="utf-8").read()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        yield " ".join(selector.split()), declarations


HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")
BODY_TEXT, WHITE, TABLE_HEAD = "#212529", "#fff", "#f8f9fa"


def test_every_colour_of_the_stylesheet_passes_wcag_aa():
    """Text colour against its rule's background, or against the page's and the table
    headers' backgrounds (the navigation bar's for its own rules); a background against the
    body text; a button's or badge's colours
    against white text. Focus outlines need 3:1."""
    failures = []
    # The navigation bar's background is the primary colour the stylesheet sets.
    primary = HEX.search(dict(css_rules())[":root"]["--bs-primary"]).group()
    for selector, rules in css_rules():
        text = HEX.search(rules.get("color", ""))
        background = HEX.search(rules.get("background", "") or rules.get("background-color", ""))
        if text and background:
            pairs = [(text.group(), background.group())]
        elif text and "navbar" in selector:
            pairs = [(text.group(), primary)]
        elif text:
            pairs = [(text.group(), WHITE), (text.group(), TABLE_HEAD)]
        elif background:
            pairs = [(BODY_TEXT, background.group())]
        else:
            pairs = []
        for name in ("--bs-btn-bg", "--bs-btn-hover-bg", "--bs-btn-active-bg",
                     "--bs-nav-pills-link-active-bg", "--bs-primary", "--bs-link-color",
                     "--bs-link-hover-color"):
            if HEX.search(rules.get(name, "")):
                pairs.append((WHITE, HEX.search(rules[name]).group()))
        if HEX.search(rules.get("--bs-btn-color", "")):
            pairs.append((HEX.search(rules["--bs-btn-color"]).group(), WHITE))
        failures += [(selector, one, other, round(contrast(one, other), 2))
                     for one, other in pairs if contrast(one, other) < 4.5]
        outline = HEX.search(rules.get("outline", ""))
        if outline and contrast(outline.group(), WHITE) < 3:
            failures.append((selector, "outline", outline.group()))
    assert failures == []
