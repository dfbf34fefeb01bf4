"""The reviewer's desk: the bureau's reports of a year in one table, filtered, sorted and paged,
its approved PDFs as one streamed .zip and the table as .xlsx.

The demo has 岳阳县财政局 (reviewer zhangsan, admin zhaoliu) with one unit, 505001, whose 2022
report is submitted, and 岳阳市云溪区财政局 (reviewer wangwu). `desk_year` adds three units of
岳阳县 with 2022 reports in every state and one of 云溪区, so that a desk showing or zipping
anything of the other bureau is caught.
"""

import io
import zipfile
from datetime import datetime
from datetime import timezone
from decimal import Decimal as D
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import ApprovedPdf, Bureau, FormVersion, Report, Unit, User

F1 = "f1-yueyang-2021"  # settings {}: the family's long wording, 优秀 / 良好 …
F1_2017 = "f1-hunan-2017"  # short wording, 优 / 良 …
F2 = "f2-hunan-2024"  # short wording


@pytest.fixture(autouse=True)
def quiet(settings, tmp_path):
    """Approval queues the PDF task: kept, not run; stored files go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def at(day, hour, minute=0):
    """A whole-second moment (Excel keeps no microseconds), 08:00 UTC = 16:00 in 岳阳."""
    return datetime(2023, 3, day, hour, minute, tzinfo=timezone.utc)


def version(code):
    return FormVersion.objects.get(code=code)


def add_report(unit, code, status, score=None, findings=0, year=2022, updated=None,
               submitted=None):
    report = Report.objects.create(
        unit=unit, year=year, form_version=version(code), status=status, total_score=score,
        finding_count=findings, submitted_at=submitted,
    )
    # auto_now would stamp the test's own clock; an update() sets a known moment.
    Report.objects.filter(pk=report.pk).update(updated_at=updated or at(1, 8))
    return report


def ready_pdf(report, content, code):
    approved = ApprovedPdf(report=report, code=code, state=ApprovedPdf.State.READY,
                           size=len(content), rendered_at=at(20, 2))
    approved.file.save(f"{code}.pdf", ContentFile(content), save=False)
    approved.save()
    return approved


@pytest.fixture
def desk_year(demo):
    """2022 in 岳阳县: six reports of four units, every state; plus other years and bureaus."""
    bureau = Bureau.objects.get(name="岳阳县财政局")
    yunxi_bureau = Bureau.objects.get(name="岳阳市云溪区财政局")
    zhuanye = Unit.objects.create(bureau=bureau, name="岳阳县农村专业技术协会", budget_code="505002")
    qingshao = Unit.objects.create(bureau=bureau, name="岳阳县青少年科技教育协会",
                                   budget_code="505003")
    laoke = Unit.objects.create(bureau=bureau, name="岳阳县老科技工作者协会", budget_code="505004")
    yunxi = Unit.objects.get(budget_code="317001")

    kexie = Report.objects.get(unit__budget_code="505001", year=2022)  # submitted by the demo
    Report.objects.filter(pk=kexie.pk).update(
        total_score=D("97.00"), finding_count=2, updated_at=at(5, 1, 30), submitted_at=at(5, 1, 30)
    )
    zhuanye_f2 = add_report(zhuanye, F2, Report.Status.APPROVED, D("88.50"), 0,
                            updated=at(10, 6), submitted=at(8, 2))
    qingshao_f1 = add_report(qingshao, F1_2017, Report.Status.APPROVED, D("92.00"), 0,
                             updated=at(11, 7), submitted=at(9, 3))
    add_report(qingshao, F2, Report.Status.RETURNED, D("75.25"), 1, updated=at(12, 4),
               submitted=at(7, 5))
    laoke_f1 = add_report(laoke, F1, Report.Status.APPROVED, None, 0, updated=at(13, 9),
                          submitted=at(6, 9))
    add_report(laoke, F2, Report.Status.DRAFT, None, 3, updated=at(14, 10))

    pdfs = {
        "zhuanye": ready_pdf(zhuanye_f2, b"%PDF-1.7 zhuanye 2022", "ZHUANYE2022"),
        "qingshao": ready_pdf(qingshao_f1, b"%PDF-1.7 qingshao 2022", "QINGSHAO2022"),
    }
    # Approved, but its PDF is still being rendered: not in the zip.
    ApprovedPdf.objects.create(report=laoke_f1, code="LAOKEPENDING")
    # Approved with a stored PDF, but another year, and another bureau.
    ready_pdf(add_report(zhuanye, F2, Report.Status.APPROVED, D("80"), year=2021),
              b"%PDF-1.7 zhuanye 2021", "ZHUANYE2021")
    pdfs["yunxi"] = ready_pdf(
        add_report(yunxi, F1, Report.Status.APPROVED, D("91"), submitted=at(4, 1)),
        b"%PDF-1.7 yunxi 2022", "YUNXI2022",
    )
    return {"bureau": bureau, "yunxi_bureau": yunxi_bureau, "pdfs": pdfs}


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def keys(response):
    """The table's rows as (预算编码, form code), in the order shown."""
    return [(row.report.unit.budget_code, row.report.form_version.code)
            for row in response.context["rows"]]


