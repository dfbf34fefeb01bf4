"""What every form family is made of: sections, indicator groups, outline headings, settings,
and the Family class whose methods the generic code asks (`report.spec`)."""

import copy
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from reports import calc


# The grade bands, as the 填表说明 of every scored form repeat them.
GRADE_BANDS_NOTE = "90 分及以上为优，80 分至 90 分为良，60 分至 80 分为中，60 分以下为差"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple = ()
    tables: tuple = ()
    help: str = ""
    # Fields of the family's detail model (F2: report.budget; F3: the project; F4: report.overall).
    detail_fields: tuple = ()
    # A page of the narrative outline; "project" pages edit one project of the report (F3).
    narrative: bool = False
    scope: str = "report"


@dataclass(frozen=True)
class Group:
    """An indicator group: the 二级 key and label under its 一级 parent."""

    key: str
    label: str
    parent: str
    parent_label: str


@dataclass(frozen=True)
class Heading:
    """A heading of a narrative outline, as the paper form prints it ("（一）机构组成").

    `key` is set where text is written under it; `id` names a heading that has no text of its
    own (a part's title) for a version's `heading_titles`.
    """

    title: str
    level: int
    key: str | None = None
    figures: tuple = field(default=())
    id: str | None = None

    @property
    def ident(self):
        return self.id or self.key


# The numbering a form prints before a heading, by level: 一、 and （一）.
CHINESE_NUMBERS = "一二三四五六七八九十"
NUMBERING = {
    1: re.compile(rf"^[{CHINESE_NUMBERS}]+、"),
    2: re.compile(rf"^（[{CHINESE_NUMBERS}]+）"),
}
NUMBERING_STYLES = {
    1: (("一、", "一、二、三、"), ("1、", "1、2、3、"), ("1.", "1. 2. 3.")),
    2: (("（一）", "（一）（二）（三）"), ("1、", "1、2、3、"), ("(1)", "(1) (2) (3)"),
        ("1.", "1. 2. 3.")),
}


