"""F1: 湖南·岳阳 部门（单位）整体支出绩效评价自评报告 — its sections, settings, indicator groups,
outline and figures."""

from reports import calc
from reports import notes as form_notes
from reports.families.base import Family, Group, Heading, Option, Section, grade_wording_option
from reports.families.registry import register


@register
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
        Option("indicator_headers", "定量目标表的栏目名称", {}, owner="version",
               keys=(("parent", "评价内容"), ("name", "绩效内容"), ("actual", "完成情况")),
               help="按栏目改写表头文字；“绩效目标值”一栏见“定量目标栏目名称”"),
        Option("group_notes", "一级类别下的说明", {}, owner="version",
               keys=(("output", "产出目标"), ("benefit", "效益目标")),
               help="印在“产出目标”“效益目标”之下的说明文字；写成空文字则不印"),
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

    INDICATOR_HEADERS = {"parent": "评价内容", "name": "绩效内容", "actual": "完成情况"}

    def indicator_headers(self, report):
        """The 定量 table's column headers, as the version words them."""
        return {**self.INDICATOR_HEADERS, **self.option(report, "indicator_headers"),
                "target": self.option(report, "quantitative_header")}

    def indicator_labels_for(self, report):
        headers = self.indicator_headers(report)
        return {name: headers[name] for name in self.indicator_fields}

    def parent_note(self, report, parent):
        notes = {**self.parent_notes, **self.option(report, "group_notes")}
        return notes.get(parent, "")

    def form_outline(self, report):
        return self._outline(self.option(report, "heading_style"))

    def outline_variants(self):
        return tuple(self._outline(style) for style, _label in self.setting("heading_style").choices)

    def _outline(self, heading_style):
        if heading_style == "department":
            who = "部门（单位）"
            performance = (
                Heading(f"四、{who}整体支出绩效情况", 1, id="performance"),
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
            Heading(f"一、{who}概况", 1, id="overview"),
            Heading(f"（一）{who}基本情况", 2, "overview_basic"),
            Heading(f"（二）{who}整体支出规模、使用方向和主要内容、涉及范围", 2, "overview_scale",
                    ("expense_total", "expense_personnel", "expense_public", "expense_project")),
            Heading(f"二、{who}整体支出管理及使用情况", 1, id="spending"),
            Heading("（一）基本支出", 2, "spending_basic",
                    ("expense_basic", "expense_personnel", "expense_public")),
            Heading("（二）专项支出", 2, "spending_project", ("expense_project",)),
            Heading(f"三、{who}专项组织实施情况", 1, id="project"),
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
            "indicator_headers": self.indicator_headers(report),
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