BUREAU_2022 = [
    ("505001", F1), ("505002", F2), ("505003", F1_2017), ("505003", F2), ("505004", F1),
    ("505004", F2),
]


# ---- who sees what


@pytest.mark.parametrize("username", ["zhangsan", "zhaoliu"])
def test_reviewer_and_admin_see_exactly_the_bureaus_reports_of_the_latest_year(
    client, desk_year, username
):
    response = login(client, username).get(reverse("desk"))

    assert response.status_code == 200
    assert response.context["desk"].year == 2022
    assert keys(response) == BUREAU_2022
    html = response.content.decode()
    for report in Report.objects.filter(unit__bureau=desk_year["bureau"], year=2022):
        assert f'href="{reverse("report_detail", args=[report.pk])}"' in html
    assert "云溪" not in html
    assert "317001" not in html


def test_the_default_year_is_the_latest_of_the_bureau_not_of_other_bureaus(client, demo):
    # 云溪区 has a 2024 report; 岳阳县's latest is 2022.
    response = login(client, "zhangsan").get(reverse("desk"))

    assert response.context["desk"].year == 2022
    assert keys(response) == [("505001", F1)]
    assert [year for year in response.context["desk"].years] == [2022, 2021, 2020, 2019]


@pytest.mark.parametrize("username", ["xuyuanshan", "huguangxia"])
@pytest.mark.parametrize("name", ["desk", "desk_zip", "desk_xlsx"])
def test_unit_staff_get_404(client, desk_year, username, name):
    response = login(client, username).get(reverse(name))

    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(client, demo):
    response = client.get(reverse("desk"))

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/desk/"


def test_nav_link_only_for_reviewers_admins_and_superusers(client, demo):
    link = f'href="{reverse("desk")}">审核台</a>'
    for username, shown in [("zhangsan", True), ("zhaoliu", True), ("admin", True),
                            ("xuyuanshan", False), ("huguangxia", False)]:
        html = login(client, username).get(reverse("report_list")).content.decode()
        assert (link in html) is shown, username


def test_other_bureaus_reviewer_never_sees_or_downloads_this_bureaus_reports(client, desk_year):
    client = login(client, "wangwu")
    bureau_id = desk_year["bureau"].pk

    # A bureau parameter is a superuser's filter; a reviewer's is ignored.
    page = client.get(reverse("desk"), {"year": 2022, "bureau": bureau_id})
    zipped = client.get(reverse("desk_zip"), {"year": 2022, "bureau": bureau_id})
    sheet = client.get(reverse("desk_xlsx"), {"year": 2022, "bureau": bureau_id})
    detail = client.get(reverse("report_detail", args=[
        Report.objects.get(unit__budget_code="505002", year=2022).pk
    ]))

    assert keys(page) == [("317001", F1)]
    assert "505002" not in page.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    assert archive.namelist() == [f"317001-岳阳市云溪区科学技术协会-2022-{F1}.pdf"]
    assert [row[0] for row in xlsx_rows(sheet)[1:]] == ["317001"]
    assert detail.status_code == 404


def test_superuser_sees_every_bureau_and_filters_by_bureau(client, desk_year):
    client = login(client, "admin")

    everything = client.get(reverse("desk"), {"year": 2022})
    yueyang = client.get(reverse("desk"), {"year": 2022, "bureau": desk_year["bureau"].pk})

    assert keys(everything) == [("317001", F1), *BUREAU_2022]
    assert keys(yueyang) == BUREAU_2022
    # The heading says whose reports these are.
    assert "全部财政局 · 2022 年度" in everything.content.decode()
    assert f"{desk_year['bureau'].name} · 2022 年度" in yueyang.content.decode()
    reviewer = login(client, "zhangsan").get(reverse("desk"), {"year": 2022})
    assert "岳阳县财政局 · 2022 年度" in reviewer.content.decode()


