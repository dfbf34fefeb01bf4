"""What a PDF may fetch and carry: the application's static files, nothing else, no attachment.

The templates autoescape what a unit types, so typed markup never reaches WeasyPrint as markup
(the last tests here). The other tests go below that: they lay out HTML that really holds the
markup, through the renderer's own path (pdf.layout, the fetcher pdf.py uses), and check that
the fetcher refused each URL and that the PDF holds neither the file nor an embedded file.
"""

import io
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from reports import pdf
from reports.models import Report
from tests.pages import open_page, post_page, section_url
from tests.pdfs import pdf_fonts, pdf_text

STATIC = pdf.BASE_URL
PASSWD = Path("/etc/passwd")
# A line every /etc/passwd has; the PDF must never show it.
PASSWD_LINE = "root:x:0:0"


def lay_out(html):
    """`html` laid out and written as pdf.py does; the PDF and the fetcher it used."""
    fetcher = pdf.StaticFetcher()
    data = pdf.layout([html], fetcher).write_pdf()
    return data, fetcher


def embedded_files(data):
    """Every file the PDF carries: the /EmbeddedFiles name tree and /FileAttachment
    annotations (pypdf's `attachments` reads the first only)."""
    reader = PdfReader(io.BytesIO(data))
    names = reader.trailer["/Root"].get("/Names")
    found = []
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found += list(reader.attachments) or ["/EmbeddedFiles"]
    for page in reader.pages:
        for annotation in page.get("/Annots") or ():
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                found.append("/FileAttachment")
    return found


def assert_nothing_leaked(data):
    assert data.startswith(b"%PDF")
    assert embedded_files(data) == []
    text = pdf_text(data)
    assert PASSWD_LINE not in text
    assert "@page" not in text  # nor a stylesheet's text
    return text


@pytest.mark.skipif(not PASSWD.exists(), reason="needs /etc/passwd to try to read")
@pytest.mark.parametrize("markup, refused", [
    ('<img src="file:///etc/passwd">', ["file:///etc/passwd"]),
    ('<img src="http://127.0.0.1:1/x.png">', ["http://127.0.0.1:1/x.png"]),
    ('<img src="https://kxeval.invalid/x.png">', ["https://kxeval.invalid/x.png"]),
    ('<link rel="stylesheet" href="file:///etc/passwd">', ["file:///etc/passwd"]),
    ('<link rel="stylesheet" href="http://localhost:8000/static/reports/pdf/f1.css">',
     ["http://localhost:8000/static/reports/pdf/f1.css"]),
    ("<style>@import url(file:///etc/passwd);</style>", ["file:///etc/passwd"]),
    ('<style>@import "../../../../etc/passwd";</style>', ["https://kxeval.invalid/etc/passwd"]),
    ('<p style="background: url(file:///etc/passwd)">正文</p>', ["file:///etc/passwd"]),
    ("<style>li { list-style-image: url(/etc/passwd) }</style><ul><li>正文</li></ul>",
     ["https://kxeval.invalid/etc/passwd"]),
    ("<style>@font-face { font-family: x; src: url(file:///etc/passwd) }"
     " p { font-family: x }</style><p>正文</p>", ["file:///etc/passwd"]),
    ('<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4'
     '2mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">',
     ["data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
      "2mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="]),
    ('<link rel="stylesheet" href="data:text/css,p{color:red}">', ["data:text/css,p{color:red}"]),
    ('<object data="file:///etc/passwd"></object>', ["file:///etc/passwd"]),
    ('<embed src="file:///etc/passwd">', ["file:///etc/passwd"]),
    ('<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>',
     ["file:///etc/passwd"]),
    ('<img src="../../../../etc/passwd">', ["https://kxeval.invalid/etc/passwd"]),
    ('<img src="%2e%2e/%2e%2e/%2e%2e/etc/passwd">',
     [STATIC + "%2e%2e/%2e%2e/%2e%2e/etc/passwd"]),
    ('<img src="/static/..%2f..%2f..%2fetc/passwd">',
     [STATIC + "..%2f..%2f..%2fetc/passwd"]),
    ('<base href="file:///etc/"><img src="passwd">', ["file:///etc/passwd"]),
    # Attachments are fetched when the PDF is written, after layout: refused even when the
    # file is one of our own static files.
    ('<a rel="attachment" href="file:///etc/passwd">附件</a>', ["file:///etc/passwd"]),
    ('<a rel="attachment" href="reports/pdf/f1.css">附件</a>', [STATIC + "reports/pdf/f1.css"]),
    ('<link rel="attachment" href="/static/reports/pdf/base.css">',
     [STATIC + "reports/pdf/base.css"]),
    ('<link rel="attachment" href="file:///etc/passwd">', ["file:///etc/passwd"]),
])
def test_markup_in_the_html_fetches_nothing(markup, refused):
    data, fetcher = lay_out(f"<html><head></head><body><p>正文</p>{markup}</body></html>")

    assert fetcher.refused == refused
    assert fetcher.served == []
    assert "正文" in assert_nothing_leaked(data)


