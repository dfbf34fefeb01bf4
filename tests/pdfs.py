"""Reading the PDFs the app renders in tests: their text and their fonts."""

import io
import re

from pypdf import PdfReader


def pdf_pages(data):
    """The text of each page of a PDF as pypdf reads it, line breaks included."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def page_texts(data, space=" "):
    """The text of each page of a PDF, each run of whitespace replaced by `space` ("" reads a
    label wrapped in its table cell as typed)."""
    return [re.sub(r"\s+", space, text) for text in pdf_pages(data)]


def pdf_text(data, space=" "):
    """All the text of a PDF, each run of whitespace replaced by `space`."""
    return re.sub(r"\s+", space, " ".join(pdf_pages(data)))


def pdf_fonts(data):
    """The fonts of a PDF by name without the subset's prefix (`/ABCDEF+Noto-Serif-CJK-SC`),
    each with whether the PDF carries the font's file."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].get_object().values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            files = set(descriptor.get_object()) if descriptor is not None else set()
            name = str(font["/BaseFont"]).split("+")[-1]
            found[name] = bool({"/FontFile", "/FontFile2", "/FontFile3"} & files)
    return found
