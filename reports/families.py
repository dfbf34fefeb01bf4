"""The official form families, as data and small classes.

A family knows its sections (one edit page each, in the paper form's order), its indicator
groups, its narrative outline, its layout options with their defaults, and its PDF template.
A form version (models.FormVersion) picks the family and may change the option defaults in its
`settings`; a report may change them again in its own `options`. Code that needs to know how a
report looks asks `report.spec` and `report.option(...)`, never the family's or version's name.

Adding a version of an existing family is a FormVersion row (see loaddemo); adding a family is
a subclass of Family registered in FAMILIES.
"""

from dataclasses import dataclass, field

from reports import calc
from reports import notes as form_notes


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
    """A heading of a narrative outline; `key` is set where text is written under it."""

    title: str
    level: int
    key: str | None = None
    figures: tuple = field(default=())


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

    @property
    def kind(self):
        if self.percent:
            return "percent"
        if isinstance(self.default, bool):
            return "bool"
        if isinstance(self.default, list):
            return "list"
        return "choice" if self.choices else "text"


def grade_wording_option(default):
    """The 评价等次 wording a form prints: 优秀/良好/中等/差 or 优/良/中/差."""
    return Option("grade_wording", "评价等次用语", default,
                  choices=(("long", "优秀 / 良好 / 中等 / 差"), ("short", "优 / 良 / 中 / 差")))


# Settings every family has.
COMMON_SETTINGS = (
    Option("head_confirmation", "提交前须经单位负责人确认", False, owner="version",
           help="勾选后，报告须经单位负责人在报告页确认当前内容后才能提交"),
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
    sections = ()
    # The settings of the family's paper form, as its versions and reports may give them; see
    # `settings` for all of them, the common ones included.
    options = ()
    groups = ()
    omissible_groups = ()
    parent_notes = {}
    pdf_template = ""
    # The indicator table's columns on the edit page, with the form's own column labels.
    indicator_fields = ("name", "target", "actual")
    indicator_labels = {}
    # Where this family's reports come in a unit's printed package (F4 before F3, as filed).
    print_order = 0
    # The form's 填表说明 (reports/notes.py): what the 财政局 expects in each field.
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
        """(value, label) of what `option` may be: its choices; for a list, the groups a
        report may leave out."""
        if option.kind == "list":
            return [(g.key, g.label) for g in self.groups if g.key in self.omissible_groups]
        return list(option.choices)

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
            f"reports/sections/{self.code.lower()}/{section.slug}.html",
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
                    "note": self.parent_notes.get(group.parent, ""),
                    "groups": [],
                    "span": 0,
                })
            rows = rows_by_group.get(group.key, [])
            span = max(len(rows), 1)
            parents[-1]["groups"].append({"group": group, "rows": rows, "span": span})
            parents[-1]["span"] += span
        return parents

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


