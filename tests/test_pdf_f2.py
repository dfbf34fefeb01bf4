"""The PDF of an F2 report: the 自评表 (附件3) in the 财政局's layout, then the 自评报告."""

import re
from decimal import Decimal as D
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from reports import pdf
from reports.demo import YUNXI_2024_INDICATORS
from reports.models import Report
from reports.templatetags.pdf_format import item, middle_body, percent, sum_of
from tests.pdfs import pdf_pages, pdf_text

HEADINGS = (
    "一、部门（单位）概况",
    "二、一般公共预算支出情况",
    "（一）基本支出情况",
    "（二）项目支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、其他需要说明的情况",
)


@pytest.fixture
def yunxi_pdf(yunxi_report):
    return pdf.render_report(yunxi_report)


def squeezed(text):
    """`text` without any whitespace: a label wrapped in its cell reads as typed."""
    return re.sub(r"\s+", "", text)


class TableRows(HTMLParser):
    """The rows of every <table> of an HTML page, each a list of (tag, attrs, text) cells."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.cell = [tag, dict(attrs), ""]
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data.strip()


def table_rows(html):
    parser = TableRows()
    parser.feed(html)
    return parser.rows


def test_sheet_figures(yunxi_pdf):
    text = pdf_text(yunxi_pdf)

    assert "附件3" in text
    assert "2024 年度部门整体支出绩效自评表" in text
    assert "预算部门、单位名称 岳阳市云溪区科学技术协会" in text
    # 年初预算数 全年预算数 全年执行数 分值 执行率 自评得分: amounts with two decimals, the rate as a
    # percentage, the scores as plain numbers.
    assert "年度资金总额 83.88 78.30 78.30 10 100.00% 9.69" in text
    for expected in ("按收入性质分：78.30", "按支出性质分：78.30", "其中：一般公共预算：73.68",
                     "其中：基本支出：64.29", "项目支出：14.01", "纳入专户管理的非税收入拨款：0.00",
                     "其他资金：4.62"):
        assert expected in text
    # The reason the unit gave for 9.69 of 10.
    assert "偏差原因分析及改进措施：部分支出进度集中在下半年" in text
    assert "总分 100 97.69" in text
    assert "评价等次 优" in text


def test_sheet_goals(yunxi_pdf):
    text = squeezed(pdf_text(yunxi_pdf))

    assert "预期目标实际完成情况" in text
    assert "目标1：按时足额发放工资福利，保障机关正常运转。" in text
    assert "1、工资福利按月发放，机关运转正常。" in text
    assert "目标3：开展全国科技工作者日活动，做好人才项目申报。" in text
    assert "3、开展科技工作者日活动，推荐人才项目并获市级人才计划入选。" in text


def test_sheet_indicators(yunxi_pdf):
    text = squeezed(pdf_text(yunxi_pdf))

    for header in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分",
                   "偏差原因分析及改进措施"):
        assert header in text
    # Each 一级 with the weight of its indicators, as 002 writes it: 40 / 40 / 10 (+ 预算执行 10).
    for label in ("产出指标（40分）", "效益指标（40分）", "满意度指标（10分）"):
        assert label in text
    for label in ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
                  "生态效益指标", "可持续影响指标", "服务对象满意度指标"):
        assert label in text
    for _group, name, *_figures in YUNXI_2024_INDICATORS:
        assert squeezed(name) in text, name
    # Target and actual as typed, then 分值 and 自评得分.
    assert "预算控制数78.3100%55" in text
    assert "任务完成时间1年100%1010" in text
    assert "控制预算成本100%100%109" in text
    assert "个别活动物资采购单价偏高，下年度采购前先比价。" in text


def test_indicators_are_not_cut_when_they_fit_a_page(yunxi_pdf):
    pages = pdf_pages(yunxi_pdf)
    sheet = [squeezed(text) for text in pages if "三级指标" in text]

    # The demo's indicators do not fit under the budget and goals: they start a page of their
    # own rather than leave a few rows on the first one.
    assert len(sheet) == 1
    assert "附件3" not in sheet[0]
    for _group, name, *_figures in YUNXI_2024_INDICATORS:
        assert squeezed(name) in sheet[0], name
    assert "总分10097.69" in sheet[0]


def test_indicator_header_repeats_on_every_page_of_the_table(yunxi_report):
    for position in range(30):
        yunxi_report.indicatorrows.create(
            group="quantity", name=f"追加数量指标{position}", target="≥95%", actual="96%",
            weight=D("1"), score=D("1"), position=10 + position,
        )

    pages = [squeezed(text) for text in pdf_pages(pdf.render_report(yunxi_report))]
    sheet = [text for text in pages if "追加数量指标" in text]

    assert len(sheet) >= 2
    for text in sheet:
        assert text.count("一级指标二级指标三级指标年度指标值实际完成值分值自评得分") == 1
    assert sum(text.count("追加数量指标") for text in sheet) == 30


def test_self_report_starts_on_a_new_page(yunxi_pdf):
    pages = pdf_pages(yunxi_pdf)
    first = next(index for index, text in enumerate(pages) if "部门整体支出绩效自评报告" in text)

    assert "评价等次" in pages[first - 1]
    assert "评价等次" not in pages[first] and "三级指标" not in pages[first]
    lines = pages[first].splitlines()
    assert lines[0] == "2024年度岳阳市云溪区科学技术协会"
    assert lines[1] == "部门整体支出绩效自评报告"


def test_self_report_headings_and_text(yunxi_pdf):
    text = squeezed(pdf_text(yunxi_pdf))
    positions = [text.index(heading) for heading in HEADINGS]

    assert positions == sorted(positions)
    assert "2024年财政拨款基本支出64.29万元，其中人员支出57.98万元" in text
    assert "全年执行78.30万元" in text


def test_page_numbers(yunxi_pdf):
    pages = pdf_pages(yunxi_pdf)

    # No cover: the 自评表 is page 1.
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"— {number} —" in text


def test_exportpdf_command(yunxi_report, tmp_path):
    output = tmp_path / "f.pdf"

    call_command("exportpdf", unit="岳阳市云溪区科学技术协会", year=2024, output=str(output))

    data = output.read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "78.3" in text
    assert "97.69" in text
    for _group, name, *_figures in YUNXI_2024_INDICATORS:
        assert squeezed(name) in squeezed(text), name


def test_qualitative_indicator_and_empty_group(yunxi_report):
    # A 定性 indicator: no actual typed, the band picked and a score inside it.
    social = yunxi_report.indicatorrows.get(group="social")
    social.actual, social.band, social.score = "", "partial", D("7")
    social.save()
    yunxi_report.indicatorrows.filter(group="ecological").delete()
    report = Report.objects.get(pk=yunxi_report.pk)

    html = pdf.render_html(report)
    rows = table_rows(html)
    # The blank group keeps its line, its 二级 label and nothing else.
    blank = [row for row in rows if any(cell[2] == "生态效益指标" for cell in row)]
    assert len(blank) == 1
    assert [cell[2] for cell in blank[0]] == ["生态效益指标", "", "", "", "", "", ""]
    # Ten printed indicator lines: nine indicators and the blank one, each with its three-level
    # name cell; 效益 merges its four 二级 groups.
    names = [row for row in rows if any(cell[1].get("class") == "parent" for cell in row)]
    assert [cell[1].get("rowspan") for row in names for cell in row
            if cell[1].get("class") == "parent"] == ["5", "4", "1"]

    text = pdf_text(pdf.render_report(report))
    flat = squeezed(text)
    assert "生态效益指标" in flat
    assert "进一步提高全区公民科普素质。100%部分达成年度指标并具有一定效果107" in flat
    # The 一级 weight follows the indicators: 效益 lost the 10 of 生态效益.
    assert "效益指标（30分）" in flat
    assert "总分 90 84.69" in text
    assert "评价等次 良" in text


def test_blank_values_stay_blank(yunxi_report):
    budget = yunxi_report.budget
    budget.income_other = None
    budget.score = None
    budget.reason = ""
    budget.save()
    yunxi_report.goalrows.all().delete()

    html = pdf.render_html(Report.objects.get(pk=yunxi_report.pk))
    cells = [cell[2] for row in table_rows(html) for cell in row]

    assert "政府性基金拨款：" in cells
    assert "其他资金：" in cells
    # Without a reason there is no line for it.
    assert not any(cell.startswith("偏差原因分析及改进措施：") for cell in cells)
    # 年度资金总额 … 自评得分 with the score left blank.
    start = cells.index("年度资金总额")
    assert cells[start:start + 7] == ["年度资金总额", "83.88", "78.30", "78.30", "10", "100.00%", ""]
    # No goals: the form's blank line under 预期目标 | 实际完成情况.
    goals = cells.index("预期目标")
    assert cells[goals:goals + 4] == ["预期目标", "实际完成情况", "", ""]


def test_split_rows_print_personnel_and_public_when_typed(yunxi_report):
    budget = yunxi_report.budget
    budget.expense_personnel, budget.expense_public = D("57.98"), D("6.31")
    budget.save()

    text = pdf_text(pdf.render_report(Report.objects.get(pk=yunxi_report.pk)))

    assert "基本支出中人员支出：57.98" in text
    assert "基本支出中公用支出：6.31" in text


def test_print_filters():
    class Budget:
        expense_basic, expense_project, expense_public = D("64.29"), D("14.01"), None

    assert percent(D("100")) == "100.00%"
    assert percent(D("97.5")) == "97.50%"
    assert percent(None) == ""
    assert sum_of(Budget(), "expense_basic, expense_project") == D("78.30")
    assert sum_of(Budget(), "expense_public") is None
    assert item({"output": D("40")}, "output") == D("40")
    assert item({}, "output") is None
    # Lines 0-4 in the first list, 5-8 in the second, 9 in the third: the middle one is 4.
    assert middle_body([[1] * 5, [1] * 4, [1]]) == 0
    assert middle_body([[1], [1] * 4, [1] * 5]) == 1
    assert middle_body([]) == 0