# ---- the table: filters, sorting, counts, scores, paging


@pytest.mark.parametrize("params, expected", [
    ({"status": "approved"}, [("505002", F2), ("505003", F1_2017), ("505004", F1)]),
    ({"status": "returned"}, [("505003", F2)]),
    ({"form": F2}, [("505002", F2), ("505003", F2), ("505004", F2)]),
    ({"form": F1, "status": "approved"}, [("505004", F1)]),
    ({"q": "青少年"}, [("505003", F1_2017), ("505003", F2)]),
    ({"q": "505004"}, [("505004", F1), ("505004", F2)]),
    ({"q": "5050"}, BUREAU_2022),
    ({"q": "云溪"}, []),
    ({"year": 2021}, [("505001", F1), ("505002", F2)]),
    # Unknown values are ignored, not applied: the whole year.
    ({"status": "deleted", "form": "nope", "sort": "password"}, BUREAU_2022),
])
def test_filters_give_exact_rows(client, desk_year, params, expected):
    response = login(client, "zhangsan").get(reverse("desk"), params)

    assert keys(response) == expected


@pytest.mark.parametrize("sort, expected", [
    # Reports without a 总分 come last either way, by 预算编码.
    ("-score", [("505001", F1), ("505003", F1_2017), ("505002", F2), ("505003", F2),
                ("505004", F1), ("505004", F2)]),
    ("score", [("505003", F2), ("505002", F2), ("505003", F1_2017), ("505001", F1),
               ("505004", F1), ("505004", F2)]),
    ("unit", BUREAU_2022),
    ("-unit", [("505004", F1), ("505004", F2), ("505003", F1_2017), ("505003", F2),
               ("505002", F2), ("505001", F1)]),
    ("-findings", [("505004", F2), ("505001", F1), ("505003", F2), ("505002", F2),
                   ("505003", F1_2017), ("505004", F1)]),
    ("status", [("505004", F2), ("505003", F2), ("505001", F1), ("505002", F2),
                ("505003", F1_2017), ("505004", F1)]),
    ("-updated", [("505004", F2), ("505004", F1), ("505003", F2), ("505003", F1_2017),
                  ("505002", F2), ("505001", F1)]),
    ("submitted", [("505001", F1), ("505004", F1), ("505003", F2), ("505002", F2),
                   ("505003", F1_2017), ("505004", F2)]),
])
def test_sorting_gives_exact_rows(client, desk_year, sort, expected):
    response = login(client, "zhangsan").get(reverse("desk"), {"sort": sort})

    assert keys(response) == expected