class F1(Family):
    """湖南·岳阳 部门（单位）整体支出绩效评价自评报告 (财政局 form used 2017–2021)."""

    code = "F1"
    title = "湖南·岳阳 部门（单位）整体支出绩效评价自评报告"
    checks = ("required_fields", "required_rows", "incomplete_rows", "score_in_range",
              "required_narrative", "narrative_matches_tables")
    figures_source = "第二部分表格"
    notes = form_notes.F1
    pdf_template = "reports/pdf/f1.html"
    sections = (
        Section(
            "cover",
            "封面",
            fields=("report_date", "evaluation_method", "evaluation_agency"),
            help="封面信息与版式选项。版式选项决定表格的栏目和打印用语。",
        ),
        Section(
            "overview",
            "一、基本概况",
            fields=(
                "contact_person",
                "contact_phone",
                "staff_quota",
                "staff_quota_admin",
                "staff_quota_public",
                "staff_actual",
                "staff_actual_admin",
                "staff_actual_public",
                "duties",
                "operation_summary",
            ),
            tables=("tasks",),
        ),
        Section(
            "finance",
            "二、收支情况",
            tables=("institutions",),
            help="金额单位：万元，保留两位小数。合计、基本支出、支出合计、结余与汇总行自动计算。",
        ),
        Section(
            "performance",
            "三、绩效自评情况",
            fields=("self_score",),
            tables=("goals", "indicators"),
        ),
        Section("evaluators", "四、评价人员", fields=("filler_name", "filler_phone"),
                tables=("evaluators",)),
        Section("narrative", "五、评价报告综述", help="文字部分。可引用第二部分表格中的数字。",
                narrative=True),
    )
    options = (
        Option("summary_label", "汇总行名称", "局机关及二级机构汇总",
               choices=(("局机关及二级机构汇总", "局机关及二级机构汇总"),
                        ("机关及二级机构汇总", "机关及二级机构汇总"))),
        Option("balance_split", "结余分栏", False, structural=True,
               help="勾选后“结余”分为“当年结余”和“累计结余”两栏"),
        Option("staff_breakdown", "编制分类", False, structural=True,
               help="勾选后人员编制与实有人数按行政编制、事业编制分别填写"),
        Option("quantitative_header", "定量目标栏目名称", "绩效目标值",
               choices=(("绩效目标值", "绩效目标值"), ("绩效目标", "绩效目标"))),
        Option("score_as_percent", "综合得分以百分数印出", False, help="例如印作“98%”"),
        grade_wording_option("long"),
        Option("head_signature", "单位负责人签署用语", "签字",
               choices=(("签字", "签字"), ("签章", "签章"))),
        Option("finance_opinion", "财政部门归口业务科室意见", False,
               help="勾选后打印“财政部门归口业务科室意见”签署栏"),
        Option("heading_style", "综述标题用语", "unit", structural=True,
               choices=(("unit", "单位"), ("department", "部门（单位）")),
               help="“部门（单位）”用语下，第四部分分为五个小节"),
        Option("omitted_groups", "不适用的指标类别", [], structural=True,
               help="表中不印出的效益类别"),
    )
    groups = (
        Group("quality", "质量指标", "output", "产出目标"),
        Group("quantity", "数量指标", "output", "产出目标"),
        Group("timeliness", "时效指标", "output", "产出目标"),
        Group("cost", "成本指标", "output", "产出目标"),
        Group("social", "社会效益", "benefit", "效益目标"),
        Group("economic", "经济效益", "benefit", "效益目标"),
        Group("ecological", "生态效益", "benefit", "效益目标"),
        Group("satisfaction", "社会公众或服务对象满意度", "benefit", "效益目标"),
    )
    parent_notes = {
        "output": "（部门工作实绩，即绩效办制定的单位年度考核计分办法中考核的部门工作实绩内容）",
        "benefit": "（预期实现的效益）",
    }
    # Groups a unit may leave out: the form always prints the 产出 groups.
    omissible_groups = ("economic", "ecological", "social", "satisfaction")

    def outline(self, report):
        if self.option(report, "heading_style") == "department":
            who = "部门（单位）"
            performance = (
                Heading(f"四、{who}整体支出绩效情况", 1),
                Heading("（一）整体支出情况分析", 2, "performance_spending",
                        ("expense_total", "expense_basic", "expense_project")),
                Heading("（二）三公经费支出情况分析", 2, "performance_three", ("three_total",)),
                Heading("（三）公务卡刷卡情况分析", 2, "performance_card"),
                Heading("（四）固定资产管理情况分析", 2, "performance_assets", ("assets_total",)),
                Heading(f"（五）{who}整体结余资金分析", 2, "performance_balance",
                        ("income_total", "expense_total", "balance_current")),
            )
        else:
            who = "单位"
            performance = (
                Heading(f"四、{who}整体支出绩效情况", 1, "performance",
                        ("expense_total", "three_total")),
            )
        return (
            Heading(f"一、{who}概况", 1),
            Heading(f"（一）{who}基本情况", 2, "overview_basic"),
            Heading(f"（二）{who}整体支出规模、使用方向和主要内容、涉及范围", 2, "overview_scale",
                    ("expense_total", "expense_personnel", "expense_public", "expense_project")),
            Heading(f"二、{who}整体支出管理及使用情况", 1),
            Heading("（一）基本支出", 2, "spending_basic",
                    ("expense_basic", "expense_personnel", "expense_public")),
            Heading("（二）专项支出", 2, "spending_project", ("expense_project",)),
            Heading(f"三、{who}专项组织实施情况", 1),
            Heading("（一）专项组织情况分析", 2, "project_organisation"),
            Heading("（二）专项管理情况分析", 2, "project_management"),
            *performance,
            Heading("五、存在的主要问题", 1, "problems"),
            Heading("六、改进措施和有关建议", 1, "suggestions"),
        )

    def finance_tables(self, report, institutions):
        """The four 收支 tables as rows of figures: the 汇总 row first, then one per institution.

        `institutions` is a list of (name, {column: Decimal or None}). Without any 二级机构 the
        form prints two blank rows 2、二级机构1 and 3、二级机构2, and so do we; a unit with
        二级机构 prints just its own rows.
        """
        rows = [
            {"label": f"{index}、{name}", "values": calc.derive(values)}
            for index, (name, values) in enumerate(institutions, start=1)
        ]
        summary = calc.summary_row([values for _name, values in institutions])
        while len(institutions) <= 1 and len(rows) < 3:
            index = len(rows) + 1
            rows.append({"label": f"{index}、二级机构{index - 1}", "values": {}})
        return {
            "summary": {"label": self.option(report, "summary_label"), "values": summary},
            "rows": rows,
        }

    def finance_layout(self, report):
        """The four 收支 tables of the edit page: each column is an input or a computed cell."""
        balance = (
            [("balance_current", "当年结余", True), ("balance_accumulated", "累计结余", False)]
            if self.option(report, "balance_split")
            else [("balance_current", "结余", True)]
        )
        return [
            {
                "title": "年度收入情况（万元）",
                "columns": [
                    ("income_total", "收入合计", True),
                    ("income_carryover", "上年结转", False),
                    ("income_public_finance", "公共财政拨款", False),
                    ("income_government_fund", "政府基金拨款", False),
                    ("income_special_account", "纳入专户管理的非税收入拨款", False),
                    ("income_other", "其他收入", False),
                ],
            },
            {
                "title": "年度支出和结余情况（万元）",
                "columns": [
                    ("expense_total", "支出合计", True),
                    ("expense_basic", "基本支出", True),
                    ("expense_personnel", "其中：人员支出", False),
                    ("expense_public", "公用支出", False),
                    ("expense_project", "项目支出", False),
                    *balance,
                ],
            },
            {
                "title": "三公经费（万元）",
                "columns": [
                    ("three_total", "三公经费合计", True),
                    ("three_reception", "公务接待费", False),
                    ("three_car_operation", "公务用车运维费", False),
                    ("three_car_purchase", "公务用车购置费", False),
                    ("three_overseas", "因公出国费", False),
                ],
            },
            {
                "title": "固定资产（万元）",
                "columns": [
                    ("assets_total", "固定资产合计", True),
                    ("assets_in_use", "其中：在用固定资产", False),
                    ("assets_rented", "出租固定资产", False),
                    ("assets_other", "其他", False),
                ],
            },
        ]

    def figures(self, report):
        """Every figure of 二 with its computed columns: the 汇总 row's values by column name."""
        institutions = [
            (row.name, {column: getattr(row, column) for column in calc.INSTITUTION_INPUT_COLUMNS})
            for row in report.institutionrows.all()
        ]
        return self.finance_tables(report, institutions)

    def context(self, report):
        """What the edit pages and the PDF show beyond the stored fields."""
        breakdown = self.option(report, "staff_breakdown")
        score = report.self_score
        finance = self.figures(report)
        summary = finance["summary"]["values"]
        return {
            "finance": finance,
            "indicator_table": self.indicator_table(report),
            "grade": calc.grade(score, self.option(report, "grade_wording")),
            "staff_quota": calc.staff_total(report.staff_quota, report.staff_quota_admin,
                                            report.staff_quota_public, breakdown),
            "staff_actual": calc.staff_total(report.staff_actual, report.staff_actual_admin,
                                             report.staff_actual_public, breakdown),
            "outline": self.outline_context(report, summary),
            "finance_layout": self.finance_layout(report),
            "live_rules": self.live_rules(report),
        }

    def narrative_values(self, report):
        return self.figures(report)["summary"]["values"]

    def total_score(self, report):
        return report.self_score

    def on_create(self, report, user):
        """The 二 tables start with the unit's own office (局机关) and its 二级机构 on record."""
        from reports.models import InstitutionRow

        names = ["局机关", *report.unit.institutions.values_list("name", flat=True)]
        InstitutionRow.objects.bulk_create(
            InstitutionRow(report=report, name=name, position=index)
            for index, name in enumerate(names)
        )

    def live_rules(self, report):
        """The rules the browser's live totals script applies: the same data calc.py uses."""
        names = calc.GRADE_WORDINGS[self.option(report, "grade_wording")]
        return {
            "derived": [
                {"name": name, "plus": list(plus), "minus": list(minus)}
                for name, plus, minus in calc.INSTITUTION_DERIVED
            ],
            "columns": list(calc.INSTITUTION_INPUT_COLUMNS),
            "grades": [[str(lower), names[index]] for lower, index in calc.GRADE_BANDS],
        }

