"""How much a report may hold: the limits of the edit pages, in one place.

The pages refuse more than this: the models' max_length (CharFields, and the TextFields below),
NarrativeForm, the formsets' max_num (`max_rows`), and the workflow services for what reviewers
type. pdf.render_document checks the stored report against the same limits before it renders
anything (`check_report`): a report may also have been written by the admin, a shell or an
older version, and one far beyond them would make a PDF of thousands of pages.

The numbers leave a wide margin over the filled-in reference reports, where the longest text
under one narrative heading is about 2,000 characters, the longest table cell about 280 (a
project's 年度总体目标), the largest table 8 rows, and a unit has 4 projects.
"""

# Rows of one table of an edit page (one formset): 任务, 目标, the indicators of one group …
MAX_ROWS = 100
MAX_PROJECTS = 30
# A project's 资金来源 rows: the project page makes one per source its form prints (two or
# three), so only data stored by other means can come near this.
MAX_FUNDS = 10
# The text under one heading of a narrative outline.
NARRATIVE_MAX_LENGTH = 10000
# A cell across the page: 职能职责概述, 年度总体运行情况, a project's 年度总体目标 and 实施内容.
LONG_TEXT_MAX_LENGTH = 3000
# A cell of a table: 任务内容, 目标, 绩效内容, 绩效目标值, 完成情况, 偏差原因 …
CELL_TEXT_MAX_LENGTH = 1000
# What a reviewer types (审核意见, 扣分原因) and the 意见 of a workflow step.
COMMENT_MAX_LENGTH = 2000

# The years a report may be for.
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_RANGE_MESSAGE = f"年度应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间"

# Problems named in the message; the rest are counted.
SHOWN_PROBLEMS = 5


def valid_year(year):
    return FIRST_YEAR <= year <= LAST_YEAR


def max_rows(model):
    """How many rows of `model` one table (one formset) may have."""
    return {"project": MAX_PROJECTS, "projectfund": MAX_FUNDS}.get(
        model._meta.model_name, MAX_ROWS
    )


class ReportTooLarge(ValueError):
    """A stored report holds more than its edit pages accept; the message says where."""

    def __init__(self, report, problems):
        self.report = report
        self.problems = problems
        shown = "；".join(problems[:SHOWN_PROBLEMS])
        more = f"等 {len(problems)} 处" if len(problems) > SHOWN_PROBLEMS else ""
        super().__init__(
            f"{report.unit.name} {report.year} 年度报告的内容超出了填写页面允许的长度，"
            f"不能生成 PDF：{shown}{more}。请删减后再生成。"
        )


def check_report(report):
    """Raise ReportTooLarge when `report` holds more than its edit pages would accept."""
    problems = report_problems(report)
    if problems:
        raise ReportTooLarge(report, problems)


def report_problems(report):
    """What in `report` (and its unit, rows, projects and review record) is beyond the limits,
    one Chinese sentence each, in the order of the edit pages."""
    # Imported here: models.py takes its field lengths from this module.
    from reports.models import REPORT_ROWS

    spec = report.spec
    problems = []
    problems += _too_long(report.unit.bureau, "财政局的")
    problems += _too_long(report.unit, "单位的")
    problems += _too_long(report, "")
    problems += _narrative(report.narrative, spec.narrative_titles(report, spec.sections), "")
    groups = {group.key: group.label for group in spec.groups}
    for name in REPORT_ROWS:
        manager = getattr(report, name)
        rows = list(manager.all())
        label = manager.model._meta.verbose_name
        if name == "indicatorrows":
            problems += _indicators(report, rows, groups)
            continue
        problems += _rows(rows, label, "")
    for detail in ("budget", "overall"):
        if hasattr(report, detail):
            problems += _too_long(getattr(report, detail), "")
    project_outline = spec.narrative_titles(report, spec.project_sections)
    for project in report.projects.prefetch_related("funds"):
        where = f"项目“{_short(project.name)}”的"
        problems += _narrative(project.narrative, project_outline, where)
        problems += _rows(list(project.funds.all()), "项目资金", where)
    for event in report.events.all():
        problems += _too_long(event, "流转记录的")
    for comment in report.comments.all():
        problems += _too_long(comment, "审核意见的")
    return problems


def _too_long(obj, where):
    """The fields of `obj` longer than their max_length."""
    problems = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            problems.append(_length(f"{where}“{field.verbose_name}”", value, field.max_length))
    return problems


def _narrative(texts, outline, where):
    # Only the headings of the outline: other keys are neither edited nor printed.
    return [
        _length(f"{where}“{title}”", str(texts[key]), NARRATIVE_MAX_LENGTH)
        for key, title in outline.items()
        if key in texts and len(str(texts[key])) > NARRATIVE_MAX_LENGTH
    ]


def _rows(rows, label, where):
    problems = []
    if rows and len(rows) > max_rows(type(rows[0])):
        problems.append(f"{where}“{label}”有 {len(rows)} 行，最多 {max_rows(type(rows[0]))} 行")
    for number, row in enumerate(rows, start=1):
        problems += _too_long(row, f"{where}“{label}”第 {number} 行的")
    return problems


def _indicators(report, rows, groups):
    """Indicators come in one table per group (and per project): each is held to MAX_ROWS."""
    projects = {project.pk: project for project in report.projects.all()}
    tables = {}
    for row in rows:
        tables.setdefault((row.project_id, row.group), []).append(row)
    problems = []
    for (project_id, group), table in tables.items():
        where = f"项目“{_short(projects[project_id].name)}”的" if project_id in projects else ""
        problems += _rows(table, f"绩效指标·{groups.get(group, group)}", where)
    return problems


def _length(what, text, limit):
    return f"{what}有 {len(text)} 字，最多 {limit} 字"


def _short(text, length=20):
    return text if len(text) <= length else text[:length] + "…"