def chinese_number(number):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (outlines have fewer than a hundred headings)."""
    tens, units = divmod(number, 10)
    text = (CHINESE_NUMBERS[tens - 1] if tens > 1 else "") + ("十" if tens else "")
    return text + (CHINESE_NUMBERS[units - 1] if units else "")


def numbered(style, number):
    if style == "一、":
        return f"{chinese_number(number)}、"
    if style == "（一）":
        return f"（{chinese_number(number)}）"
    return {"1、": f"{number}、", "1.": f"{number}. ", "(1)": f"({number}) "}[style]


def reworded(headings, titles, styles):
    """`headings` as a version words them: `titles` maps a heading's ident to its wording
    (without its number; "" leaves the heading out, with the headings under it), `styles`
    the numbering of each level. Unchanged when the version changes nothing, so the form's own
    numbers stay as printed; otherwise every numbered heading is numbered anew."""
    default_styles = {level: choices[0][0] for level, choices in NUMBERING_STYLES.items()}
    if not titles and styles == default_styles:
        return tuple(headings)
    kept, dropped_level = [], None
    for heading in headings:
        if dropped_level is not None and heading.level > dropped_level:
            continue
        dropped_level = None
        if titles.get(heading.ident) == "":
            dropped_level = heading.level
            continue
        kept.append(heading)
    result, counters = [], {}
    for heading in kept:
        pattern = NUMBERING.get(heading.level)
        match = pattern.match(heading.title) if pattern else None
        text = titles.get(heading.ident) or (heading.title[match.end():] if match else
                                             heading.title)
        for deeper in [level for level in counters if level > heading.level]:
            del counters[deeper]
        if match:
            counters[heading.level] = counters.get(heading.level, 0) + 1
            text = numbered(styles[heading.level], counters[heading.level]) + text
        result.append(replace(heading, title=text))
    return tuple(result)


@dataclass(frozen=True)
class Option:
    """A setting a form version may give (and, when `owner` is "report", a report may change).

    The default's type is the setting's type: a bool, a text (one of `choices` when there are
    any), a list (of the family's omissible groups). `percent` settings are a number of percent
    as text ("90") or None for off. A `structural` setting changes which tables, columns, rows
    or headings a report has: a version that reports use keeps it (reports/versionfiles.py).
    """

    name: str
    label: str
    default: object
    choices: tuple = ()
    help: str = ""
    owner: str = "report"
    structural: bool = False
    percent: bool = False
    # For a text-by-key setting (a dict default): the keys it may give, as (key, label).
    keys: tuple = ()

    @property
    def kind(self):
        if self.percent:
            return "percent"
        if isinstance(self.default, bool):
            return "bool"
        if isinstance(self.default, list):
            return "list"
        if isinstance(self.default, dict):
            return "texts" if self.keys else "headings"
        return "choice" if self.choices else "text"

    def structure(self, value):
        """What of `value` shapes a report's tables, rows and headings (None: nothing). Of a
        version's heading wording, only the headings it leaves out."""
        if self.kind == "headings":
            return sorted(key for key, title in value.items() if title == "")
        return value if self.structural else None


def grade_wording_option(default):
    """The 评价等次 wording a form prints: 优秀/良好/中等/差 or 优/良/中/差."""
    return Option("grade_wording", "评价等次用语", default,
                  choices=(("long", "优秀 / 良好 / 中等 / 差"), ("short", "优 / 良 / 中 / 差")))


class VersionSettingsError(ValueError):
    """Settings of a version (its file, or the admin's JSON) that the family cannot use; the
    message says where, which key and what is allowed."""


def listed(values):
    return "、".join(str(value) for value in values)


def clean_settings(spec, settings, where):
    """`settings` checked against the settings `spec` (a Family) declares, as stored.

    VersionSettingsError names `where`, the key and what is allowed: an unknown key, a value of the
    wrong type, a choice the setting does not have.
    """
    if not isinstance(settings, dict):
        raise VersionSettingsError(f"{where}：settings 应为一组“设置 = 值”")
    declared = {option.name: option for option in spec.settings}
    cleaned = {}
    for key, value in settings.items():
        option = declared.get(key)
        if option is None:
            raise VersionSettingsError(
                f"{where}：没有“{key}”这项设置。{spec.code} 可用的设置：{listed(declared)}"
            )
        cleaned[key] = clean_value(spec, option, value, f"{where}：设置“{key}”（{option.label}）")
    return cleaned


def clean_value(spec, option, value, where):
    kind = option.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise VersionSettingsError(f"{where}应为 true 或 false，现为 {value!r}")
        return value
    if kind == "percent":
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise VersionSettingsError(f"{where}应为百分数，例如 \"90\"，或留空，现为 {value!r}")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not 0 <= number <= 1000:
            raise VersionSettingsError(f"{where}应为 0 至 1000 之间的百分数，例如 \"90\"，现为 {value!r}")
        return str(value)
    if kind == "list":
        allowed = [key for key, _label in spec.choices_for(option)]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise VersionSettingsError(f"{where}应为一组代码，例如 [\"{allowed[0]}\"]，现为 {value!r}")
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise VersionSettingsError(f"{where}中的“{unknown[0]}”不在可选值中：{listed(allowed)}")
        return value
    if kind in ("headings", "texts"):
        headings = kind == "headings"
        known = spec.heading_idents() if headings else [key for key, _label in option.keys]
        if not isinstance(value, dict):
            raise VersionSettingsError(
                f"{where}应为一组“{'标题代码 = 标题文字' if headings else '代码 = 文字'}”")
        for key, text in value.items():
            if key not in known:
                raise VersionSettingsError(
                    f"{where}：没有代码为“{key}”的标题。{spec.code} 的标题代码：{listed(known)}"
                    if headings else f"{where}：没有“{key}”这一项。可用的项：{listed(known)}"
                )
            if not isinstance(text, str) or len(text) > TEXT_MAX_LENGTH:
                raise VersionSettingsError(
                    f"{where}：标题“{key}”应为不超过 {TEXT_MAX_LENGTH} 字的文字（不含序号），"
                    "或空文字（不印这一标题）" if headings
                    else f"{where}：“{key}”应为不超过 {TEXT_MAX_LENGTH} 字的文字"
                )
        return value
    if not isinstance(value, str):
        raise VersionSettingsError(f"{where}应为文字，现为 {value!r}")
    if len(value) > TEXT_MAX_LENGTH:
        raise VersionSettingsError(f"{where}最多 {TEXT_MAX_LENGTH} 字，现有 {len(value)} 字")
    if kind == "choice":
        allowed = [key for key, _label in option.choices]
        if value not in allowed:
            raise VersionSettingsError(f"{where}的值“{value}”不在可选值中：{listed(allowed)}")
    return value


TEXT_MAX_LENGTH = 100

# Settings every family has.
COMMON_SETTINGS = (
    Option("head_confirmation", "提交前须经单位负责人确认", False, owner="version",
           help="勾选后，报告须经单位负责人在报告页确认当前内容后才能提交"),
    Option("title", "报告标题", "", owner="version",
           help="报告首页印的标题，不含单位名称和年度；留空则用表单原标题"),
    Option("heading_titles", "标题用语", {}, owner="version",
           help="按标题代码改写提纲标题的文字（不含序号）；写成空文字则不印这一标题及其下各小标题"),
    Option("parts_on_new_page", "提纲各部分另起一页", False, owner="version",
           help="勾选后，自评报告提纲的每个一级标题（第一个除外）都从新的一页开始，如纸质表单那样"),
    Option("numbering_level1", "一级标题序号", "一、", owner="version",
           choices=NUMBERING_STYLES[1]),
    Option("numbering_level2", "二级标题序号", "（一）", owner="version",
           choices=NUMBERING_STYLES[2]),
)

# The scoring rules that differ between provinces (scoring.reasons_required and friends), for
# the families that score.
SCORING_SETTINGS = (
    Option("reason_below_weight", "得分低于分值须填写偏差原因", True, owner="version"),
    Option("reason_execution_below", "执行率低于此百分数须说明原因", None, owner="version",
           percent=True, help="例如 90；留空则不要求"),
    Option("reason_actual_above_target_pct", "实际完成值超过指标值此百分数以上须说明", None,
           owner="version", percent=True, help="例如 30；留空则不要求"),
    Option("cap_by_execution", "按预算执行率限制总分", False, owner="version"),
    Option("reverse_rule", "反向指标计分方法", "linear", owner="version",
           choices=(("linear", "（1 −（实际 − 目标）÷ 目标）× 分值"),
                    ("ratio", "目标 ÷ 实际 × 分值"))),
)


class Family:
    code = ""
    # The form as 表单类别 names it (FormVersion.family).
    title = ""
    # The family's own templates: its edit pages' (<dir>/<section slug>.html, else the shared
    # reports/sections/<slug>.html) and its PDF's.
    section_template_dir = ""
    pdf_template = ""
    sections = ()
    # The settings of the family's paper form, as its versions and reports may give them; see
    # `settings` for all of them, the common ones included.
    options = ()
    groups = ()
    omissible_groups = ()
    parent_notes = {}
    # The indicator table's columns on the edit page, with the form's own column labels.
    indicator_fields = ("name", "target", "actual")
    indicator_labels = {}
    # Where this family's reports come in a unit's printed package (F4 before F3, as filed).
    print_order = 0
    # The form's 填表说明, in our words (NOTES in the family's module): what the 财政局 expects in
    # each field. "fields": the page's own fields by name; "tables": a note on a whole table;
    # "columns": a table's inputs (and computed columns) by table, then field; "headings": what
    # to write under each narrative heading, by key; "rows": how a table names its rows for
    # screen readers, where it differs from forms.ROW_LABELS. The pages show every note under
    # its field or above its table, and the inputs point at them with aria-describedby.
    notes = {}
    # The 检查 rules of the form: names of functions of reports/checks.py, in the form's order.
    checks = ()
    # Where 检查 says the figures a narrative repeats come from.
    figures_source = "自评表"
    # Whether the report's budget line (report.budget: 分值, 自评得分) is scored and re-scored.
    budget_scored = False

    def notes_for(self, report):
        return self.notes

    def indicator_columns(self, report):
        return self.indicator_fields

    def indicator_labels_for(self, report):
        return self.indicator_labels

    def detail_fields(self, report, section):
        return section.detail_fields

    def on_project_create(self, report, project):
        """Rows a new project starts with (F3: one fund row per source)."""

    @property
    def settings(self):
        """Every setting a version of this family may give: its options and the common ones."""
        return (*self.options, *COMMON_SETTINGS)

    def setting(self, name):
        for option in self.settings:
            if option.name == name:
                return option
        raise KeyError(name)

    def choices_for(self, option):
        """(value, label) of what `option` may be: its choices; for a list without choices
        (omitted_groups), the groups a report may leave out."""
        if option.kind == "list" and not option.choices:
            return [(g.key, g.label) for g in self.groups if g.key in self.omissible_groups]
        return list(option.choices)

    def clean_settings(self, settings, where):
        """A version's `settings` as this family declares them; VersionSettingsError naming
        `where` otherwise."""
        return clean_settings(self, settings, where)

    @property
    def report_options(self):
        """The options a report may change on its cover page (版式选项)."""
        return tuple(option for option in self.options if option.owner == "report")

    def option(self, report, name):
        if name in report.options and self.setting(name).owner == "report":
            return report.options[name]
        return self.version_default(report.form_version, name)

    def version_default(self, form_version, name):
        """A setting as the form version gives it, else the family's default."""
        return form_version.settings.get(name, self.setting(name).default)

    def scored(self, report):
        """Whether the report's form scores (自评得分, 总分, 等次)."""
        return False

    project_sections = ()

    def section(self, slug, scope="report"):
        sections = self.project_sections if scope == "project" else self.sections
        for section in sections:
            if section.slug == slug:
                return section
        raise KeyError(slug)

    def detail_instance(self, report, project=None):
        """The model object a section's detail_fields belong to."""
        return report.budget

    def outline(self, report):
        """The report's narrative outline: the paper form's (`form_outline`), as the version
        words and numbers it (settings heading_titles, numbering_level1/2)."""
        styles = {1: self.option(report, "numbering_level1"),
                  2: self.option(report, "numbering_level2")}
        return reworded(self.form_outline(report), self.option(report, "heading_titles"), styles)

    def form_outline(self, report):
        """The outline as the paper form prints it."""
        return ()

    def outline_variants(self):
        """Every outline the form may have, whatever the settings: for checking a version's
        heading_titles."""
        return (self.form_outline(None),)

    def heading_idents(self):
        idents = []
        for headings in self.outline_variants():
            idents += [heading.ident for heading in headings
                       if heading.ident and heading.ident not in idents]
        return idents

    def section_outline(self, report, section):
        """The narrative headings a narrative section edits."""
        return self.outline(report)

    def narrative_titles(self, report, sections):
        """The printed heading of each paragraph the narrative pages among `sections` edit, by
        key ("problems" → 五、存在的主要问题)."""
        return {
            heading.key: heading.title
            for section in sections if section.narrative
            for heading in self.section_outline(report, section) if heading.key
        }

    # Between the variants of the form (the values of a structural setting), what a narrative
    # paragraph is called on the other side: {setting: {(from, to): {old key: new key}}}. A key
    # the other side has keeps its name; one it lacks that is not named here cannot be kept.
    narrative_renames = {}

    def switch_plan(self, report, version):
        """What of `report` a switch to `version` (of this family) keeps and what it cannot.

        Returns (kept, lost): kept is [(what, from, to)] for the narrative paragraphs and detail
        fields that carry over (under a new name where the variants call them differently),
        lost is [what] for those with text or a figure that the other version has no place
        for. Only what holds a value is listed.
        """
        if version.family != report.form_version.family:
            raise ValueError("只能换成同一表单类别的版本")
        target = copy.copy(report)
        target.form_version = version  # the report's own 版式选项 stay its own
        renames = {}
        for option in self.settings:
            old, new = self.option(report, option.name), self.option(target, option.name)
            if old != new:
                renames.update(self.narrative_renames.get(option.name, {}).get((old, new), {}))
        kept, lost = [], []
        owners = [(report, self.sections, "")] + [
            (project, self.project_sections, f"项目“{project.name}”的")
            for project in (report.projects.all() if self.project_sections else ())
        ]
        for owner, sections, where in owners:
            project = owner if owner is not report else None
            titles = self.narrative_titles(report, sections)
            new_titles = self.narrative_titles(target, sections)
            for key in titles:  # in the outline's order (a JSON field keeps none on PostgreSQL)
                if not str(owner.narrative.get(key, "")).strip():
                    continue
                new_key = renames.get(key, key)
                if new_key in new_titles:
                    kept.append((where + titles[key], key, new_key))
                else:
                    lost.append(where + titles[key])
            for section in sections:
                fields = self.detail_fields(report, section)
                if not section.detail_fields:
                    continue
                instance = self.detail_instance(report, project)
                new_fields = self.detail_fields(target, section)
                for name in fields:
                    value = getattr(instance, name, None)
                    if value is None or value == "":
                        continue
                    label = where + instance._meta.get_field(name).verbose_name
                    if name in new_fields:
                        kept.append((label, name, name))
                    else:
                        lost.append(label)
        rows_kept, rows_lost = self.switch_plan_rows(report, target)
        return kept + rows_kept, lost + rows_lost

    def switch_plan_rows(self, report, target):
        """switch_plan of the table rows: the indicators of each group, and the indicator
        columns holding something that the other version's table does not have."""
        kept, lost = [], []
        rows = list(report.indicatorrows.all())
        enabled = {group.key for group in self.enabled_groups(target)}
        labels = {group.key: group.label for group in self.groups}
        for group in self.enabled_groups(report):
            count = sum(1 for row in rows if row.group == group.key)
            if count:
                what = f"{labels[group.key]}的 {count} 项指标"
                if group.key in enabled:
                    kept.append((what, group.key, group.key))
                else:
                    lost.append(what)
        new_columns = self.indicator_columns(target)
        form_labels = self.indicator_labels_for(report)
        for name in self.indicator_columns(report):
            if name not in new_columns and any(getattr(row, name) not in (None, "")
                                               for row in rows):
                label = form_labels.get(name) or rows[0]._meta.get_field(name).verbose_name
                lost.append(f"各项指标的{label}")
        return kept, lost

    def section_help(self, report, section):
        """The line under an edit page's title: what to type there and what is computed."""
        return section.help

    def section_for_table(self, name):
        return next(section for section in self.sections if name in section.tables)

    def next_section(self, section):
        sections = self.project_sections if section.scope == "project" else self.sections
        index = sections.index(section)
        return sections[index + 1] if index + 1 < len(sections) else None

    def enabled_groups(self, report):
        if not any(option.name == "omitted_groups" for option in self.settings):
            return list(self.groups)
        omitted = set(self.option(report, "omitted_groups")) & set(self.omissible_groups)
        return [group for group in self.groups if group.key not in omitted]

    def section_templates(self, section):
        """The edit page's template: the family's own, else the one all families share."""
        return [
            f"{self.section_template_dir}/{section.slug}.html",
            f"reports/sections/{section.slug}.html",
            *(["reports/sections/narrative.html"] if section.narrative else []),
        ]

    def preview(self, report, section_forms):
        """Live figures of an edit page being typed, for the page's script; {} when none."""
        return {}

    def on_create(self, report, user):
        """Rows a new report of this family starts with."""

    def indicator_table(self, report):
        """The indicator table: the enabled groups under their 一级 parent, each with its rows.

        A group without rows prints one blank row, as the blank form does; `span` is the number
        of printed rows a merged cell covers.
        """
        return self._indicator_table(report, report.indicatorrows.all())

    def _indicator_table(self, report, rows):
        rows_by_group = {}
        for row in rows:
            rows_by_group.setdefault(row.group, []).append(row)
        parents = []
        for group in self.enabled_groups(report):
            if not parents or parents[-1]["key"] != group.parent:
                parents.append({
                    "key": group.parent,
                    "label": group.parent_label,
                    "note": self.parent_note(report, group.parent),
                    "groups": [],
                    "span": 0,
                })
            rows = rows_by_group.get(group.key, [])
            span = max(len(rows), 1)
            parents[-1]["groups"].append({"group": group, "rows": rows, "span": span})
            parents[-1]["span"] += span
        return parents

    def parent_note(self, report, parent):
        """The note printed under a 一级 label: the form's (`parent_notes`)."""
        return self.parent_notes.get(parent, "")

    def narrative_values(self, report):
        """The figures a narrative may repeat, by NARRATIVE_FIGURES key."""
        return {}

    def outline_context(self, report, values):
        """The outline with each heading's text and the figures offered under it."""
        return [
            {
                "heading": heading,
                "text": report.narrative.get(heading.key, "") if heading.key else "",
                "figures": [(NARRATIVE_FIGURES[key][0], values.get(key)) for key in heading.figures],
            }
            for heading in self.outline(report)
        ]

    def live_rules(self, report):
        return {}

    def total_score(self, report):
        """The report's 总分, stored by services.recompute_summary; None for unscored forms."""
        return None

    def scored_rows(self, report):
        """The rows a reviewer may re-score: (label, row, key) with row.weight/score/review_score;
        `key` is what the re-score form posts ("budget" or the indicator's id)."""
        rows = []
        if self.budget_scored and hasattr(report, "budget"):
            rows.append(("年度资金总额（预算执行）", report.budget, "budget"))
        order = {group.key: index for index, group in enumerate(self.groups)}
        indicators = sorted(
            (row for row in report.indicatorrows.all() if row.weight is not None),
            key=lambda row: (row.project_id or 0, order.get(row.group, 99), row.position),
        )
        return rows + [(row.name, row, row.pk) for row in indicators]

    def review_total(self, report):
        """总分 with each 审核得分 in place of the unit's score; None when nothing is re-scored."""
        rows = [row for _label, row, _key in self.scored_rows(report)]
        if not any(row.review_score is not None for row in rows):
            return None
        return calc.add(*(row.review_score if row.review_score is not None else row.score
                          for row in rows))


# Narrative figures a heading may repeat: key -> (label, synonyms the text may use).
NARRATIVE_FIGURES = {
    "income_total": ("收入合计", ("收入合计", "总收入", "收入总计")),
    "expense_total": ("支出合计", ("支出规模", "整体支出", "支出合计", "总支出", "支出总计")),
    "expense_basic": ("基本支出", ("基本支出",)),
    "expense_personnel": ("人员支出", ("人员经费", "人员支出")),
    "expense_public": ("公用支出", ("日常公用经费", "日常公用支出", "公用经费", "公用支出", "日常公用经")),
    "expense_project": ("项目支出", ("项目支出", "专项支出")),
    "balance_current": ("结余", ("当年结余", "结余")),
    "balance_accumulated": ("累计结余", ("累计结余",)),
    "executed": ("全年执行数", ("全年执行数", "执行数")),
    "expense_family": ("对个人和家庭的补助支出", ("对个人和家庭的补助支出", "对个人和家庭补助支出")),
    "carryover": ("结转结余", ("结转结余", "年末结转和结余")),
    "budget_total": ("预算数", ("批复", "预算数")),
    "executed_total": ("执行数", ("执行数", "实际支出")),
    "three_total": ("三公经费", ("三公经费", "“三公”经费", '"三公"经费')),
    "assets_total": ("固定资产", ("固定资产合计", "固定资产")),
}