class F2(Family):
    """湖南 部门整体支出绩效自评表 (附件3, 2024) and its 自评报告: the scored form.

    The version's `settings` hold the scoring rules (scoring.DEFAULT_SETTINGS keys) and the
    grade wording; units do not choose them.
    """

    code = "F2"
    title = "湖南 部门整体支出绩效自评表及自评报告"
    checks = ("budget_required", "budget_adds_up", "required_goals", "scored_indicators",
              "weights_add_up", "required_narrative", "narrative_matches_tables")
    budget_scored = True
    notes = form_notes.F2
    pdf_template = "reports/pdf/f2.html"
    sections = (
        Section(
            "table",
            "自评表",
            detail_fields=(
                "budget_initial", "budget_full_year", "executed", "weight", "score", "reason",
                "over_budget_note", "income_general", "income_government_fund",
                "income_special_account", "income_other", "expense_basic", "expense_personnel",
                "expense_public", "expense_project",
            ),
            tables=("goals", "indicators"),
            help="金额单位：万元。执行率、建议得分、总分和评价等次自动计算；自评得分可低于建议得分，"
                 "低于分值时须填写偏差原因。",
        ),
        Section("narrative", "自评报告", help="按九个标题填写自评报告。可引用自评表中的数字。",
                narrative=True),
    )
    options = (
        grade_wording_option("short"),
        *SCORING_SETTINGS,
    )
    groups = (
        Group("quantity", "数量指标", "output", "产出指标"),
        Group("quality", "质量指标", "output", "产出指标"),
        Group("timeliness", "时效指标", "output", "产出指标"),
        Group("cost", "成本指标", "output", "产出指标"),
        Group("economic", "经济效益指标", "benefit", "效益指标"),
        Group("social", "社会效益指标", "benefit", "效益指标"),
        Group("ecological", "生态效益指标", "benefit", "效益指标"),
        Group("sustainable", "可持续影响指标", "benefit", "效益指标"),
        Group("satisfaction", "服务对象满意度指标", "satisfaction", "满意度指标"),
    )
    indicator_fields = ("name", "target", "actual", "weight", "score", "band", "reason")
    indicator_labels = {"name": "三级指标", "target": "年度指标值", "actual": "实际完成值"}

    def outline(self, report):
        return (
            Heading("一、部门（单位）概况", 1, "overview"),
            Heading("二、一般公共预算支出情况", 1),
            Heading("（一）基本支出情况", 2, "general_basic",
                    ("expense_basic", "expense_personnel", "expense_public")),
            Heading("（二）项目支出情况", 2, "general_project", ("expense_project",)),
            Heading("三、政府性基金预算支出情况", 1, "government_fund"),
            Heading("四、国有资本经营预算支出情况", 1, "state_capital"),
            Heading("五、社会保险基金预算支出情况", 1, "social_insurance"),
            Heading("六、部门整体支出绩效情况", 1, "performance",
                    ("executed", "expense_basic", "expense_personnel", "expense_public",
                     "expense_project")),
            Heading("七、存在的问题及原因分析", 1, "problems"),
            Heading("八、下一步改进措施", 1, "improvements"),
            Heading("九、其他需要说明的情况", 1, "other"),
        )

    def scored(self, report):
        return True

    def scoring_settings(self, report):
        """The version's scoring rules (SCORING_SETTINGS), by name."""
        return {option.name: self.option(report, option.name) for option in SCORING_SETTINGS}

    def on_create(self, report, user):
        from reports.models import BudgetExecution

        BudgetExecution.objects.create(report=report)

    def narrative_values(self, report):
        budget = report.budget
        return {
            "executed": budget.executed,
            "expense_basic": budget.expense_basic,
            "expense_personnel": budget.expense_personnel,
            "expense_public": budget.expense_public,
            "expense_project": budget.expense_project,
        }

    def scored_table(self, report, budget=None, rows=None):
        """Every derived figure of the 自评表: see scored_table()."""
        if budget is None:
            budget = {field: getattr(report.budget, field) for field in BUDGET_FIELDS}
        if rows is None:
            rows = [
                {"key": f"indicators-{row.group}-{index}", "group": row.group, "name": row.name,
                 "target": row.target, "actual": row.actual, "weight": row.weight,
                 "score": row.score, "band": row.band, "reason": row.reason}
                for row, index in _indexed_by_group(report.indicatorrows.all())
            ]
        return scored_table(self, budget, rows, self.scoring_settings(report),
                            self.option(report, "grade_wording"))

    def total_score(self, report):
        return self.scored_table(report)["total"]

    def preview(self, report, section_forms):
        """The 自评表's derived figures from the values on the page, valid or not yet."""
        if section_forms.detail is None:
            return {}
        section_forms.is_valid()
        detail = section_forms.detail
        budget = {name: detail.cleaned_data.get(name) for name in BUDGET_FIELDS}
        rows = []
        for formset in section_forms.tables.get("indicators", []):
            for form in formset.forms:
                if not hasattr(form, "cleaned_data") or formset._should_delete_form(form):
                    continue
                values = {name: form.cleaned_data.get(name) for name in self.indicator_columns(report)}
                rows.append({**values, "key": form.prefix, "group": formset.group.key})
        table = scored_table(self, budget, rows, self.scoring_settings(report),
                             self.option(report, "grade_wording"))
        splits = {
            "income": calc.add(*(budget[name] for name in (
                "income_general", "income_government_fund", "income_special_account",
                "income_other"))),
            "expense": calc.add(budget["expense_basic"], budget["expense_project"]),
            "basic": calc.add(budget["expense_personnel"], budget["expense_public"]),
        }
        return json_ready({**table, "splits": splits})

    def context(self, report):
        table = self.scored_table(report)
        return {
            "table": table,
            "indicator_table": self.indicator_table(report),
            "grade": table["grade"],
            "outline": self.outline_context(report, self.narrative_values(report)),
        }


