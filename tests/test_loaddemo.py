"""`manage.py loaddemo`: the demo organisation and report, safe to run again and again."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command

from reports.demo import DEMO_PASSWORD, YUEYANG_2021_NARRATIVE
from reports.models import (
    BudgetExecution,
    Bureau,
    EvaluatorRow,
    FormVersion,
    GoalRow,
    IndicatorRow,
    InstitutionRow,
    Report,
    TaskRow,
    Unit,
    User,
)
from tests.pages import logs_in

MODELS = (Bureau, Unit, User, FormVersion, Report, InstitutionRow, TaskRow, GoalRow,
          IndicatorRow, EvaluatorRow, BudgetExecution)


def loaddemo(*args):
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def demo_report():
    return Report.objects.get(unit__budget_code="505001", year=2021,
                              form_version__code="f1-yueyang-2021")


def test_loaddemo_creates_the_demo_organisation_and_report(empty_db):
    loaddemo()

    assert {name: count for name, count in counts().items()
            if name in ("Bureau", "Unit", "User", "FormVersion", "Report")} == {
        "Bureau": 3, "Unit": 3, "User": 11, "FormVersion": 7, "Report": 7,
    }
    report = demo_report()
    assert (report.institutionrows.count(), report.taskrows.count(), report.goalrows.count(),
            report.indicatorrows.count(), report.evaluatorrows.count()) == (1, 5, 3, 4, 3)
    figures = report.spec.figures(report)["summary"]["values"]
    assert {key: figures[key] for key in (
        "income_total", "expense_total", "expense_basic", "balance_current", "three_total",
        "assets_total",
    )} == {
        "income_total": D("95.76"), "expense_total": D("90.69"), "expense_basic": D("61.33"),
        "balance_current": D("5.07"), "three_total": D("0.12"), "assets_total": D("4.33"),
    }
    assert report.self_score == D("97")
    assert report.narrative == YUEYANG_2021_NARRATIVE


def test_loaddemo_twice_leaves_one_of_everything(empty_db):
    loaddemo()
    first = counts()
    report_pk = demo_report().pk

    loaddemo()

    assert counts() == first
    assert (Bureau.objects.count(), Unit.objects.count(), Report.objects.count()) == (3, 3, 7)
    assert demo_report().pk == report_pk


def test_loaddemo_prints_the_demo_logins(empty_db):
    output = loaddemo()

    assert output.splitlines() == [
        f"演示数据已就绪。演示账号（密码均为 {DEMO_PASSWORD}）：",
        "  xuyuanshan   填报人      岳阳县科学技术协会",
        "  sunqi        填报人      岳阳县科学技术协会",
        "  huguangxia   单位负责人    岳阳县科学技术协会",
        "  zhangsan     财政局审核人   岳阳县财政局",
        "  zhaoliu      财政局管理员   岳阳县财政局",
        "  lisi         填报人      岳阳市云溪区科学技术协会",
        "  wangwu       财政局审核人   岳阳市云溪区财政局",
        "  zhouba       财政局管理员   岳阳市云溪区财政局",
        "  zhengshi     填报人      泸县科学技术协会",
        "  wujiu        财政局审核人   泸县财政局",
        "  admin        系统管理员    全部",
    ]


@pytest.mark.parametrize(("username", "role", "superuser"), [
    ("xuyuanshan", User.Role.FILLER, False),
    ("zhangsan", User.Role.REVIEWER, False),
    ("lisi", User.Role.FILLER, False),
    ("wangwu", User.Role.REVIEWER, False),
    ("admin", User.Role.BUREAU_ADMIN, True),
])
def test_printed_logins_work_with_the_printed_password(empty_db, client, username, role,
                                                       superuser):
    loaddemo()

    user = User.objects.get(username=username)
    assert (user.role, user.is_superuser) == (role, superuser)
    assert logs_in(client, username, DEMO_PASSWORD)


def test_users_change_to_the_demo_report_survives_loaddemo(empty_db):
    loaddemo()
    report = demo_report()
    report.contact_person = "李四"
    report.save()
    office = report.institutionrows.get()
    office.income_other = D("6.00")
    office.save()
    TaskRow.objects.filter(report=report, position=4).delete()
    filler = User.objects.get(username="xuyuanshan")
    filler.set_password("changed-by-user")
    filler.save()

    loaddemo()

    report = demo_report()
    assert report.contact_person == "李四"
    assert report.institutionrows.get().income_other == D("6.00")
    assert report.taskrows.count() == 4
    assert User.objects.get(username="xuyuanshan").check_password("changed-by-user")


def test_loaddemo_reset_restores_the_reference_figures(empty_db):
    loaddemo()
    report = demo_report()
    report.contact_person = "李四"
    report.self_score = D("60")
    report.narrative = {}
    report.save()
    office = report.institutionrows.get()
    office.income_other = D("6.00")
    office.save()
    InstitutionRow.objects.create(report=report, name="科技馆", position=1,
                                  income_other=D("1.00"))
    TaskRow.objects.filter(report=report).delete()
    first = counts()

    loaddemo("--reset")

    report = demo_report()
    assert report.contact_person == "徐远山"
    assert report.self_score == D("97")
    assert report.narrative == YUEYANG_2021_NARRATIVE  # the 2021 report: years unchanged
    assert list(report.institutionrows.values_list("name", "income_other")) == [
        ("局机关", D("5.07")),
    ]
    summary = report.spec.figures(report)["summary"]["values"]
    assert (summary["income_total"], summary["expense_total"], summary["balance_current"]) == (
        D("95.76"), D("90.69"), D("5.07"),
    )
    assert report.institutionrows.count() == 1 and report.taskrows.count() == 5
    assert counts() == {**first, "InstitutionRow": first["InstitutionRow"] - 1,
                        "TaskRow": first["TaskRow"] + 5}


def test_loaddemo_reset_leaves_the_units_other_reports_alone(empty_db):
    loaddemo()
    report = demo_report()
    other = Report.objects.create(unit=report.unit, year=2023, form_version=report.form_version,
                                  contact_person="王五")

    loaddemo("--reset")

    other.refresh_from_db()
    assert other.contact_person == "王五"
    assert set(Report.objects.filter(unit=report.unit).values_list("year", flat=True)) == {
        2019, 2020, 2021, 2022, 2023,
    }


def test_loaddemo_creates_the_yunxi_2024_scored_report(empty_db):
    loaddemo()

    report = Report.objects.get(unit__name="岳阳市云溪区科学技术协会", year=2024)
    table = report.spec.scored_table(report)
    assert (report.budget.budget_initial, report.budget.budget_full_year,
            report.budget.executed) == (D("83.88"), D("78.30"), D("78.30"))
    assert (table["execution_rate"], table["total"], table["grade"]) == (D("100.00"), D("97.69"), "优")
    assert report.total_score == D("97.69")
    assert list(report.indicatorrows.order_by("position").values_list("score", flat=True)) == [
        D("10"), D("5"), D("5"), D("10"), D("9"), D("9"), D("10"), D("10"), D("10"), D("10"),
    ]


def test_loaddemo_has_reports_in_every_state_with_their_history(empty_db):
    loaddemo()

    states = dict(Report.objects.filter(unit__budget_code="505001").values_list("year", "status"))
    assert states == {2019: "returned", 2020: "approved", 2021: "draft", 2022: "submitted"}
    returned = Report.objects.get(unit__budget_code="505001", year=2019)
    assert [(e.action, e.actor.username) for e in returned.events.all()] == [
        ("submit", "xuyuanshan"), ("return", "zhangsan"),
    ]
    assert returned.events.last().comment == "请补充专项支出的具体用途后重新提交。"
