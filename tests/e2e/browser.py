"""What the browser tests do on a page, as a person would: save it, read a table, read a PDF."""

import re

from pypdf import PdfReader


def save(page):
    """Press 保存 and wait for the page that answers."""
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state()


def rows(page, prefix):
    """The visible rows of the edit page's table `prefix` (rows the clerk removed are hidden)."""
    return page.locator(
        f"#section-form tbody[data-rows='{prefix}']:not([data-mirror]) > tr[data-row]:visible")


def pdf_text(path):
    """The text of the PDF at `path`, without white space (the PDF breaks lines anywhere)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def download_pdf(page, link_name="下载 PDF"):
    """Click the link named `link_name` and return the text of the PDF it downloads."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).first.click()
    return pdf_text(download.value.path())
