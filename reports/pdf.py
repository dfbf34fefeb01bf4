"""Reports as PDF, in the official printed layout of their form family.

This is the only module that calls WeasyPrint. The HTML is a Django template of the report's
family (report.spec.pdf_template), so every value is autoescaped: text a unit typed is printed,
never interpreted.

WeasyPrint fetches stylesheets, images and @font-face fonts by URL (the CJK font itself comes
from fontconfig, settings.PDF_FONT_FAMILY). A report's PDF may use the project's own static
files and nothing else: no file on the server outside the static directory, no
network (a fetch of an internal address from the server would be a request forgery), no data:
URLs (nothing needs them: the QR code and the charts are inline SVG). Documents are rendered
with a base URL under the reserved `.invalid` domain, which can never resolve, and
StaticFetcher maps that URL prefix onto the static directories and refuses every other URL.

Nor may a PDF carry files: WeasyPrint embeds the target of <a rel="attachment"> and
<link rel="attachment"> (and of its `attachments` option, which we never pass), fetching it
when the PDF is written, after layout. `layout` closes the fetcher once the pages are laid
out, so those fetches are refused too, a static file included.

Before any of this, `render_document` refuses a report that holds more than its edit pages
accept (limits.check_report): it may have been stored by other means than the forms.

Every page of a PDF says what it is (templates/reports/pdf/_stamp.html): the approved PDF
carries its verification code and a QR code of its /verify/ page in the footer; the PDF of a
report not yet approved carries a 草稿 / 未审核 watermark.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from reports import limits

STATIC_HOST = "kxeval.invalid"
STATIC_PREFIX = "/static/"
BASE_URL = f"https://{STATIC_HOST}{STATIC_PREFIX}"

# The blank form has at least this many lines in 四、评价人员, for names added by pen.
MIN_EVALUATOR_ROWS = 4


class ResourceRefused(ValueError):
    """A URL the PDF renderer must not fetch."""


class StaticFetcher(weasyprint.URLFetcher):
    """A WeasyPrint URL fetcher that serves the project's static files and refuses the rest.

    Only `https://kxeval.invalid/static/<path>` is served, from settings.STATICFILES_DIRS
    (not the apps' static files, not STATIC_ROOT). Every other URL, file:// and data: included,
    raises ResourceRefused before anything is opened. It never touches the network, so there is
    no redirect to follow. Once closed (after layout) it refuses everything.

    `served` and `refused` list the URLs it was asked for, in order.
    """

    def __init__(self):
        # Only for the attributes WeasyPrint reads (_fail_on_errors); the urllib machinery the
        # base class sets up is never used since fetch() is replaced. A refused URL is logged by
        # WeasyPrint and left out, as it does for a missing image.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.finder = FileSystemFinder()
        self.closed = False
        self.served = []
        self.refused = []

    def close(self):
        """Refuse every later fetch: what WeasyPrint asks for after layout is an attachment."""
        self.closed = True

    def fetch(self, url, headers=None):
        try:
            if self.closed:
                raise ResourceRefused(f"PDF 不能附带文件：{url}")
            path = self.resolve(url)
        except ResourceRefused:
            self.refused.append(url)
            raise
        self.served.append(url)
        content_type, _encoding = mimetypes.guess_type(path.name)
        content_type = content_type or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}
        )

    def resolve(self, url):
        """The static file `url` names, or ResourceRefused."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise ResourceRefused(f"不允许的地址：{url}") from None
        if (
            parts.scheme != "https"
            or parts.netloc != STATIC_HOST
            or parts.query
            or not parts.path.startswith(STATIC_PREFIX)
        ):
            raise ResourceRefused(f"PDF 只能使用本系统的静态文件，不允许：{url}")
        name = unquote(parts.path[len(STATIC_PREFIX):])
        # WeasyPrint has already resolved relative references; a ".." left here, a backslash or
        # a NUL can only be an attempt to leave the static directory (possibly %-encoded).
        segments = name.split("/")
        if not name or "\\" in name or "\0" in name or ".." in segments or name.startswith("/"):
            raise ResourceRefused(f"不允许的静态文件路径：{url}")
        try:
            found = self.finder.find(posixpath.normpath(name))
        except SuspiciousFileOperation:
            raise ResourceRefused(f"不允许的静态文件路径：{url}") from None
        if not found:
            raise ResourceRefused(f"没有这个静态文件：{url}")
        path = Path(found).resolve()
        # The resolved path, so a symlink inside the static directory cannot lead outside it.
        if not any(path.is_relative_to(root) for root in static_roots()) or not path.is_file():
            raise ResourceRefused(f"不允许的静态文件路径：{url}")
        return path


def static_roots():
    """The resolved STATICFILES_DIRS, the only directories PDFs may read from."""
    roots = []
    for entry in settings.STATICFILES_DIRS:
        root = entry[1] if isinstance(entry, (tuple, list)) else entry
        roots.append(Path(root).resolve())
    return roots


def report_context(report):
    """The template context of `report`'s PDF: the family's context and the print helpers."""
    spec = report.spec
    context = spec.context(report)
    evaluators = list(report.evaluatorrows.all())
    padding = max(MIN_EVALUATOR_ROWS - len(evaluators), 0)
    result = {
        "report": report,
        **context,
        "opt": {option.name: report.option(option.name) for option in spec.settings},
        "bureau": report.unit.bureau,
        "indicator_bodies": indicator_bodies(context["indicator_table"]),
        "evaluator_rows": evaluators + [None] * padding,
    }
    if "finance" in context:
        result["finance_rows"] = [context["finance"]["summary"], *context["finance"]["rows"]]
    return result


def indicator_bodies(indicator_table):
    """The printed rows of the 定量 table, one list per 一级 parent (a <tbody> each).

    Each line carries its parent only on the parent's first line and its group only on the
    group's first line: that is where the merged cells start (their rowspan is the span).
    A group without indicators gets one line with `row` None, the blank line of the form.
    """
    bodies = []
    for parent in indicator_table:
        lines = []
        for group_index, group in enumerate(parent["groups"]):
            for row_index, row in enumerate(group["rows"] or [None]):
                lines.append({
                    "parent": parent if group_index == 0 and row_index == 0 else None,
                    "group": group if row_index == 0 else None,
                    "row": row,
                })
        bodies.append(lines)
    return bodies


def verify_url(approved):
    """The public address of `approved`'s verification page, as printed in its QR code."""
    return settings.SITE_URL.rstrip("/") + reverse("verify", args=[approved.code])


def qr_svg(url):
    """`url` as a QR code: inline SVG markup, one module per user unit, no quiet zone.

    Inline, because the fetcher refuses data: URLs. The quiet zone is the page's white margin
    around it; the stylesheet sets the printed size and keeps the code's text clear of it.
    """
    qr = segno.make(url, error="m", micro=False)
    # segno writes only the path of the dark modules; the markup holds no text of ours.
    return mark_safe(qr.svg_inline(border=0, omitsize=True, svgclass="stamp-qr", lineclass=None))


def stamp_context(report, approved=None):
    """What every page of the PDF carries: the approved PDF's code and QR, or the draft mark."""
    if approved is not None:
        if approved.report_id != report.pk:
            raise ValueError("审定 PDF 与报告不符")
        url = verify_url(approved)
        return {"code": approved.code, "url": url, "qr": qr_svg(url), "draft": False}
    return {"draft": report.status != report.Status.APPROVED}


def review_context(report):
    """The approved PDF's last page: the workflow record, the reviewer's comments, and for
    scored forms each row's 自评得分 beside its 审核得分."""
    sections = {section.slug: section.title
                for section in (*report.spec.sections, *report.spec.project_sections)}
    return {
        "events": report.events.select_related("actor"),
        "comments": [
            {"comment": comment, "section": sections.get(comment.section, comment.section)}
            for comment in report.comments.exclude(event=None).select_related("author")
        ],
        "rows": report.spec.scored_rows(report),
        "total": report.total_score,
        "review_total": report.review_total,
    }


def render_html(report, approved=None):
    """The HTML the PDF of `report` is made from.

    With `approved` (the report's ApprovedPdf) every page carries its verification code and QR
    code; without, a report that is not approved is marked 草稿 / 未审核 on every page.
    """
    context = report_context(report)
    context["stamp"] = stamp_context(report, approved)
    if approved is not None:
        context["review"] = review_context(report)
    html = render_to_string(report.spec.pdf_template, context)
    # The approved PDF is stored for good: never one without its code.
    if approved is not None and context["stamp"]["qr"] not in html:
        raise ImproperlyConfigured(
            f"{report.spec.pdf_template} 没有包含 reports/pdf/_stamp.html，不能生成审定 PDF"
        )
    return html


def render_document(reports, approved=None):
    """Lay out `reports` as one WeasyPrint document, each report starting on a new page.

    Each report is its own HTML document, so page numbers restart with every report.
    `approved`, an ApprovedPdf of one of the reports, stamps that report's pages.
    limits.ReportTooLarge, before anything is rendered, for a report beyond its pages' limits.
    """
    if approved is not None and approved.report_id not in {report.pk for report in reports}:
        raise ValueError("审定 PDF 与报告不符")
    if not reports:
        raise ValueError("没有要生成 PDF 的报告")
    for report in reports:
        limits.check_report(report)
    approved_id = approved.report_id if approved is not None else None
    return layout([
        render_html(report, approved if report.pk == approved_id else None) for report in reports
    ])


def layout(htmls, fetcher=None):
    """Lay out HTML documents (strings) as one WeasyPrint document, each one from a new page.

    Every URL goes through `fetcher` (a new StaticFetcher by default), relative ones resolved
    against BASE_URL; it is closed once the pages are laid out, so writing the PDF can fetch
    nothing, attachments included.
    """
    if fetcher is None:
        fetcher = StaticFetcher()
    # One font configuration for all the documents: the merged document keeps only the first
    # one's alive, and a configuration that is garbage-collected takes its fonts with it.
    font_config = FontConfiguration()
    documents = [
        weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        .render(font_config=font_config)
        for html in htmls
    ]
    fetcher.close()
    return documents[0].copy([page for document in documents for page in document.pages])


def render_reports(reports, approved=None):
    """One PDF (bytes) of several reports, in the given order."""
    return render_document(reports, approved).write_pdf()


def render_report(report, approved=None):
    """The PDF (bytes) of one report; with `approved`, the approved PDF to be stored."""
    return render_reports([report], approved)