def test_score_and_grade_in_the_versions_wording(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk"))

    shown = [(row.report.unit.budget_code, row.score_text, row.grade)
             for row in response.context["rows"]]
    assert shown == [
        ("505001", "97", "优秀"),  # F1 2021 version: the family's default, long
        ("505002", "88.5", "良"),  # F2: short
        ("505003", "92", "优"),  # F1 2017 version: short
        ("505003", "75.25", "中"),
        ("505004", "", None),
        ("505004", "", None),
    ]
    html = response.content.decode()
    assert '<td class="num">88.5</td>\n      <td>良</td>' in html


def test_status_counts_are_for_the_whole_year(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk"), {"status": "draft", "q": "505004"})

    assert response.context["total"] == 6
    assert response.context["counts"] == [
        ("draft", "草稿", 1), ("submitted", "已提交", 1), ("returned", "已退回", 1),
        ("approved", "已通过", 3),
    ]


def test_sort_links_keep_the_filter_and_drop_the_page(client, desk_year):
    response = login(client, "zhangsan").get(
        reverse("desk"), {"status": "approved", "sort": "-score", "page": "1"}
    )
    html = response.content.decode()

    # The current column flips direction; the others start largest first.
    assert '<th scope="col" aria-sort="descending" class="text-end"><a class="link-body-emphasis' \
           ' text-decoration-none text-nowrap" href="?status=approved&amp;sort=score">总分' in html
    assert 'href="?status=approved&amp;sort=unit">单位（预算编码）</a>' in html
    assert 'href="?status=approved&amp;sort=-updated">最后修改</a>' in html


@pytest.fixture
def sixty_more(desk_year):
    """60 more units of 岳阳县 with a 2022 draft each: 66 reports, two pages of 50."""
    bureau = desk_year["bureau"]
    units = Unit.objects.bulk_create(
        Unit(bureau=bureau, name=f"岳阳县第{n:02d}学会", budget_code=f"5061{n:02d}")
        for n in range(60)
    )
    Report.objects.bulk_create(
        Report(unit=unit, year=2022, form_version=version(F1), status=Report.Status.DRAFT,
               total_score=D(60 + index % 40), finding_count=index % 3)
        for index, unit in enumerate(units)
    )


def test_page_two_holds_the_rest(client, sixty_more):
    client = login(client, "zhangsan")

    first = client.get(reverse("desk"), {"sort": "-unit"})
    second = client.get(reverse("desk"), {"sort": "-unit", "page": 2})

    codes = [f"5061{n:02d}" for n in reversed(range(60))] + [code for code, _ in reversed(
        sorted(BUREAU_2022, key=lambda key: key[0]))]
    # Descending by 预算编码, the forms of one unit stay in form-code order.
    codes_shown = [code for code, _ in keys(first) + keys(second)]
    assert len(keys(first)) == 50
    assert len(keys(second)) == 16
    assert codes_shown == codes
    assert 'href="?sort=-unit&amp;page=2">下一页</a>' in first.content.decode()
    assert 'href="?sort=-unit&amp;page=1">上一页</a>' in second.content.decode()
    assert "共 66 份，第 2/2 页" in second.content.decode()


def test_export_holds_every_page(client, sixty_more):
    response = login(client, "zhangsan").get(reverse("desk_xlsx"))

    assert len(xlsx_rows(response)) == 1 + 66


def make_bureau_with_reports(count):
    bureau = Bureau.objects.create(name="平江县财政局", region="平江县")
    reviewer = User.objects.create(username="pingjiang", role=User.Role.REVIEWER, bureau=bureau)
    units = Unit.objects.bulk_create(
        Unit(bureau=bureau, name=f"平江县第{n}学会", budget_code=f"6010{n:02d}")
        for n in range(count)
    )
    versions = [version(F1), version(F1_2017), version(F2)]
    statuses = [Report.Status.APPROVED, Report.Status.SUBMITTED, Report.Status.DRAFT]
    Report.objects.bulk_create(
        Report(unit=unit, year=2022, form_version=versions[n % 3], status=statuses[n % 3],
               total_score=D(70 + n), finding_count=n)
        for n, unit in enumerate(units)
    )
    return reviewer


# The request's savepoint and its release (ATOMIC_REQUESTS), session, user, the user's bureau
# (page header), years, form versions, status counts, paginator count, rows with unit and form.
DESK_QUERIES = 10


@pytest.mark.parametrize("count", [1, 3])
def test_desk_query_count_does_not_grow_with_rows(client, demo, django_assert_num_queries, count):
    client.force_login(make_bureau_with_reports(count))

    with django_assert_num_queries(DESK_QUERIES):
        response = client.get(reverse("desk"), {"sort": "-score"})

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_superuser_desk_query_count_does_not_grow_with_rows(
    client, demo, django_assert_num_queries, count
):
    make_bureau_with_reports(count)
    client.force_login(User.objects.get(username="admin"))
    bureau = Bureau.objects.get(name="平江县财政局")

    # The bureaus for the filter instead of the reviewer's own bureau for the header.
    with django_assert_num_queries(DESK_QUERIES):
        response = client.get(reverse("desk"), {"bureau": bureau.pk})

    assert len(response.context["rows"]) == count


# ---- the approved PDFs as one .zip


def unzip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_zip_holds_exactly_the_stored_pdfs_of_the_filter(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk_zip"), {"year": 2022})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("岳阳县财政局-2022-审定PDF.zip")
    )
    archive = unzip(response)
    assert archive.testzip() is None
    assert [(info.filename, archive.read(info)) for info in archive.infolist()] == [
        (f"505002-岳阳县农村专业技术协会-2022-{F2}.pdf", b"%PDF-1.7 zhuanye 2022"),
        (f"505003-岳阳县青少年科技教育协会-2022-{F1_2017}.pdf", b"%PDF-1.7 qingshao 2022"),
    ]
    for info in archive.infolist():
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.flag_bits & 0x800  # names in UTF-8
        assert info.date_time == (2023, 3, 20, 10, 0, 0)  # rendered_at, 岳阳 time


def test_zip_follows_the_filter(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk_zip"), {"year": 2022, "form": F2,
                                                                   "q": "农村"})

    assert unzip(response).namelist() == [f"505002-岳阳县农村专业技术协会-2022-{F2}.pdf"]
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote(f"岳阳县财政局-2022-{F2}-审定PDF.zip")
    )