BUDGET_FIELDS = (
    "budget_initial", "budget_full_year", "executed", "weight", "score", "reason",
    "over_budget_note", "income_general", "income_government_fund", "income_special_account",
    "income_other", "expense_basic", "expense_personnel", "expense_public", "expense_project",
)


def json_ready(value):
    """Decimals as strings (two places), reasons as their messages: for the page's script."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    if hasattr(value, "message"):
        return value.message
    return value


def _indexed_by_group(rows):
    """(row, index within its group): the index the edit page's formset gives the row."""
    seen = {}
    for row in rows:
        index = seen.get(row.group, 0)
        seen[row.group] = index + 1
        yield row, index


def scored_table(spec, budget, rows, settings, wording):
    """The derived figures of a scored table, from plain values (saved or being typed).

    `budget` maps BUDGET_FIELDS to values; `rows` are dicts with key, group, target, actual,
    weight, score, band, reason. Returns the execution rate, suggestions, per-row messages, the
    一级 weight totals, 总分 (capped when the version says so), grade, and the findings the
    weights raise.
    """
    from reports import scoring

    rate = scoring.execution_rate(budget.get("executed"), budget.get("budget_full_year"))
    budget_weight = budget.get("weight")
    budget_suggestion = (
        scoring.suggest_budget_score(budget_weight, budget.get("executed"),
                                     budget.get("budget_full_year"))
        if budget_weight is not None and rate is not None else None
    )
    parents = {group.key: group.parent for group in spec.groups}
    weights = {"budget": budget_weight or calc.ZERO}
    results = {}
    for row in rows:
        weight = row.get("weight")
        parent = parents.get(row["group"])
        weights[parent] = weights.get(parent, calc.ZERO) + (weight or calc.ZERO)
        results[row["key"]] = indicator_result(row, settings)
    scores = [budget.get("score")] + [row.get("score") for row in rows]
    total = scoring.total_score(scores)
    capped = scoring.cap_by_execution_rate(total, rate, settings.get("cap_by_execution", False))
    errors, warnings = scoring.weight_findings(weights)
    return {
        "execution_rate": rate,
        "budget_suggestion": budget_suggestion,
        "budget_reasons": scoring.reasons_required(
            budget.get("score"), budget_weight, rate, None, None, settings
        ) if budget.get("score") is not None and budget_weight is not None else [],
        "rows": results,
        "weights": weights,
        "weights_total": sum(weights.values(), calc.ZERO),
        "uncapped_total": total,
        "total": capped,
        "grade": calc.grade(capped, wording),
        "weight_errors": errors,
        "weight_warnings": warnings,
    }


