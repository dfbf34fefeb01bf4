"""F1: 湖南·岳阳 部门（单位）整体支出绩效评价自评报告 — its sections, settings, indicator groups,
outline and figures."""

from reports import calc
from reports.families.base import (
    GRADE_BANDS_NOTE,
    Family,
    Group,
    Heading,
    Option,
    Section,
    grade_wording_option,
)
from reports.families.registry import register


# 填表说明 (Family.notes).
NOTES = {
    "fields": {
        "report_date": "报送财政局的日期，例如 2022-06-20；封面印作“2022年06月20日”。",
        "evaluation_method": "通常为“部门绩效自评”；委托其他机构评价的照实填写。",
        "evaluation_agency": "具体开展自评的机构，通常为“部门评价组”。",
        "contact_person": "负责本报告、能答复财政局询问的经办人。",
        "contact_phone": "固定电话或手机号码，例如 0730-7612345。",
        "staff_quota": "编制部门核定的编制数，单位：人。",
        "staff_quota_admin": "核定的行政编制数，单位：人。",
        "staff_quota_public": "核定的事业编制数，单位：人。",
        "staff_actual": "年末实有人数，单位：人。",
        "staff_actual_admin": "占用行政编制的实有人数，单位：人。",
        "staff_actual_public": "占用事业编制的实有人数，单位：人。",
        "duties": "简要写明本单位承担的主要职能职责。",
        "operation_summary": "概述本年度整体运行情况和取得的主要成绩，可分条写。",
        "self_score": (
            "按评分办法自评的综合得分，0 至 100，例如 97（也可写作 98%）。评价等次按得分自动确定："
            + GRADE_BANDS_NOTE + "。"
        ),
        "filler_name": "填写本报告的经办人，印在表末“填报人（签名）”处。",
        "filler_phone": "填报人的联系电话。",
    },
    "tables": {
        "tasks": "按年初确定的年度工作任务逐条填写，每项任务一行（任务1、任务2 …）。",
        "institutions": (
            "金额单位：万元，保留两位小数。第一行为机关本级（局机关或科协机关），其后每个二级机构一行；"
            "没有二级机构的只填第一行。汇总行和带底色的合计栏由系统计算。"
        ),
        "goals": "左栏写年初确定的定性目标（目标1、目标2 …），右栏写对应目标的实际完成情况。",
        "indicators": (
            "按产出目标、效益目标的各类别逐项填写：绩效内容写指标的名称和内容，绩效目标值照年初目标填写"
            "（如 3、≥95%），完成情况写实际结果。没有指标的类别可以空着，打印时留一空行。"
        ),
        "evaluators": "参加自评的人员，签字栏在打印后手签。",
    },
    "columns": {
        "tasks": {"text": "一项年度工作任务，写明做什么、做到什么程度。"},
        "institutions": {
            "name": "机关本级写“局机关”或“科协机关”，二级机构写全称。名称在第一张表中填写，其余三张表自动跟随。",
            "income_total": "系统计算：上年结转、公共财政拨款、政府基金拨款、纳入专户管理的非税收入拨款与其他收入之和。",
            "income_carryover": "上年结转到本年使用的资金。",
            "income_public_finance": "一般公共预算财政拨款。",
            "income_government_fund": "政府性基金预算财政拨款。",
            "income_special_account": "纳入财政专户管理的非税收入拨款。",
            "income_other": "以上各项以外的收入。",
            "expense_total": "系统计算：基本支出与项目支出之和。",
            "expense_basic": "系统计算：人员支出与公用支出之和。",
            "expense_personnel": "基本支出中的人员经费。",
            "expense_public": "基本支出中的日常公用经费。",
            "expense_project": "为完成专项任务发生的项目（专项）支出。",
            "balance_current": "系统计算：收入合计减支出合计。",
            "balance_accumulated": "历年累计的结余资金。",
            "three_total": "系统计算：公务接待费、公务用车运维费、公务用车购置费与因公出国费之和。",
            "three_reception": "本年公务接待费支出。",
            "three_car_operation": "公务用车运行维护费支出。",
            "three_car_purchase": "公务用车购置费支出。",
            "three_overseas": "因公出国（境）费支出。",
            "assets_total": "系统计算：在用固定资产、出租固定资产与其他之和。",
            "assets_in_use": "年末在用的固定资产金额。",
            "assets_rented": "年末出租、出借的固定资产金额。",
            "assets_other": "在用、出租以外的固定资产，例如闲置或待处置的。",
        },
        "goals": {
            "target": "年初确定的一项定性目标。",
            "actual": "这项目标的实际完成情况。",
        },
        "indicators": {
            "name": "指标的名称和内容，例如“开展科普活动次数”。",
            "target": "年初确定的目标值，照原样填写，例如 3 或 ≥95%。",
            "actual": "实际完成的数值或情况，写法与目标值一致，例如 3 或 100%。",
        },
        "evaluators": {
            "name": "评价人员的姓名。",
            "title": "职务或职称。",
            "organisation": "所在单位。",
        },
    },
    "headings": {
        "overview_basic": "单位性质、内设机构和二级机构、编制与人员、主要职能等基本情况。",
        "overview_scale": "整体支出的规模、主要用途和涉及范围；引用的数字应与“二、收支情况”的表格一致。",
        "spending_basic": "基本支出的总额，人员经费和日常公用经费的使用情况，数字与表格一致。",
        "spending_project": "专项（项目）支出的总额、主要项目和资金使用情况。",
        "project_organisation": "专项的立项、资金分配、实施程序和责任分工。",
        "project_management": "专项资金的管理制度、拨付和监督检查情况。",
        "performance": "整体支出取得的产出和效益，以及“三公”经费的控制情况。",
        "performance_spending": "整体支出的规模和结构，与预算相比的执行情况。",
        "performance_three": "“三公”经费的支出金额、与上年相比的增减及原因。",
        "performance_card": "公务卡的使用和刷卡结算情况。",
        "performance_assets": "固定资产的规模、管理和使用情况。",
        "performance_balance": "年末结余资金的规模、形成原因和处理办法。",
        "problems": "自评中发现的主要问题，写具体。",
        "suggestions": "针对上述问题的改进措施，以及对财政部门的建议。",
    },
    "rows": {"goals": "定性目标", "indicators": "定量目标"},
}


@register
class F1(Family):
    """湖南·岳阳 部门（单位）整体支出绩效评价自评报告 (财政局 form used 2017–2021)."""

    code = "F1"
    title = "湖南·岳阳 部门（单位）整体支出绩效评价自评报告"
    checks = ("required_fields", "required_rows", "incomplete_rows", "score_in_range",
              "required_narrative", "narrative_matches_tables")
    figures_source = "第二部分表格"
    notes = NOTES
    section_template_dir = "reports/sections/f1"
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

    # 四、整体支出绩效情况: one paragraph with 单位 headings, five sub-headings with 部门（单位）.
    narrative_renames = {
        "heading_style": {
            ("unit", "department"): {"performance": "performance_spending"},
            ("department", "unit"): {"performance_spending": "performance"},
        },
    }

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
