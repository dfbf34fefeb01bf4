"""Demo organisation, users and reports.

The figures are those of a real filed report (岳阳县科学技术协会, 2021); every sentence of
narrative is written for the demo. `load_demo` is idempotent: it creates what is missing and
leaves alone what a user has since changed, unless asked to reset the demo reports.
"""

from datetime import date
from decimal import Decimal as D

from django.db import transaction

from reports import services
from reports.models import (
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

DEMO_PASSWORD = "kxeval2021"

FORM_VERSIONS = (
    {
        "code": "f1-yueyang-2021",
        "family": FormVersion.Family.F1,
        "name": "部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）",
        "settings": {},
    },
    {
        "code": "f1-hunan-2017",
        "family": FormVersion.Family.F1,
        "name": "部门（单位）整体支出绩效评价自评报告（2017 年版）",
        "settings": {
            "grade_wording": "short",
            "heading_style": "department",
            "summary_label": "机关及二级机构汇总",
            "head_signature": "签章",
            "finance_opinion": True,
        },
    },
)

# 岳阳县科学技术协会 2021: 局机关 is the only institution with figures.
YUEYANG_2021_OFFICE = {
    "income_carryover": D("17.66"),
    "income_public_finance": D("73.03"),
    "income_other": D("5.07"),
    "expense_personnel": D("44.63"),
    "expense_public": D("16.70"),
    "expense_project": D("29.36"),
    "three_reception": D("0.12"),
    "three_car_operation": D("0"),
    "three_car_purchase": D("0"),
    "three_overseas": D("0"),
    "assets_in_use": D("4.33"),
}

YUEYANG_2021_INDICATORS = (
    ("quantity", "组织科普志愿者科技下乡，组织科普志愿者进社区，开展活动次数", "3", "3"),
    ("social", "通过科学技术普及，构建全民学科学、爱科学、用科学的良好氛围。开展科普活动次数",
     "3", "3"),
    ("economic", "通过技术培训，引进先进技术和工艺，推动农民依靠科技致富。完成培训次数", "2", "2"),
    ("satisfaction", "社会公众或服务对象满意度达到预期目标", "98%", "97%"),
)

YUEYANG_2021_NARRATIVE = {
    "overview_basic": "县科协是全县科技工作者的群众组织，承担学术交流、科学普及、人才举荐和"
                      "决策咨询等工作。2021 年末在职人员 3 人。",
    "overview_scale": "2021 年整体支出规模为 90.69 万元，其中人员经费 44.63 万元，日常公用经费"
                      " 16.70 万元，项目支出 29.36 万元，项目资金用于全县科普业务活动和科协代表大会。",
    "spending_basic": "2021 年基本支出 61.33 万元，其中人员经费 44.63 万元，用于工资福利和社会保障"
                      "缴费；日常公用经费 16.70 万元，用于办公、会议、培训和差旅等日常运转。",
    "spending_project": "2021 年项目支出 29.36 万元，用于科普日、青少年科技创新大赛等科普活动和"
                        "科协代表大会。",
    "project_organisation": "全年承办市级青少年科技创新大赛，组织科技工作者日、全国科普日和科技"
                            "下乡等活动，活动均按计划完成。",
    "project_management": "项目资金实行专款专用，支出经集体研究后按财务制度报销，重大活动事前"
                          "编制方案和预算。",
    "performance": "全年预算执行到位，三公经费控制在预算以内，科普活动和培训次数均达到年度"
                   "目标，社会公众满意度较高。",
    "problems": "部分项目资金指标年中才下达，资金用途与指标性质不完全对应；财务人员对绩效"
                "管理的理解还需加强。",
    "suggestions": "提前与财政部门沟通资金下达时间，严格按指标用途支付；组织财务人员参加绩效"
                   "管理培训。",
}


@transaction.atomic
def load_demo(reset=False):
    """Create the demo data; with `reset`, refill the demo reports with the reference figures.

    Returns the list of (username, role label, unit or bureau) to print as demo logins.
    """
    versions = {}
    for spec in FORM_VERSIONS:
        version, _ = FormVersion.objects.update_or_create(
            code=spec["code"],
            defaults={key: value for key, value in spec.items() if key != "code"},
        )
        versions[spec["code"]] = version

    bureau, _ = Bureau.objects.get_or_create(name="岳阳县财政局", defaults={"region": "岳阳县"})
    unit, _ = Unit.objects.get_or_create(
        budget_code="505001", defaults={"name": "岳阳县科学技术协会", "bureau": bureau}
    )

    filler = _user("xuyuanshan", "徐远山", User.Role.FILLER, unit=unit, phone="13800000000")
    _user("zhangsan", "张三", User.Role.REVIEWER, bureau=bureau)
    admin = _user("admin", "系统管理员", User.Role.BUREAU_ADMIN, bureau=bureau)
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save()

    report = Report.objects.filter(unit=unit, year=2021, form_version=versions["f1-yueyang-2021"]).first()
    if report is None or reset:
        if report is not None:
            report.delete()
        report = services.create_report(unit, 2021, versions["f1-yueyang-2021"], filler)
        fill_yueyang_2021(report)

    return [
        ("xuyuanshan", "填报人", unit.name),
        ("zhangsan", "财政局审核人", bureau.name),
        ("admin", "系统管理员", bureau.name),
    ]


def _user(username, full_name, role, **links):
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": full_name, "role": role, **links}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def fill_yueyang_2021(report):
    """The figures of 岳阳县科学技术协会's 2021 report, with demo wording of our own."""
    Report.objects.filter(pk=report.pk).update(
        report_date=date(2022, 6, 20),
        contact_person="徐远山",
        contact_phone="13800000000",
        staff_quota=3,
        staff_actual=3,
        duties="组织学术交流和决策咨询，开展群众性科普活动，实施全民科学素质行动，举荐和表彰"
               "优秀科技工作者，维护科技工作者的合法权益。",
        operation_summary="全年围绕科普下乡、科普进社区、全国科普日和青少年科技创新大赛等重点"
                          "工作开展活动，配合县委、县政府完成帮扶企业和乡村振兴等中心工作。",
        self_score=D("97"),
        filler_name="徐远山",
        filler_phone="13800000000",
        narrative=YUEYANG_2021_NARRATIVE,
    )
    InstitutionRow.objects.filter(report=report, position=0).update(**YUEYANG_2021_OFFICE)
    TaskRow.objects.bulk_create(
        TaskRow(report=report, position=i, text=text)
        for i, text in enumerate((
            "组织学会活动和学术交流。",
            "开展科学技术普及和青少年科技教育。",
            "开展决策咨询和科技咨询服务。",
            "举荐、表彰优秀科技人才。",
            "反映科技工作者意见，维护其合法权益。",
        ))
    )
    GoalRow.objects.bulk_create(
        GoalRow(report=report, position=i, target=target, actual=actual)
        for i, (target, actual) in enumerate((
            ("预算资金到位率达到 95% 以上，三公经费不超过上年。",
             "预算资金全部到位，到位率 100%，三公经费未超过上年。"),
            ("科普活动的社会效益和群众满意度达到年度目标。",
             "各项科普活动按计划完成，满意度达到年度目标。"),
            ("全市科协系统工作考核进入前三名。", "全市科协系统工作考核排名第二。"),
        ))
    )
    IndicatorRow.objects.bulk_create(
        IndicatorRow(report=report, position=i, group=group, name=name, target=target, actual=actual)
        for i, (group, name, target, actual) in enumerate(YUEYANG_2021_INDICATORS)
    )
    EvaluatorRow.objects.bulk_create(
        EvaluatorRow(report=report, position=i, name=name, title=title, organisation="科协")
        for i, (name, title) in enumerate((("胡光霞", "主席"), ("王会", "党组成员"),
                                           ("徐远山", "财务科长")))
    )
    report.refresh_from_db()
    return report