def indicator_result(row, settings):
    """One indicator's suggestion, or the message saying why none can be given."""
    from reports import scoring

    weight, score, band = row.get("weight"), row.get("score"), row.get("band")
    result = {"suggestion": None, "message": "", "band_range": None, "reasons": []}
    if weight is None:
        result["message"] = "请填写分值"
        return result
    target = scoring.parse_value(row.get("target") or "")
    actual = scoring.parse_value(row.get("actual") or "")
    if band:
        low, high = scoring.band_range(band, weight)
        result["band_range"] = (low, high)
        result["message"] = f"定性指标：本档得分范围 {calc.plain(low)}–{calc.plain(high)}"
    else:
        if target is None:
            if (row.get("target") or "").strip():
                result["message"] = (
                    f"无法从指标值“{row['target']}”读出数值，请把该指标标为定性指标（选择档次），"
                    "或把指标值写成数字，例如 100% 或 ≥95%"
                )
            else:
                result["message"] = "请填写年度指标值"
        elif actual is None:
            if (row.get("actual") or "").strip():
                result["message"] = f"无法从实际完成值“{row['actual']}”读出数值，请写成数字，例如 100%"
            else:
                result["message"] = "请填写实际完成值"
        else:
            suggestion = scoring.suggest_indicator_score(
                target, actual, weight, settings.get("reverse_rule", "linear")
            )
            if suggestion is None:
                result["message"] = "指标值与实际完成值的单位不一致，无法计算建议得分"
            result["suggestion"] = suggestion
    if score is not None:
        result["reasons"] = scoring.reasons_required(score, weight, None, actual, target, settings)
    return result