def test_zip_of_a_filter_without_stored_pdfs_says_so_on_the_desk(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk_zip"), {"year": 2022, "status": "draft"},
                                            follow=True)

    assert response.redirect_chain == [("/desk/?year=2022&status=draft", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "所选范围内没有已生成审定 PDF 的报告，没有可下载的文件。"
    ]


def test_zip_lists_a_file_missing_from_storage(client, desk_year):
    desk_year["pdfs"]["zhuanye"].file.delete(save=False)

    archive = unzip(login(client, "zhangsan").get(reverse("desk_zip"), {"year": 2022}))

    assert archive.namelist() == [f"505003-岳阳县青少年科技教育协会-2022-{F1_2017}.pdf",
                                  "缺少的文件.txt"]
    assert archive.read("缺少的文件.txt").decode() == (
        f"存储中找不到以下审定 PDF：\n505002-岳阳县农村专业技术协会-2022-{F2}.pdf"
    )


# ---- the table as .xlsx


def xlsx_rows(response):
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


HEADERS = ("预算编码", "单位名称", "年度", "表单代码", "表单名称", "状态", "最后修改", "提交时间",
           "总分", "审核总分", "评价等次", "检查问题数")
F1_NAME = "部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）"
F1_2017_NAME = "部门（单位）整体支出绩效评价自评报告（2017 年版）"
F2_NAME = "部门整体支出绩效自评表及自评报告（湖南，2024 年版）"


def local(day, hour, minute=0):
    """at(day, hour) as the naive 岳阳 wall time the sheet holds."""
    return datetime(2023, 3, day, hour + 8, minute)


def test_xlsx_rows_equal_the_filtered_table(client, desk_year):
    response = login(client, "zhangsan").get(reverse("desk_xlsx"), {"status": "approved",
                                                                    "sort": "-score"})

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("岳阳县财政局-2022-已通过.xlsx")
    )
    assert xlsx_rows(response) == [
        HEADERS,
        ("505003", "岳阳县青少年科技教育协会", 2022, F1_2017, F1_2017_NAME, "已通过",
         local(11, 7), local(9, 3), 92, None, "优", 0),
        ("505002", "岳阳县农村专业技术协会", 2022, F2, F2_NAME, "已通过",
         local(10, 6), local(8, 2), 88.5, None, "良", 0),
        ("505004", "岳阳县老科技工作者协会", 2022, F1, F1_NAME, "已通过",
         local(13, 9), local(6, 9), None, None, None, 0),
    ]


def test_xlsx_of_the_whole_year(client, desk_year):
    rows = xlsx_rows(login(client, "zhaoliu").get(reverse("desk_xlsx")))

    assert [row[:3] + row[5:9] + row[10:] for row in rows[1:]] == [
        ("505001", "岳阳县科学技术协会", 2022, "已提交", local(5, 1, 30), local(5, 1, 30), 97,
         "优秀", 2),
        ("505002", "岳阳县农村专业技术协会", 2022, "已通过", local(10, 6), local(8, 2), 88.5,
         "良", 0),
        ("505003", "岳阳县青少年科技教育协会", 2022, "已通过", local(11, 7), local(9, 3), 92,
         "优", 0),
        ("505003", "岳阳县青少年科技教育协会", 2022, "已退回", local(12, 4), local(7, 5), 75.25,
         "中", 1),
        ("505004", "岳阳县老科技工作者协会", 2022, "已通过", local(13, 9), local(6, 9), None,
         None, 0),
        ("505004", "岳阳县老科技工作者协会", 2022, "草稿", local(14, 10), None, None, None, 3),
    ]
