"""System checks for what the PDFs need from the machine: a CJK font and HarfBuzz subsetting.

Without a CJK font every Chinese character prints as a tofu box; without libharfbuzz-subset
WeasyPrint falls back to fontTools, which takes about 12 s per report instead of under 1 s.
"""

from django.conf import settings
from django.core import checks

INSTALL_HINT = "sudo apt-get install -y fonts-noto-cjk libharfbuzz-subset0（或运行 make run）"


def matched_font_family(family):
    """The family fontconfig actually picks for `family`, as WeasyPrint will see it."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return ""
        value = ffi.new("FcChar8 **")
        found = fontconfig.FcPatternGetString(match, b"family", 0, value)
        name = ffi.string(value[0]).decode() if found == 0 else ""
        fontconfig.FcPatternDestroy(match)
        return name
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)


def harfbuzz_subset_available():
    from weasyprint.text.ffi import harfbuzz_subset

    return harfbuzz_subset is not None


@checks.register()
def pdf_requirements(app_configs, **kwargs):
    errors = []
    try:
        family = matched_font_family(settings.PDF_FONT_FAMILY)
        subset = harfbuzz_subset_available()
    except OSError as exc:
        return [checks.Error(
            f"WeasyPrint 无法加载 Pango/HarfBuzz 系统库：{exc}",
            hint="sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
            id="kxeval.E003",
        )]
    if family != settings.PDF_FONT_FAMILY:
        errors.append(checks.Error(
            f"PDF 需要中文字体“{settings.PDF_FONT_FAMILY}”，但系统只找到“{family or '无'}”；"
            "生成的 PDF 中文会显示为方框。",
            hint=INSTALL_HINT,
            id="kxeval.E001",
        ))
    if not subset:
        errors.append(checks.Error(
            "WeasyPrint 找不到 HarfBuzz 字体子集库 libharfbuzz-subset，每份 PDF 将需要约 12 秒。",
            hint=INSTALL_HINT,
            id="kxeval.E002",
        ))
    return errors
