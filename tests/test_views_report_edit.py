"""The edit pages as a clerk uses them: what the browser posts, what is stored, what is shown.

Every POST here is built from the page itself, as the browser would send it: `Page` reads the
inputs of the section form (not those inside the empty-row <template>s), and the tests change
only the fields they are about, add rows the way the page's script does (the row template with
its index, TOTAL_FORMS raised) and remove or reorder rows by setting DELETE and position.
"""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from reports.demo import YUEYANG_2021_OFFICE
from reports.forms import MAX_ROWS
from reports.models import (
    EvaluatorRow,
    GoalRow,
    IndicatorRow,
    InstitutionRow,
    Report,
    TaskRow,
    User,
)
from tests.pages import Page, open_page, post_page, section_url

# ---- reading pages


def open_section(client, report, slug):
    return open_page(client, section_url(report, slug))


def submit(client, page, report, slug, button="save"):
    return post_page(client, section_url(report, slug), page, button)


def pdf_lines(client, report):
    response = client.get(reverse("report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return [line.split() for line in text.splitlines()]


def office_figures():
    """The 局机关 figures of report 000 as a clerk types them."""
    return {name: f"{value:.2f}" for name, value in YUEYANG_2021_OFFICE.items()}


# ---- a report from new to PDF


def test_new_report_filled_with_figures_of_000_shows_and_prints_the_totals(
    filler_client, filler, f1_version
):
    response = filler_client.post(
        reverse("report_new"),
        {"unit": filler.unit_id, "year": "2023", "form_version": f1_version.pk},
    )
    report = Report.objects.get(unit=filler.unit, year=2023, form_version=f1_version)
    assert response.status_code == 302
    assert response["Location"] == section_url(report, "cover")
    assert list(report.institutionrows.values_list("name", "position")) == [("局机关", 0)]

    page = open_section(filler_client, report, "finance")
    assert page.value("institutions-0-name") == "局机关"
    page.set(**{f"institutions-0-{name}": value for name, value in office_figures().items()})
    response = submit(filler_client, page, report, "finance")
    assert response.status_code == 302
    assert response["Location"] == section_url(report, "finance")

    office = InstitutionRow.objects.get(report=report)
    assert office.income_carryover == D("17.66")
    assert office.expense_public == D("16.70")
    assert office.assets_in_use == D("4.33")

    page = open_section(filler_client, report, "finance")
    assert page.summary("income_total") == "95.76"
    assert page.summary("expense_total") == "90.69"
    assert page.summary("expense_basic") == "61.33"
    assert page.summary("balance_current") == "5.07"
    assert page.summary("three_total") == "0.12"
    assert page.summary("assets_total") == "4.33"
    assert page.summary("income_government_fund") == ""

    lines = pdf_lines(filler_client, report)
    figures = [["95.76", "17.66", "73.03", "5.07"],
               ["90.69", "61.33", "44.63", "16.70", "29.36", "5.07"],
               ["0.12", "0.12", "0.00", "0.00", "0.00"],
               ["4.33", "4.33"]]
    assert [line for line in lines if line[:1] == ["局机关及二级机构汇总"]] == [
        ["局机关及二级机构汇总", *row] for row in figures
    ]
    assert [line for line in lines if line[:1] == ["1、局机关"]] == [
        ["1、局机关", *row] for row in figures
    ]
    assert lines.count(["2、二级机构1"]) == 4

    page = open_section(filler_client, report, "performance")
    page.set(report__self_score="97")
    assert submit(filler_client, page, report, "performance").status_code == 302
    report.refresh_from_db()
    assert report.self_score == D("97")

    lines = pdf_lines(filler_client, report)
    assert ["绩效自评综合得分", "97"] in lines
    assert ["评价等次", "优秀"] in lines


def test_save_and_next_goes_to_the_next_section(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "finance")

    response = submit(filler_client, page, demo_report, "finance", button="save_next")

    assert response.status_code == 302
    assert response["Location"] == section_url(demo_report, "performance")


def snapshot(report):
    """Everything a clerk typed into `report`, as stored."""
    report.refresh_from_db()
    return {
        "report": Report.objects.filter(pk=report.pk).values(
            "evaluation_method", "evaluation_agency", "report_date", "contact_person",
            "contact_phone", "staff_quota", "staff_actual", "duties", "operation_summary",
            "self_score", "filler_name", "filler_phone", "narrative",
        ).get(),
        "layout": {option.name: report.option(option.name) for option in report.spec.options},
        "institutions": list(InstitutionRow.objects.filter(report=report).values()),
        "tasks": list(TaskRow.objects.filter(report=report).values()),
        "goals": list(GoalRow.objects.filter(report=report).values()),
        # The demo numbers indicator positions across groups and a save numbers them within
        # each group: the order, which is what prints, is the same.
        "indicators": list(IndicatorRow.objects.filter(report=report).values_list(
            "id", "group", "name", "target", "actual")),
        "evaluators": list(EvaluatorRow.objects.filter(report=report).values()),
    }


def test_resaving_every_page_unchanged_keeps_every_value(filler_client, demo_report):
    before = snapshot(demo_report)

    for section in demo_report.spec.sections:
        page = open_section(filler_client, demo_report, section.slug)
        assert submit(filler_client, page, demo_report, section.slug).status_code == 302

    assert snapshot(demo_report) == before


def test_creating_the_same_report_twice_is_refused(filler_client, filler, demo_report):
    before = Report.objects.filter(unit=filler.unit).count()
    response = filler_client.post(
        reverse("report_new"),
        {"unit": filler.unit_id, "year": "2021", "form_version": demo_report.form_version_id},
    )

    assert response.status_code == 400
    assert list(response.context["new_form"].non_field_errors()) == [
        "该单位本年度的这份报告已经存在，请在报告列表中打开它。",
    ]
    assert Report.objects.filter(unit=filler.unit).count() == before


def test_report_for_another_unit_cannot_be_created(filler_client, other_unit, f1_version):
    response = filler_client.post(
        reverse("report_new"),
        {"unit": other_unit.pk, "year": "2022", "form_version": f1_version.pk},
    )

    assert response.status_code == 400
    assert list(response.context["new_form"].errors) == ["unit"]
    assert not Report.objects.filter(unit=other_unit).exists()


def test_reviewer_reads_the_report_but_cannot_change_it(client, demo_report):
    client.force_login(User.objects.get(username="zhangsan"))
    page = Page(client.get(section_url(demo_report, "overview")))
    assert set(page.data) == {"csrfmiddlewaretoken"}  # every field is in a disabled fieldset
    assert page.by_id("id_report-contact_person").attrs["value"] == "徐远山"

    response = client.post(section_url(demo_report, "overview"),
                           {"report-contact_person": "李四"})

    assert response.status_code == 404
    demo_report.refresh_from_db()
    assert demo_report.contact_person == "徐远山"


# ---- 二级机构 and the split 结余


def test_three_institutions_with_split_balance_are_stored_and_summed(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "cover")
    page.check("options-balance_split")
    assert submit(filler_client, page, demo_report, "cover").status_code == 302
    demo_report.refresh_from_db()
    assert demo_report.option("balance_split") is True

    page = open_section(filler_client, demo_report, "finance")
    assert page.column_headers().count("当年结余（万元）") == 1
    assert page.column_headers().count("累计结余（万元）") == 1
    assert "结余（万元）" not in page.column_headers()
    page.set(institutions__0__balance_accumulated="8.00")
    page.add_row(
        "institutions", name="科技活动管理中心", income_public_finance="120.40",
        expense_personnel="80.00", expense_public="20.05", expense_project="15.00",
        balance_accumulated="12.00",
    )
    page.add_row(
        "institutions", name="科技馆", income_carryover="3.34", income_government_fund="50.00",
        expense_personnel="10.00", expense_project="40.00", balance_accumulated="0.66",
    )
    page.add_row(
        "institutions", name="学会服务中心", income_other="1.00", expense_public="0.50",
    )
    response = submit(filler_client, page, demo_report, "finance")
    assert response.status_code == 302

    rows = InstitutionRow.objects.filter(report=demo_report)
    assert list(rows.values_list("name", "position")) == [
        ("局机关", 0), ("科技活动管理中心", 1), ("科技馆", 2), ("学会服务中心", 3),
    ]
    assert rows.get(name="科技馆").income_government_fund == D("50.00")
    assert rows.get(name="学会服务中心").income_carryover is None

    demo_report.refresh_from_db()
    finance = demo_report.spec.figures(demo_report)
    summary = finance["summary"]["values"]
    assert summary["income_total"] == D("270.50")  # 95.76 + 120.40 + 53.34 + 1.00
    assert summary["expense_total"] == D("256.24")  # 90.69 + 115.05 + 50.00 + 0.50
    assert summary["balance_current"] == D("14.26")
    assert summary["balance_accumulated"] == D("20.66")
    assert [row["label"] for row in finance["rows"]] == [
        "1、局机关", "2、科技活动管理中心", "3、科技馆", "4、学会服务中心",
    ]
    assert [row["values"]["balance_current"] for row in finance["rows"]] == [
        D("5.07"), D("5.35"), D("3.34"), D("0.50"),
    ]

    page = open_section(filler_client, demo_report, "finance")
    assert page.summary("income_total") == "270.50"
    assert page.summary("balance_current") == "14.26"
    assert page.summary("balance_accumulated") == "20.66"
    assert [page.value(f"institutions-{i}-name") for i in range(4)] == [
        "局机关", "科技活动管理中心", "科技馆", "学会服务中心",
    ]


def test_finance_page_without_split_shows_one_balance_column(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "finance")

    headers = page.column_headers()
    assert headers.count("结余（万元）") == 1
    assert "当年结余（万元）" not in headers
    assert "累计结余（万元）" not in headers


def test_turning_split_balance_off_and_saving_keeps_the_accumulated_balance(
    filler_client, demo_report
):
    office = InstitutionRow.objects.get(report=demo_report, position=0)
    office.balance_accumulated = D("8.00")
    office.save()

    page = open_section(filler_client, demo_report, "finance")
    page.set(institutions__0__income_other="6.00")
    assert submit(filler_client, page, demo_report, "finance").status_code == 302

    office.refresh_from_db()
    assert office.income_other == D("6.00")
    assert office.balance_accumulated == D("8.00")


# ---- adding, removing and reordering rows

ROW_TABLES = [
    # (section, formset prefix, model, filter, the text field shown, a new row's fields)
    ("overview", "tasks", TaskRow, {}, "text", {"text": "新增任务：科技志愿服务。"}),
    ("performance", "goals", GoalRow, {}, "target",
     {"target": "新增目标：科普基地达标。", "actual": "已达标。"}),
    ("performance", "indicators-quantity", IndicatorRow, {"group": "quantity"}, "name",
     {"name": "新增指标：科普讲座场次", "target": "≥4场", "actual": "5场"}),
    ("evaluators", "evaluators", EvaluatorRow, {}, "name",
     {"name": "李明", "title": "副主席", "organisation": "科协"}),
]


def stored(model, report, filters, field):
    return list(
        model.objects.filter(report=report, **filters)
        .order_by("position", "id")
        .values_list(field, "position")
    )


@pytest.mark.parametrize(("slug", "prefix", "model", "filters", "field", "new"), ROW_TABLES)
def test_added_row_is_stored_last(filler_client, demo_report, slug, prefix, model, filters,
                                  field, new):
    before = [text for text, _position in stored(model, demo_report, filters, field)]
    page = open_section(filler_client, demo_report, slug)

    page.add_row(prefix, **new)
    assert submit(filler_client, page, demo_report, slug).status_code == 302

    after = stored(model, demo_report, filters, field)
    assert after == [(text, i) for i, text in enumerate([*before, new[field]])]
    row = model.objects.get(report=demo_report, **{field: new[field]})
    for name, value in new.items():
        assert getattr(row, name) == value


@pytest.mark.parametrize(("slug", "prefix", "model", "filters", "field", "new"), ROW_TABLES)
def test_removed_row_is_deleted_and_positions_close_up(filler_client, demo_report, slug, prefix,
                                                       model, filters, field, new):
    page = open_section(filler_client, demo_report, slug)
    page.add_row(prefix, **new)
    assert submit(filler_client, page, demo_report, slug).status_code == 302
    before = [text for text, _position in stored(model, demo_report, filters, field)]

    page = open_section(filler_client, demo_report, slug)
    page.remove_row(f"{prefix}-0")
    assert submit(filler_client, page, demo_report, slug).status_code == 302

    after = stored(model, demo_report, filters, field)
    assert after == [(text, i) for i, text in enumerate(before[1:])]
    assert not model.objects.filter(report=demo_report, **{field: before[0]}).exists()


@pytest.mark.parametrize(("slug", "prefix", "model", "filters", "field", "new"), ROW_TABLES)
def test_moved_row_keeps_its_new_place(filler_client, demo_report, slug, prefix, model, filters,
                                       field, new):
    page = open_section(filler_client, demo_report, slug)
    page.add_row(prefix, **new)
    assert submit(filler_client, page, demo_report, slug).status_code == 302
    before = [text for text, _position in stored(model, demo_report, filters, field)]

    page = open_section(filler_client, demo_report, slug)
    page.move_up(page.rows(prefix)[-1])
    assert submit(filler_client, page, demo_report, slug).status_code == 302

    after = stored(model, demo_report, filters, field)
    expected = [*before[:-2], before[-1], before[-2]]
    assert after == [(text, i) for i, text in enumerate(expected)]

    page = open_section(filler_client, demo_report, slug)
    assert [page.data[f"{row}-{field}"] for row in page.rows(prefix)] == [[t] for t in expected]


def test_add_remove_and_reorder_in_one_save(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "overview")
    tasks = [row.text for row in demo_report.taskrows.all()]
    page.remove_row("tasks-1")
    page.add_row("tasks", text="新增任务：科技志愿服务。")
    page.move_up("tasks-5")  # the new row, above 任务5
    page.move_up("tasks-3")  # 任务4, above 任务3

    assert submit(filler_client, page, demo_report, "overview").status_code == 302

    assert stored(TaskRow, demo_report, {}, "text") == [
        (tasks[0], 0), (tasks[3], 1), (tasks[2], 2), ("新增任务：科技志愿服务。", 3),
        (tasks[4], 4),
    ]


def test_new_indicator_row_gets_the_group_of_its_table(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "performance")

    page.add_row("indicators-timeliness", name="活动按期完成", target="12月前", actual="11月完成")
    assert submit(filler_client, page, demo_report, "performance").status_code == 302

    row = IndicatorRow.objects.get(report=demo_report, name="活动按期完成")
    assert (row.group, row.position, row.target, row.actual) == (
        "timeliness", 0, "12月前", "11月完成",
    )
    assert IndicatorRow.objects.filter(report=demo_report).count() == 5


@pytest.mark.parametrize(("slug", "prefix", "model"), [
    ("performance", "goals", GoalRow),
    ("overview", "tasks", TaskRow),
])
def test_added_row_left_blank_is_ignored(filler_client, demo_report, slug, prefix, model):
    before = model.objects.filter(report=demo_report).count()
    page = open_section(filler_client, demo_report, slug)

    page.add_row(prefix)
    response = submit(filler_client, page, demo_report, slug)

    assert response.status_code == 302
    assert model.objects.filter(report=demo_report).count() == before


# ---- bad input: refused beside the field, nothing saved, everything re-shown

AMOUNT_NAME = "institutions-0-income_other"
OTHER_AMOUNT_NAME = "institutions-0-income_carryover"

BAD_INPUT = [
    pytest.param(
        "finance", AMOUNT_NAME, "abc", "请填写数字，最多两位小数，例如 95.76", id="letters",
    ),
    pytest.param(
        "finance", AMOUNT_NAME, "1.234", "最多两位小数，例如 95.76", id="three-decimals",
    ),
    pytest.param("finance", AMOUNT_NAME, "-5", "金额不能为负数", id="negative"),
    pytest.param(
        "finance", AMOUNT_NAME, "1234567890123", "金额过大：整数部分最多 10 位（单位：万元）",
        id="thirteen-digits",
    ),
    pytest.param(
        "finance", AMOUNT_NAME, "12345678901", "金额过大：整数部分最多 10 位（单位：万元）",
        id="eleven-whole-digits",
    ),
    pytest.param(
        "cover", "report-report_date", "2022-02-30",
        "请填写有效日期，例如 2022-06-20 或 2022年06月20日", id="february-30",
    ),
    pytest.param(
        "cover", "report-report_date", "2022年13月01日",
        "请填写有效日期，例如 2022-06-20 或 2022年06月20日", id="month-13",
    ),
    pytest.param(
        "overview", "report-contact_phone", "1882188abcd",
        "联系电话只能填写数字、空格和连字符，例如 18821881911 或 0730-1234567", id="phone-letters",
    ),
    pytest.param(
        "performance", "report-self_score", "九十七", "请填写得分数字，最多两位小数，例如 97",
        id="score-words",
    ),
]

# A valid change typed on the same page, which must not be saved either.
OTHER_CHANGE = {
    "finance": (OTHER_AMOUNT_NAME, "20.00"),
    "cover": ("report-evaluation_agency", "县科协评价组"),
    "overview": ("report-contact_person", "李四"),
    "performance": ("goals-0-actual", "改写的实际完成情况"),
}


def stored_values(report):
    report.refresh_from_db()
    office = InstitutionRow.objects.get(report=report, position=0)
    return {
        OTHER_AMOUNT_NAME: f"{office.income_carryover}",
        AMOUNT_NAME: f"{office.income_other}",
        "report-report_date": report.report_date.isoformat(),
        "report-evaluation_agency": report.evaluation_agency,
        "report-contact_person": report.contact_person,
        "report-contact_phone": report.contact_phone,
        "report-self_score": f"{report.self_score}",
        "goals-0-actual": report.goalrows.all()[0].actual,
    }


@pytest.mark.parametrize(("slug", "name", "bad", "message"), BAD_INPUT)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(
    filler_client, demo_report, slug, name, bad, message
):
    before = stored_values(demo_report)
    other_name, other_value = OTHER_CHANGE[slug]
    page = open_section(filler_client, demo_report, slug)

    page.set(**{name: bad, other_name: other_value})
    response = submit(filler_client, page, demo_report, slug)

    assert response.status_code == 400
    shown = Page(response)
    assert shown.cell_errors(name) == [message]
    assert shown.cell_errors(other_name) == []
    assert shown.data[name] == [bad]
    assert shown.data[other_name] == [other_value]
    alert = [node for node in shown.form.iter() if node.attrs.get("role") == "alert"]
    assert " ".join(alert[0].text().split()).startswith("有 1 处需要修改")
    assert stored_values(demo_report) == before


def test_score_as_percent_is_read_as_the_number(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "performance")

    page.set(report__self_score="98%")
    assert submit(filler_client, page, demo_report, "performance").status_code == 302

    demo_report.refresh_from_db()
    assert demo_report.self_score == D("98")


def test_amount_pasted_with_fullwidth_digits_and_thousands_comma_is_read(filler_client,
                                                                        demo_report):
    page = open_section(filler_client, demo_report, "finance")

    page.set(institutions__0__income_public_finance="１,０７３．０３")
    assert submit(filler_client, page, demo_report, "finance").status_code == 302

    office = InstitutionRow.objects.get(report=demo_report, position=0)
    assert office.income_public_finance == D("1073.03")


def test_valid_report_fields_with_an_invalid_row_save_nothing(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "overview")
    first_task = demo_report.taskrows.all()[0].text

    page.set(report__contact_person="李四", tasks__1__text="改写的任务二")
    page.set(tasks__0__text="")  # 任务内容 is required
    page.add_row("tasks", text="新增任务")
    response = submit(filler_client, page, demo_report, "overview")

    assert response.status_code == 400
    shown = Page(response)
    assert shown.cell_errors("tasks-0-text") == ["这个字段是必填项。"]
    demo_report.refresh_from_db()
    assert demo_report.contact_person == "徐远山"
    assert [row.text for row in demo_report.taskrows.all()][:2] == [
        first_task, "开展科学技术普及和青少年科技教育。",
    ]
    assert TaskRow.objects.filter(report=demo_report).count() == 5


# ---- another unit's report, no login


@pytest.fixture
def other_report(other_unit, f1_version):
    return services.create_report(other_unit, 2021, f1_version)


def report_urls(report):
    urls = [section_url(report, section.slug) for section in report.spec.sections]
    return urls + [reverse("report_check", args=[report.pk]),
                   reverse("report_pdf", args=[report.pk])]


def test_another_units_report_is_not_found(filler_client, other_report):
    for url in report_urls(other_report):
        assert filler_client.get(url).status_code == 404, url


def test_another_units_report_cannot_be_written(filler_client, demo_report, other_report):
    page = open_section(filler_client, demo_report, "overview")
    page.set(report__contact_person="李四")

    response = filler_client.post(section_url(other_report, "overview"), page.data)

    assert response.status_code == 404
    other_report.refresh_from_db()
    assert other_report.contact_person == ""


def test_another_units_report_is_not_listed(filler_client, demo_report, other_report):
    response = filler_client.get(reverse("report_list"))

    listed = [report.pk for report in response.context["reports"]]
    assert demo_report.pk in listed
    assert sorted(listed) == sorted(Report.objects.filter(unit=demo_report.unit).values_list("pk", flat=True))
    assert not Report.objects.filter(pk__in=listed, unit=other_report.unit).exists()


def test_anonymous_user_is_sent_to_login(client, demo_report):
    for url in [reverse("report_list"), *report_urls(demo_report)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_post_changes_nothing(client, demo_report):
    response = client.post(section_url(demo_report, "overview"),
                           {"report-contact_person": "李四"})

    assert response.status_code == 302
    demo_report.refresh_from_db()
    assert demo_report.contact_person == "徐远山"


# ---- the report list


@pytest.mark.parametrize("count", [1, 3])
def test_report_list_query_count(filler_client, demo_report, filler, f1_version,
                                 django_assert_num_queries, count):
    for year in range(2023, 2023 + count - 1):
        services.create_report(filler.unit, year, f1_version, filler)

    with django_assert_num_queries(11):
        response = filler_client.get(reverse("report_list"))

    assert response.status_code == 200
    assert [report.year for report in response.context["reports"]] == sorted(
        Report.objects.filter(unit=filler.unit).values_list("year", flat=True), reverse=True
    )


# ---- forged posts


def test_too_many_rows_are_refused_without_writing(filler_client, demo_report):
    page = open_section(filler_client, demo_report, "overview")
    page.set(report__contact_person="李四", tasks__TOTAL_FORMS="1000")
    for index in range(5, 300):
        page.set(**{f"tasks-{index}-text": f"伪造任务{index}", f"tasks-{index}-position": str(index)})

    response = submit(filler_client, page, demo_report, "overview")

    assert response.status_code == 400
    assert TaskRow.objects.filter(report=demo_report).count() == 5
    demo_report.refresh_from_db()
    assert demo_report.contact_person == "徐远山"
    shown = Page(response)
    errors = shown.by_id("id_tasks-table")
    assert [" ".join(n.text().split()) for n in errors.iter() if n.attrs.get("role") == "alert"] \
        == [f"请最多提交 {MAX_ROWS} 个表单。"]


@pytest.mark.parametrize("change", [
    {"name": "被改名", "income_other": "999.00"},
    {"DELETE": "on"},
], ids=["edit", "delete"])
def test_row_id_of_another_report_never_touches_that_row(filler_client, demo_report,
                                                         other_report, change):
    theirs = InstitutionRow.objects.get(report=other_report)
    page = open_section(filler_client, demo_report, "finance")

    page.set(institutions__0__id=str(theirs.pk),
             **{f"institutions-0-{field}": value for field, value in change.items()})
    submit(filler_client, page, demo_report, "finance")

    assert list(InstitutionRow.objects.filter(pk=theirs.pk).values_list(
        "report_id", "name", "income_other", "position"
    )) == [(other_report.pk, "局机关", None, 0)]


def test_row_id_of_another_report_is_refused(filler_client, demo_report, other_report):
    theirs = InstitutionRow.objects.get(report=other_report)
    page = open_section(filler_client, demo_report, "finance")

    page.set(institutions__0__id=str(theirs.pk), institutions__0__name="被改名",
             institutions__0__income_other="999.00")
    response = submit(filler_client, page, demo_report, "finance")

    assert response.status_code == 400
    assert list(InstitutionRow.objects.filter(report=demo_report).values_list(
        "name", "income_other"
    )) == [("局机关", D("5.07"))]


def test_added_row_claiming_a_row_of_another_report_is_refused(filler_client, demo_report,
                                                               other_report):
    theirs = InstitutionRow.objects.get(report=other_report)
    page = open_section(filler_client, demo_report, "finance")

    row = page.add_row("institutions", name="被改名", income_other="999.00")
    page.set(**{f"{row}-id": str(theirs.pk)})
    response = submit(filler_client, page, demo_report, "finance")

    assert response.status_code == 400
    assert list(InstitutionRow.objects.filter(report=demo_report).values_list(
        "name", "income_other"
    )) == [("局机关", D("5.07"))]


def test_row_posted_for_another_report_is_refused(filler_client, demo_report, other_report):
    page = open_section(filler_client, demo_report, "overview")

    row = page.add_row("tasks", text="伪造任务")
    page.set(**{f"{row}-report": str(other_report.pk)})
    response = submit(filler_client, page, demo_report, "overview")

    assert response.status_code == 400
    assert TaskRow.objects.filter(report=other_report).count() == 0
    assert TaskRow.objects.filter(report=demo_report).count() == 5


def test_indicator_groups_are_headed_below_their_parent_label(filler_client, demo_report):
    """产出目标 (h4) holds 质量指标 … : each group's heading is a level deeper, for screen readers."""
    page = open_page(filler_client, section_url(demo_report, "performance"))
    headings = [(int(node.tag[1]), node.text().strip()) for node in page.root.iter()
                if node.tag in ("h3", "h4", "h5", "h6")]
    parents = {"产出目标", "效益目标"}
    assert [text for level, text in headings if text in parents] == ["产出目标", "效益目标"]
    parent_level = None
    for level, text in headings:
        if text in parents:
            parent_level = level
        elif text.endswith("指标") or text.endswith("效益") or text.endswith("满意度"):
            assert parent_level is not None and level == parent_level + 1, (text, level)