def test_static_files_are_served_while_laying_out_and_never_attached():
    data, fetcher = lay_out(
        '<link rel="stylesheet" href="reports/pdf/base.css">'
        '<link rel="attachment" href="reports/pdf/base.css">'
        '<p>正文 <a rel="attachment" href="/static/reports/pdf/f1.css">附件</a></p>'
    )

    assert fetcher.served == [STATIC + "reports/pdf/base.css"]
    assert fetcher.refused == [STATIC + "reports/pdf/f1.css", STATIC + "reports/pdf/base.css"]
    assert_nothing_leaked(data)


def test_symlink_out_of_the_static_directory_is_refused_in_layout(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "secret.css").write_text("p { color: red } /* 机密 */")
    (static / "leak.css").symlink_to(tmp_path / "secret.css")

    with override_settings(STATICFILES_DIRS=[static]):
        data, fetcher = lay_out('<link rel="stylesheet" href="leak.css"><img src="leak.css">')

    assert fetcher.refused == [STATIC + "leak.css", STATIC + "leak.css"]
    assert fetcher.served == []
    assert "机密" not in assert_nothing_leaked(data)


class Redirector(BaseHTTPRequestHandler):
    """Answers everything with a redirect to a file on the server, and counts the requests."""

    def do_GET(self):
        self.server.requests += 1
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def redirecting_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirector)
    server.requests = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_address_that_would_redirect_is_never_requested(redirecting_server):
    url = f"http://127.0.0.1:{redirecting_server.server_address[1]}/x.png"

    data, fetcher = lay_out(f'<img src="{url}"><link rel="stylesheet" href="{url}">'
                            f'<a rel="attachment" href="{url}">附件</a>')

    assert fetcher.refused == [url, url, url]
    assert redirecting_server.requests == 0
    assert_nothing_leaked(data)


def test_nothing_is_fetched_once_the_pages_are_laid_out():
    fetcher = pdf.StaticFetcher()
    fetcher.close()

    with pytest.raises(pdf.ResourceRefused):
        fetcher.fetch(STATIC + "reports/pdf/f1.css")
    assert fetcher.refused == [STATIC + "reports/pdf/f1.css"]


def documents(unit, year):
    """The demo reports of `unit` and `year`, in the order exportpdf puts them in one PDF."""
    return sorted(Report.objects.filter(unit__budget_code=unit, year=year),
                  key=lambda report: (report.spec.print_order, report.form_version.code))


@pytest.mark.parametrize("unit, year, sheets", [
    ("505001", 2021, ["base.css", "f1.css"]),
    ("317001", 2024, ["base.css", "f2.css"]),
    ("128001", 2021, ["base.css", "f4.css", "base.css", "f3.css"]),
])
def test_every_family_fetches_its_stylesheets_and_nothing_else(demo, unit, year, sheets):
    reports = documents(unit, year)
    fetcher = pdf.StaticFetcher()

    data = pdf.layout([pdf.render_html(report) for report in reports], fetcher).write_pdf()

    assert fetcher.served == [STATIC + f"reports/pdf/{name}" for name in sheets]
    assert fetcher.refused == []
    assert embedded_files(data) == []


@pytest.mark.parametrize("unit, year", [("505001", 2021), ("317001", 2024), ("128001", 2021)])
def test_every_family_embeds_only_the_cjk_font(demo, unit, year):
    """The subsets of settings.PDF_FONT_FAMILY, carried in the file: no other font, none that
    the reader's machine would have to supply."""
    data = pdf.render_reports(documents(unit, year))

    assert pdf_fonts(data) == {"Noto-Serif-CJK-SC": True, "Noto-Serif-CJK-SC-Bold": True}


# Typed by a unit, through the edit page ------------------------------------------------------


TYPED = ('<img src="file:///etc/passwd">', '<a rel="attachment" href="file:///etc/passwd">x</a>')


def test_markup_typed_into_a_narrative_prints_as_text(filler_client, demo_report, caplog):
    url = section_url(demo_report, "narrative")
    page = open_page(filler_client, url)
    page.set(narrative__overview_basic="\n".join(TYPED))

    assert post_page(filler_client, url, page).status_code == 302
    demo_report.refresh_from_db()
    assert demo_report.narrative["overview_basic"] == "\n".join(TYPED)

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = filler_client.get(reverse("report_pdf", args=[demo_report.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = assert_nothing_leaked(response.content)
    for typed in TYPED:
        assert typed in text
    # Nothing was even asked for and refused: the markup never reached WeasyPrint as markup.
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
