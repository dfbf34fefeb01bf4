"""Generic code asks the specification, never a family's or a version's code.

A family is declared in reports/families/ and its versions in reports/versions/; everything
else (views, forms, services, checks, PDF, templates) asks `report.spec` — `spec.scored(report)`,
`spec.checks`, `spec.figures_source`, `report.option(...)` — so that a new version or family
needs no change there.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("reports", "kxeval", "templates")
# Where family and version codes belong: the declarations, the shipped versions, the history of
# the database, and the data made for the demo and the load test.
ALLOWED = (
    "reports/families/",
    "reports/versions/",
    "reports/migrations/",
    "reports/demo.py",
    "reports/management/commands/loadtestdata.py",
)
CODES = re.compile(
    r"""(["'])F[1-9]\1"""  # "F1", 'F2' (the same quote both sides)
    r"""|\bFamily\.F[1-9]\b"""  # FormVersion.Family.F1
    r"""|\bcode\s*(?:==|!=)"""  # spec.code == …, {% if report.spec.code == … %}
    r"""|\bf[1-9]-[a-z]+-(?:19|20)\d\d\b"""  # f1-yueyang-2021
)


def searched_files():
    for top in SEARCHED:
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in (".py", ".html") and not relative.startswith(ALLOWED):
                yield relative, path


def test_no_family_or_version_code_outside_the_declarations():
    hits = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in searched_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CODES.search(line)
    ]
    assert not hits, "ask report.spec instead of testing a code:\n" + "\n".join(hits)


def test_the_search_finds_what_it_looks_for():
    """The pattern catches each way a code was tested before the families declared it."""
    for line in ('scored = report.spec.code != "F1"',
                 'if hasattr(report, "budget") and self.code == "F2":',
                 'source = {"F1": "第二部分表格", "F4": "收支情况"}.get(report.spec.code, "自评表")',
                 "family = FormVersion.Family.F3",
                 "RULES = {'F4': (overall_figures_complete,)}",
                 '{% if report.form_version.code == "f1-hunan-2017" %}'):
        assert CODES.search(line), line
    assert not CODES.search('"""F4\'s charts, in their printed order."""')
    assert sum(1 for _ in searched_files()) > 50