class F3(Family):
    """四川 项目支出绩效自评表 and 项目绩效自评报告: one of each per project of the year.

    The report holds the year's projects; each project has its own pages. The 2023 version
    (scored: 预算执行 10分 + 绩效指标 90分) is a setting of the version, not another family.
    """

    code = "F3"
    title = "四川 项目支出绩效自评表及项目绩效自评报告"
    checks = ("projects_complete",)
    notes = form_notes.F3_BASIC
    pdf_template = "reports/pdf/f3.html"
    print_order = 1
    sections = (
        Section("projects", "项目", tables=("projects",),
                help="本年度的每个项目一行。点击项目名称填写该项目的自评表和自评报告。"),
    )
    project_sections = (
        Section(
            "table", "项目绩效目标自评表", scope="project",
            detail_fields=(
                "name", "department", "competent_department", "implementer", "initial_total",
                "budget_total", "executed_total", "budget_weight", "budget_score",
                "execution_reason", "target_overall", "actual_overall", "implementation",
                "conclusion", "problems", "improvements", "project_leader", "finance_leader",
            ),
            tables=("funds", "indicators"),
            help="金额单位：万元。执行率自动计算；预算数、执行数应等于各资金来源之和。",
        ),
        Section("report", "项目绩效自评报告", scope="project", narrative=True),
    )
    options = (
        Option("scored", "评分版（2023 年版）", False, owner="version", structural=True),
        grade_wording_option("short"),
        *SCORING_SETTINGS,
    )
    groups = (
        Group("quantity", "数量指标", "output", "完成指标"),
        Group("quality", "质量指标", "output", "完成指标"),
        Group("timeliness", "时效指标", "output", "完成指标"),
        Group("cost", "成本指标", "output", "完成指标"),
        Group("economic", "经济效益指标", "benefit", "效益指标"),
        Group("social", "社会效益指标", "benefit", "效益指标"),
        Group("ecological", "生态效益指标", "benefit", "效益指标"),
        Group("sustainable", "可持续影响指标", "benefit", "效益指标"),
        Group("satisfaction", "满意度指标", "satisfaction", "满意度指标"),
    )
    FUNDS = {
        False: (("fiscal", "财政拨款"), ("other", "其他资金")),
        True: (("fiscal", "财政资金"), ("special", "财政专户管理资金"), ("unit", "单位资金"),
               ("other", "其他资金")),
    }
    BASIC_FIELDS = ("name", "department", "implementer", "budget_total", "executed_total",
                    "target_overall", "actual_overall")
    SCORED_FIELDS = ("name", "competent_department", "implementer", "initial_total",
                     "budget_total", "executed_total", "budget_weight", "budget_score",
                     "execution_reason", "target_overall", "actual_overall", "implementation",
                     "conclusion", "problems", "improvements", "project_leader", "finance_leader")

    def scored(self, report):
        return bool(self.option(report, "scored"))

    def notes_for(self, report):
        return form_notes.F3_SCORED if self.scored(report) else self.notes

    def detail_instance(self, report, project=None):
        return project

    def detail_fields(self, report, section):
        if section.slug != "table":
            return section.detail_fields
        return self.SCORED_FIELDS if self.scored(report) else self.BASIC_FIELDS

    def fund_sources(self, report):
        return self.FUNDS[self.scored(report)]

    def fund_columns(self, report):
        return ("initial", "budget", "executed") if self.scored(report) else ("budget", "executed")

    def indicator_columns(self, report):
        if self.scored(report):
            return ("name", "nature", "target", "measure_unit", "actual", "weight", "score",
                    "reason")
        return ("name", "target", "actual")

    def indicator_labels_for(self, report):
        if self.scored(report):
            return {"name": "三级指标", "target": "指标值", "actual": "完成值", "weight": "权重",
                    "score": "得分", "reason": "未完成原因分析"}
        return {"name": "三级指标", "target": "预期指标值", "actual": "实际完成指标值"}

    def on_project_create(self, report, project):
        from reports.models import ProjectFund

        ProjectFund.objects.bulk_create(
            ProjectFund(project=project, source=key) for key, _label in self.fund_sources(report)
        )

    def outline(self, report):
        return self.project_outline()

    def section_outline(self, report, section):
        return self.project_outline()

    @staticmethod
    def project_outline():
        return (
            Heading("一、项目概况", 1),
            Heading("（一）项目基本情况", 2, "basic"),
            Heading("（二）项目绩效目标", 2, "goals"),
            Heading("（三）项目自评步骤及方法", 2, "method"),
            Heading("二、项目资金申报及使用情况", 1),
            Heading("（一）项目资金申报及批复情况", 2, "application",
                    ("budget_total",)),
            Heading("（二）资金计划、到位及使用情况", 2, "funding",
                    ("budget_total", "executed_total")),
            Heading("（三）项目财务管理情况", 2, "finance"),
            Heading("三、项目实施及管理情况", 1),
            Heading("（一）项目组织架构及实施流程", 2, "organisation"),
            Heading("（二）项目管理情况", 2, "management"),
            Heading("（三）项目监管情况", 2, "supervision"),
            Heading("四、项目绩效情况", 1),
            Heading("（一）项目完成情况", 2, "completion"),
            Heading("（二）项目效益情况", 2, "benefits"),
            Heading("五、评价结论及建议", 1),
            Heading("（一）评价结论", 2, "conclusion"),
            Heading("（二）存在的问题", 2, "problems"),
            Heading("（三）相关建议", 2, "suggestions"),
        )

    def project_figures(self, report, project):
        """A project's money: totals, the sources, 执行率, and whether the splits add up."""
        labels = dict(self.fund_sources(report))
        funds = [
            {"key": fund.source, "label": labels.get(fund.source, fund.source),
             "initial": fund.initial, "budget": fund.budget, "executed": fund.executed}
            for fund in project.funds.all()
        ]
        sums = {column: calc.add(*(fund[column] for fund in funds))
                for column in ("initial", "budget", "executed")}
        return {
            "funds": funds,
            "sums": sums,
            "execution_rate": calc.ratio_percent(project.executed_total, project.budget_total),
        }

    def project_rows(self, report, project, rows=None):
        """The project's indicator rows; `rows`, all the report's, saves a query per project."""
        rows = report.indicatorrows.all() if rows is None else rows
        return [row for row in rows if row.project_id == project.pk]

    def project_context(self, report, project, rows=None):
        from reports import scoring

        indicators = self.project_rows(report, project, rows)
        result = {
            "project": project,
            "scored": self.scored(report),
            "figures": self.project_figures(report, project),
            "indicator_table": self._indicator_table(report, indicators),
            "outline": [
                {"heading": heading,
                 "text": project.narrative.get(heading.key, "") if heading.key else "",
                 "figures": [(NARRATIVE_FIGURES[key][0], getattr(project, key, None))
                             for key in heading.figures]}
                for heading in self.project_outline()
            ],
        }
        if self.scored(report):
            total = scoring.total_score([project.budget_score] + [row.score for row in indicators])
            result["total"] = total
            result["grade"] = calc.grade(total, self.option(report, "grade_wording"))
        return result

    def context(self, report):
        projects = list(report.projects.prefetch_related("funds"))
        rows = list(report.indicatorrows.all())
        return {
            "projects": [self.project_context(report, project, rows) for project in projects],
            "indicator_table": [],
            "outline": [],
            "scored": self.scored(report),
        }

    def narrative_values(self, report):
        return {}


