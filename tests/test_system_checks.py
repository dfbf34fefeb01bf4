"""The system check that refuses to start without what the PDFs need from the machine."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from reports import system_checks


def test_pdf_requirements_are_met_on_this_machine():
    assert system_checks.matched_font_family(settings.PDF_FONT_FAMILY) == "Noto Serif CJK SC"
    assert system_checks.harfbuzz_subset_available() is True
    assert system_checks.pdf_requirements(None) == []


def test_missing_cjk_font_is_an_error_naming_the_font(monkeypatch):
    monkeypatch.setattr(system_checks, "matched_font_family", lambda family: "DejaVu Sans")

    errors = system_checks.pdf_requirements(None)

    assert [error.id for error in errors] == ["kxeval.E001"]
    assert errors[0].msg == (
        "PDF 需要中文字体“Noto Serif CJK SC”，但系统只找到“DejaVu Sans”；生成的 PDF 中文会显示为方框。"
    )
    assert errors[0].hint == system_checks.INSTALL_HINT
    assert errors[0].is_serious()


def test_no_font_at_all_is_named_as_none(monkeypatch):
    monkeypatch.setattr(system_checks, "matched_font_family", lambda family: "")

    errors = system_checks.pdf_requirements(None)

    assert [error.id for error in errors] == ["kxeval.E001"]
    assert "但系统只找到“无”" in errors[0].msg


def test_missing_harfbuzz_subset_is_an_error(monkeypatch):
    monkeypatch.setattr(system_checks, "harfbuzz_subset_available", lambda: False)

    errors = system_checks.pdf_requirements(None)

    assert [error.id for error in errors] == ["kxeval.E002"]
    assert "libharfbuzz-subset" in errors[0].msg


def test_both_missing_gives_both_errors(monkeypatch):
    monkeypatch.setattr(system_checks, "matched_font_family", lambda family: "DejaVu Sans")
    monkeypatch.setattr(system_checks, "harfbuzz_subset_available", lambda: False)

    assert [error.id for error in system_checks.pdf_requirements(None)] == [
        "kxeval.E001", "kxeval.E002",
    ]


def test_unloadable_pango_is_one_error(monkeypatch):
    def broken(family):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(system_checks, "matched_font_family", broken)

    errors = system_checks.pdf_requirements(None)

    assert [error.id for error in errors] == ["kxeval.E003"]
    assert errors[0].msg == (
        "WeasyPrint 无法加载 Pango/HarfBuzz 系统库：cannot load library 'libpango-1.0-0'"
    )


def test_check_command_passes_here(db, capsys):
    call_command("check")

    assert capsys.readouterr().out == "System check identified no issues (0 silenced).\n"


def test_check_command_fails_without_harfbuzz_subset(db, monkeypatch):
    monkeypatch.setattr(system_checks, "harfbuzz_subset_available", lambda: False)

    with pytest.raises(SystemCheckError) as raised:
        call_command("check")

    assert "kxeval.E002" in str(raised.value)


def test_check_command_fails_without_cjk_font(db, monkeypatch):
    monkeypatch.setattr(system_checks, "matched_font_family", lambda family: "DejaVu Sans")

    with pytest.raises(SystemCheckError) as raised:
        call_command("check")

    assert "kxeval.E001" in str(raised.value)
    assert "Noto Serif CJK SC" in str(raised.value)