class F4(Family):
    """四川 部门整体支出绩效自评报告: figures entered once, shares and 结转结余 derived, charts.

    The outline (2021 or 2024) is a setting of the form version.
    """

    code = "F4"
    title = "四川 部门整体支出绩效自评报告"
    checks = ("overall_figures_complete", "required_narrative", "narrative_matches_tables")
    figures_source = "收支情况"
    notes = form_notes.F4
    pdf_template = "reports/pdf/f4.html"
    print_order = 0
    sections = (
        Section(
            "figures", "收支情况",
            detail_fields=(
                "income_general", "income_government_fund", "income_other",
                "expense_personnel", "expense_public", "expense_family", "expense_project",
                "three_overseas", "three_car", "three_reception",
                "last_income_total", "last_expense_total",
            ),
            tables=("functions",),
            help="金额单位：万元。收入合计、支出合计、各项占比和结转结余自动计算；"
                 "上年数字取自上年度报告，没有上年度报告时请填写。",
        ),
        Section("narrative", "自评报告", narrative=True,
                help="按表单的提纲填写。可引用收支情况中的数字。"),
    )
    options = (
        Option("outline", "报告提纲", "2021", owner="version", structural=True,
               choices=(("2021", "2021 年版提纲"), ("2024", "2024 年版提纲"))),
    )

    def detail_instance(self, report, project=None):
        return report.overall

    def on_create(self, report, user):
        from reports.models import OverallFigures

        OverallFigures.objects.create(report=report)

    def outline(self, report):
        money = ("income_total", "expense_total", "expense_personnel", "expense_public",
                 "expense_family", "expense_project")
        if self.option(report, "outline") == "2024":
            return (
                Heading("一、部门基本情况", 1),
                Heading("（一）机构组成", 2, "organisation"),
                Heading("（二）机构职能和人员概况", 2, "functions_staff"),
                Heading("（三）年度主要工作任务", 2, "tasks"),
                Heading("（四）部门整体支出绩效目标", 2, "targets"),
                Heading("二、部门财政资金收支情况", 1),
                Heading("（一）部门财政资金收入", 2, "income", ("income_total",)),
                Heading("（二）部门财政资金支出", 2, "expense", money[1:]),
                Heading("（三）部门财政资金结转结余", 2, "carryover", ("carryover",)),
                Heading("三、部门整体绩效管理情况", 1),
                Heading("（一）部门整体履职绩效分析", 2, "duty_performance"),
                Heading("（二）特定目标类项目绩效分析", 2, "project_performance",
                        ("expense_project",)),
                Heading("（三）部门预算项目支出情况分析", 2, "project_spending",
                        ("expense_project",)),
                Heading("（四）结果应用情况", 2, "results"),
                Heading("四、评价结论及建议", 1),
                Heading("（一）评价结论", 2, "conclusion"),
                Heading("（二）存在问题", 2, "problems"),
                Heading("（三）改进建议", 2, "suggestions"),
            )
        return (
            Heading("一、部门（单位）概况", 1),
            Heading("（一）机构组成", 2, "organisation"),
            Heading("（二）机构职能", 2, "functions"),
            Heading("（三）人员概况", 2, "staff"),
            Heading("二、部门财政资金收支情况", 1),
            Heading("（一）部门财政资金收入情况", 2, "income", ("income_total",)),
            Heading("（二）部门财政资金支出情况", 2, "expense", money[1:]),
            Heading("三、部门财政支出管理情况", 1),
            Heading("（一）预决算编制情况", 2, "budgeting"),
            Heading("（二）执行管理情况", 2, "execution"),
            Heading("（三）支出绩效情况", 2, "spending_performance", ("expense_project",)),
            Heading("（四）财务管理情况", 2, "finance"),
            Heading("（五）绩效管理工作开展情况", 2, "performance_management"),
            Heading("四、评价结论及建议", 1),
            Heading("（一）评价结论", 2, "conclusion"),
            Heading("（二）存在问题", 2, "problems"),
            Heading("（三）改进建议", 2, "suggestions"),
        )

    def last_year(self, report):
        """Last year's totals: from last year's report of this family when there is one."""
        from reports.models import Report

        previous = (
            Report.objects.filter(unit_id=report.unit_id, year=report.year - 1,
                                  form_version__family=self.code)
            .select_related("overall").first()
        )
        if previous is not None and hasattr(previous, "overall"):
            figures = self.overall_figures(previous.overall)
            return {"income_total": figures["income_total"],
                    "expense_total": figures["expense_total"], "from_report": True}
        overall = report.overall
        return {"income_total": overall.last_income_total,
                "expense_total": overall.last_expense_total, "from_report": False}

    INCOME_PARTS = ("income_general", "income_government_fund", "income_other")
    EXPENSE_PARTS = ("expense_personnel", "expense_public", "expense_family", "expense_project")
    THREE_PARTS = ("three_overseas", "three_car", "three_reception")

    @classmethod
    def overall_figures(cls, overall):
        """Totals, 结转结余 and each figure's share of its total (收入 of 收入合计, 支出 and
        基本支出 of 支出合计, each 三公 line of 三公经费), from the figures entered once."""
        values = {name: getattr(overall, name)
                  for name in (*cls.INCOME_PARTS, *cls.EXPENSE_PARTS, *cls.THREE_PARTS)}
        income_total = calc.add(*(values[name] for name in cls.INCOME_PARTS))
        expense_total = calc.add(*(values[name] for name in cls.EXPENSE_PARTS))
        three_total = calc.add(*(values[name] for name in cls.THREE_PARTS))
        values["expense_basic"] = calc.add(overall.expense_personnel, overall.expense_public,
                                           overall.expense_family)
        of = {**dict.fromkeys(cls.INCOME_PARTS, income_total),
              **dict.fromkeys((*cls.EXPENSE_PARTS, "expense_basic"), expense_total),
              **dict.fromkeys(cls.THREE_PARTS, three_total)}
        return {
            "income_total": income_total,
            "expense_total": expense_total,
            "expense_basic": values["expense_basic"],
            "shares": {name: calc.ratio_percent(values[name], total) for name, total in of.items()},
            "carryover": calc.subtract(income_total, expense_total),
            "three_total": three_total,
        }

    @staticmethod
    def function_table(rows, expense_total):
        """支出功能分类: each row's share of 支出合计, their sum and its share, and whether the
        sum differs from 支出合计 (a 检查 error, and a warning on the page)."""
        total = calc.add(*(row.amount for row in rows))
        return {
            "shares": {row.pk: calc.ratio_percent(row.amount, expense_total) for row in rows},
            "total": total,
            "total_share": calc.ratio_percent(total, expense_total),
            "mismatch": total is not None and expense_total is not None and total != expense_total,
        }

    def project_totals(self, report):
        """The year's projects (F3) of the unit, summed: budget and execution."""
        from django.db.models import Sum

        from reports.models import Project

        sums = Project.objects.filter(
            report__unit_id=report.unit_id, report__year=report.year
        ).aggregate(budget=Sum("budget_total"), executed=Sum("executed_total"))
        return {key: calc.q2(value) for key, value in sums.items()}

    def narrative_values(self, report):
        overall = report.overall
        figures = self.overall_figures(overall)
        return {
            "income_total": figures["income_total"],
            "expense_total": figures["expense_total"],
            "expense_basic": figures["expense_basic"],
            "expense_personnel": overall.expense_personnel,
            "expense_public": overall.expense_public,
            "expense_family": overall.expense_family,
            "expense_project": overall.expense_project,
            "carryover": figures["carryover"],
            "three_total": figures["three_total"],
        }

    def context(self, report):
        from reports import charts

        overall = report.overall
        figures = self.overall_figures(overall)
        functions = list(report.functionrows.all())
        last = self.last_year(report)
        return {
            "overall": overall,
            "overall_figures": figures,
            "functions": self.function_table(functions, figures["expense_total"]),
            "last_year": last,
            "project_totals": self.project_totals(report),
            "charts": charts.overall_charts(report.year, overall, figures, functions, last),
            "indicator_table": [],
            "outline": self.outline_context(report, self.narrative_values(report)),
        }


FAMILIES = {"F1": F1(), "F2": F2(), "F3": F3(), "F4": F4()}


def family_for(form_version):
    try:
        return FAMILIES[form_version.family]
    except KeyError:
        raise LookupError(f"表单类别 {form_version.family} 尚未支持") from None
