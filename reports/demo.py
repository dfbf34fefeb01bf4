"""Demo organisation, users and reports.

The figures are those of a real filed report (岳阳县科学技术协会, 2021); every sentence of
narrative is written for the demo. `load_demo` is idempotent: it creates what is missing and
leaves alone what a user has since changed, unless asked to reset the demo reports.
"""

from datetime import date
from decimal import Decimal as D

from django.db import transaction

from reports import services, versionfiles
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

DEMO_PASSWORD = "kxeval2021"

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
    # The shipped versions, as `manage.py syncforms` makes them.
    versionfiles.sync()
    versions = {version.code: version for version in FormVersion.objects.all()}

    bureau, _ = Bureau.objects.get_or_create(name="岳阳县财政局", defaults={"region": "岳阳县"})
    unit, _ = Unit.objects.get_or_create(
        budget_code="505001", defaults={"name": "岳阳县科学技术协会", "bureau": bureau}
    )
    filler = _user("xuyuanshan", "徐远山", User.Role.FILLER, unit=unit, phone="13800000000")
    _user("sunqi", "孙七", User.Role.FILLER, unit=unit, phone="13800000002")
    _user("huguangxia", "胡光霞", User.Role.UNIT_HEAD, unit=unit)
    reviewer = _user("zhangsan", "张三", User.Role.REVIEWER, bureau=bureau)
    _user("zhaoliu", "赵六", User.Role.BUREAU_ADMIN, bureau=bureau)
    admin = _user("admin", "系统管理员", User.Role.BUREAU_ADMIN)
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save()

    f1 = versions["f1-yueyang-2021"]
    _demo_report(unit, 2021, f1, filler, fill_yueyang_2021, reset)
    # Earlier years in each state of the workflow, for the reviewer's desk and the history.
    _demo_report(unit, 2020, f1, filler, fill_yueyang_2021, reset,
                 steps=(("submit", filler, ""), ("approve", reviewer, "数据完整，同意。")))
    _demo_report(unit, 2019, f1, filler, fill_yueyang_2021, reset,
                 steps=(("submit", filler, ""),
                        ("return", reviewer, "请补充专项支出的具体用途后重新提交。")))
    _demo_report(unit, 2022, f1, filler, fill_yueyang_2021, reset,
                 steps=(("submit", filler, "请审核。"),))

    yunxi_bureau, _ = Bureau.objects.get_or_create(
        name="岳阳市云溪区财政局", defaults={"region": "云溪区"}
    )
    yunxi, _ = Unit.objects.get_or_create(
        budget_code="317001", defaults={"name": "岳阳市云溪区科学技术协会", "bureau": yunxi_bureau}
    )
    yunxi_filler = _user("lisi", "李四", User.Role.FILLER, unit=yunxi, phone="13800000001")
    _user("wangwu", "王五", User.Role.REVIEWER, bureau=yunxi_bureau)
    _user("zhouba", "周八", User.Role.BUREAU_ADMIN, bureau=yunxi_bureau)
    _demo_report(yunxi, 2024, versions["f2-hunan-2024"], yunxi_filler, fill_yunxi_2024, reset)

    luxian_bureau, _ = Bureau.objects.get_or_create(name="泸县财政局", defaults={"region": "泸县"})
    luxian, _ = Unit.objects.get_or_create(
        budget_code="128001", defaults={"name": "泸县科学技术协会", "bureau": luxian_bureau}
    )
    luxian_filler = _user("zhengshi", "郑十", User.Role.FILLER, unit=luxian, phone="13800000003")
    _user("wujiu", "吴九", User.Role.REVIEWER, bureau=luxian_bureau)
    _demo_report(luxian, 2021, versions["f4-sichuan-2021"], luxian_filler, fill_luxian_2021, reset)
    _demo_report(luxian, 2021, versions["f3-sichuan-2021"], luxian_filler,
                 fill_luxian_2021_projects, reset)

    return [
        ("xuyuanshan", "填报人", unit.name),
        ("sunqi", "填报人", unit.name),
        ("huguangxia", "单位负责人", unit.name),
        ("zhangsan", "财政局审核人", bureau.name),
        ("zhaoliu", "财政局管理员", bureau.name),
        ("lisi", "填报人", yunxi.name),
        ("wangwu", "财政局审核人", yunxi_bureau.name),
        ("zhouba", "财政局管理员", yunxi_bureau.name),
        ("zhengshi", "填报人", luxian.name),
        ("wujiu", "财政局审核人", luxian_bureau.name),
        ("admin", "系统管理员", "全部"),
    ]


def _demo_report(unit, year, version, filler, fill, reset, steps=()):
    """Create (or with `reset`, recreate) one demo report, filled and taken through `steps`."""
    report = Report.objects.filter(unit=unit, year=year, form_version=version).first()
    if report is not None and not reset:
        return report
    if report is not None:
        report.delete()
    report = services.create_report(unit, year, version, filler)
    fill(report)
    for action, user, comment in steps:
        if action == "submit":
            services.submit_report(report, user, comment)
        elif action == "return":
            services.return_report(report, user, comment)
        elif action == "approve":
            services.approve_report(report, user, comment)
        report.refresh_from_db()
    return report


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
        report_date=date(report.year + 1, 6, 20),
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
        narrative={key: text.replace("2021", str(report.year))
                   for key, text in YUEYANG_2021_NARRATIVE.items()},
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
    services.recompute_summary(report)
    services.snapshot(report, None, "演示数据")
    return report


# 岳阳市云溪区科学技术协会 2024 (F2): (group, 三级指标, 年度指标值, 实际完成值, 分值, 自评得分).
YUNXI_2024_INDICATORS = (
    ("quantity", "精心组织了形式多样，内容丰富多彩的系列科普活动。", "100%", "100%", "10", "10"),
    ("quality", "预算控制数", "78.3", "100%", "5", "5"),
    ("quality", "三公经费控制率", "100%", "100%", "5", "5"),
    ("timeliness", "任务完成时间", "1年", "100%", "10", "10"),
    ("cost", "控制预算成本", "100%", "100%", "10", "9"),
    ("economic", "为云溪的经济工作创造更多的价值。", "100%", "100%", "10", "9"),
    ("social", "进一步提高全区公民科普素质。", "100%", "100%", "10", "10"),
    ("ecological", "对生态无不利影响", "100%", "100%", "10", "10"),
    ("sustainable", "加强科技人才工作，服务创新驱动发展。", "100%", "100%", "10", "10"),
    ("satisfaction", "社会公众或服务对象满意度高", "100%", "100%", "10", "10"),
)
YUNXI_2024_REASONS = {
    "cost": "个别活动物资采购单价偏高，下年度采购前先比价。",
    "economic": "科普活动带动经济效益的统计口径不完整，下年度与相关部门共同建立统计台账。",
}

YUNXI_2024_NARRATIVE = {
    "overview": "区科协是区委领导下的群团组织，机关有全额拨款事业编制 3 名，负责全区学术交流、"
                "科学普及、人才举荐和科技工作者服务等工作。",
    # The figures of the filed report, kept as filed: 人员支出 and 公用支出 do not add up to
    # 基本支出, which is what 检查 is for.
    "general_basic": "2024 年财政拨款基本支出 64.29 万元，其中人员支出 57.98 万元，公用支出 5.11 万元，"
                     "“三公”经费支出为零。",
    "general_project": "2024 年财政拨款项目支出 14.01 万元，用于科普宣传和科技工作者日等活动。",
    "government_fund": "无。",
    "state_capital": "无。",
    "social_insurance": "无。",
    "performance": "全年执行 78.30 万元，保障了机关正常运转，科普活动、人才举荐和科技周等工作"
                   "均按计划完成。",
    "problems": "年度预算执行中未发现偏离绩效目标的情况；部分指标的效益统计不够完整。",
    "improvements": "完善指标设置和效益统计，加强预算执行进度监控。",
    "other": "无。",
}


def fill_yunxi_2024(report):
    """The figures of 岳阳市云溪区科学技术协会's 2024 scored table, with demo wording."""
    Report.objects.filter(pk=report.pk).update(
        report_date=date(2025, 3, 31), narrative=YUNXI_2024_NARRATIVE,
    )
    BudgetExecution.objects.filter(report=report).update(
        budget_initial=D("83.88"), budget_full_year=D("78.30"), executed=D("78.30"),
        weight=D("10"), score=D("9.69"),
        reason="部分支出进度集中在下半年，下年度按季度均衡执行。",
        income_general=D("73.68"), income_special_account=D("0"), income_other=D("4.62"),
        expense_basic=D("64.29"), expense_project=D("14.01"),
    )
    GoalRow.objects.bulk_create(
        GoalRow(report=report, position=i, target=target, actual=actual)
        for i, (target, actual) in enumerate((
            ("按时足额发放工资福利，保障机关正常运转。", "工资福利按月发放，机关运转正常。"),
            ("组织形式多样的系列科普活动。", "全年组织科普宣传、科技周等系列活动。"),
            ("开展全国科技工作者日活动，做好人才项目申报。",
             "开展科技工作者日活动，推荐人才项目并获市级人才计划入选。"),
        ))
    )
    IndicatorRow.objects.bulk_create(
        IndicatorRow(report=report, position=i, group=group, name=name, target=target,
                     actual=actual, weight=D(weight), score=D(score),
                     reason=YUNXI_2024_REASONS.get(group, ""))
        for i, (group, name, target, actual, weight, score) in enumerate(YUNXI_2024_INDICATORS)
    )
    report.refresh_from_db()
    services.recompute_summary(report)
    services.snapshot(report, None, "演示数据")
    return report


# 泸县科学技术协会 2021 (F4): the figures of its filed 部门整体支出绩效评价报告.
LUXIAN_2021_FUNCTIONS = (
    ("科学技术", D("218.34")),
    ("社会保障和就业", D("9.83")),
    ("卫生健康", D("4.65")),
    ("住房保障", D("4.68")),
)
LUXIAN_2021_NARRATIVE = {
    "organisation": "县科协是一级预算单位，属群团组织，无下属二级单位。",
    "functions": "组织学术交流，开展群众性科普活动和青少年科技教育，举荐科技人才，"
                 "为县委、县政府科学决策服务。",
    "staff": "核定行政编制 5 名，在职 5 人，退休 3 人。",
    "income": "2021 年收入合计 209.70 万元，全部为一般公共预算财政拨款。",
    "expense": "2021 年支出合计 237.50 万元，其中人员支出 93.01 万元、占 39.16%，日常公用支出"
               " 14.93 万元、占 6.29%，对个人和家庭的补助支出 3.61 万元、占 1.52%，项目支出"
               " 125.95 万元、占 53.03%。",
    "budgeting": "按县本级预算编制口径编制基本支出和项目支出预算，人员经费按标准、公用经费按定额测算。",
    "execution": "按预算和进度支付，专款专用，三公经费控制在预算以内。",
    "spending_performance": "四个项目均按计划实施，项目支出 125.95 万元。",
    "finance": "执行行政单位会计制度，采购按政府采购程序办理。",
    "performance_management": "编制项目绩效目标，开展绩效监控和年终自评。",
    "conclusion": "全年收支平衡，机构运转正常，各项目标任务基本完成。",
    "problems": "部分项目资金到位较迟；绩效目标的量化程度还需提高。",
    "suggestions": "加快预算执行进度，细化量化绩效目标，加强绩效结果应用。",
}


def fill_luxian_2021(report):
    """The figures of 泸县科学技术协会's 2021 部门整体 report (F4), with demo wording."""
    from reports.models import FunctionRow, OverallFigures

    Report.objects.filter(pk=report.pk).update(narrative=LUXIAN_2021_NARRATIVE)
    OverallFigures.objects.filter(report=report).update(
        income_general=D("209.70"), income_government_fund=D("0"), income_other=D("0"),
        expense_personnel=D("93.01"), expense_public=D("14.93"), expense_family=D("3.61"),
        expense_project=D("125.95"),
        three_overseas=D("0"), three_car=D("0"), three_reception=D("1.78"),
        last_income_total=D("229.52"), last_expense_total=D("284.50"),
    )
    FunctionRow.objects.bulk_create(
        FunctionRow(report=report, position=i, name=name, amount=amount)
        for i, (name, amount) in enumerate(LUXIAN_2021_FUNCTIONS)
    )
    report.refresh_from_db()
    services.recompute_summary(report)
    services.snapshot(report, None, "演示数据")
    return report


# 泸县科学技术协会 2021 (F3): the four projects' indicators as 001's 附件3 tables list them,
# (二级 group, 三级指标, 预期指标值, 实际完成指标值). 001's 《纲要》 and 示范县 tables print their
# cost lines (科普宣传 …) under 时效指标, with no 成本指标 row: kept as filed.
LUXIAN_2021_YOUTH_INDICATORS = (
    ("quantity", "指标1：创新大赛比赛", "1次", "开展前期准备工作"),
    ("quantity", "指标2：机器人比赛", "不少于1次", "1次"),
    ("quantity", "指标3：小学生数棋比赛", "1次", "1次"),
    ("quantity", "指标4：辅导员培训", "1次", "1次"),
    ("quantity", "指标5：示范校创建及示范校能力提升", "不少于4所", "6所"),
    ("quality", "指标1：完成青少年大赛",
     "以《四川省青少年科技创新大赛规则》为标准，成功举办1届有影响力的大赛",
     "完成前期准备及初评工作（根据省上要求）"),
    ("quality", "指标2：参加全市、省赛", "获等级奖", "每个奖项均有获奖"),
    ("quality", "指标3：示范校成功创建并提升能力", "落实完成示范校创建和能力提升", "完成创建及活动"),
    ("timeliness", "指标1：完成年度目标", "2021年12月底前完成", "2021年12月28日前完成"),
    ("cost", "指标1：创新大赛", "创新大赛成本12万元内", "7万"),
    ("cost", "指标2：小学生数棋赛", "成本控制在3万元内", "2万"),
    ("cost", "指标3：青少年机器人赛", "成本控制在7万元内", "3万"),
    ("cost", "指标4：辅导员培训", "成本控制在4万元内", "2万"),
    ("social", "指标1：科技教育社会效益",
     "促进全市青少年科技教育工作开展，提升中小学生科技创新意识，有效促进中小学科学技术普及，推进全民科学素质普及",
     "促进全市青少年科技教育工作开展，提升中小学生科技创新意识，有效促进中小学科学技术普及，推进全民科学素质普及"),
    ("sustainable", "指标1：持续开展科技教育", "促进科技教育工作可持续开展3年以上", "促进科技教育工作可持续开展3年"),
    ("satisfaction", "指标1：青少年满意", "满意率大于等于90%", "满意率等于90%"),
    ("satisfaction", "指标2：学校满意", "满意率大于等于90%", "满意率等于90%"),
)
_LUXIAN_2021_COMMON = {
    "video": ("quantity", "科普e站科普视频投放", "覆盖全县28台科普e站播放科普视频",
              "覆盖全县28台科普e站播放科普视频"),
    "joint": ("quantity", "举办联合科普活动", "5场", "5场"),
    "think_tank": ("quantity", "发挥科技人员智库作用", "发挥建言献策作用", "发挥建言献策作用"),
    "deadline": ("timeliness", "完成时间", "2021/12/31前", "2021年12月28日前完成"),
    "sorghum": ("economic", "酿酒高粱种植", "600元—1000元/亩", "800元/亩"),
    "matching": ("economic", "科技供需智能匹配、精准对接、精准服务",
                 "每个科技工作者（团队）都可自主、便捷上传其“科技所能”，每个企事业单位都可自主、"
                 "便捷上传其“科技所需”，每个城乡群众都可自主、便捷上传其“科普所需”，运用大数据、"
                 "云计算、人工智能等技术，实现科技供需智能匹配、精准对接、精准服务。",
                 "基本实现"),
    "publicity": ("cost", "科普宣传", "三下乡、科技之春、科技活动周、全国科普日等科普活动1-5万元/场",
                  "开展科普活动5场，1万元/场。"),
}
_LUXIAN_2021_LASTING = (
    ("sustainable", "持续影响性", "全民科学素质提升2021年-2025年逐年提升", "逐年提升"),
    ("sustainable", "持续开展科技教育", "促进科技教育工作可持续开展3年以上", "促进科技教育工作可持续开展3年以上"),
    ("sustainable", "持续开展科技供需智能匹配、精准对接、精准服务", "促进全市科技服务工作3年可持续发展",
     "保姆式服务逐年增加"),
    ("satisfaction", "科普彩信", "接收人群满意度90%以上。", "接收人群满意度95%"),
    ("satisfaction", "重点科普活动", "参与群众满意度80%以上。", "参与群众满意度90%"),
)
LUXIAN_2021_CLOUD_INDICATORS = (
    ("quantity", "开展天府科技云服务调研活动", "开展4次以上调研活动", "到各镇（街道）或园区调研4次"),
    ("quantity", "购买第三方服务", "购买天府科技云宣传推广服务4项以上", "购买天府科技云宣传推广服务4项"),
    _LUXIAN_2021_COMMON["video"],
    _LUXIAN_2021_COMMON["joint"],
    _LUXIAN_2021_COMMON["think_tank"],
    _LUXIAN_2021_COMMON["deadline"],
    ("cost", "购买第三方服务", "购买天府科技云宣传推广服务0.5-1万元/个", "购买天府科技云宣传推广服务4项"),
    _LUXIAN_2021_COMMON["publicity"],
    _LUXIAN_2021_COMMON["sorghum"],
    _LUXIAN_2021_COMMON["matching"],
    *_LUXIAN_2021_LASTING,
)
LUXIAN_2021_OUTLINE_INDICATORS = (
    ("quantity", "开展《纲要》实施工作调研活动", "开展4次以上调研活动", "到各镇（街道）调研4次"),
    _LUXIAN_2021_COMMON["video"],
    _LUXIAN_2021_COMMON["joint"],
    _LUXIAN_2021_COMMON["think_tank"],
    _LUXIAN_2021_COMMON["deadline"],
    ("timeliness", *_LUXIAN_2021_COMMON["publicity"][1:]),
    _LUXIAN_2021_COMMON["sorghum"],
    ("economic", "龙眼种植管理", "800-1500元/亩", "1000元/亩"),
    _LUXIAN_2021_COMMON["matching"],
    *_LUXIAN_2021_LASTING,
)
LUXIAN_2021_COUNTY_INDICATORS = (
    ("quantity", "开展调研活动", "开展4次以上调研活动", "到各镇（街道）或园区调研4次"),
    ("quantity", "泸州龙城科普微信公众号信息发布", "全年发布150期以上", "全年165期"),
    _LUXIAN_2021_COMMON["video"],
    _LUXIAN_2021_COMMON["joint"],
    ("quantity", "乡村振兴“头雁领航”农村实用技术培训", "15场", "15场"),
    ("quantity", "乡村振兴“头雁领航”科普示范点建设", "建设2个示范点", "建设2个示范点"),
    ("quantity", "促进学术繁荣", "促进全县学会学术繁荣与活跃", "促进全县学会学术繁荣与活跃"),
    _LUXIAN_2021_COMMON["think_tank"],
    _LUXIAN_2021_COMMON["deadline"],
    ("timeliness", "泸县梁才科技馆设施设备维护", "泸县梁才科技馆设施设备维护，1万元/项",
     "完成泸县梁才科技馆设施设备维护1万元"),
    ("timeliness", *_LUXIAN_2021_COMMON["publicity"][1:]),
    ("timeliness", "乡村振兴“头雁领航”科普示范点建设", "建设示范点每个2-4万元", "建设2个示范点"),
    ("timeliness", "乡村振兴“头雁领航”农村实用技术培训", "培训15场，每场控制在0.2万元内", "培训15场，每场0.2万"),
    ("economic", "龙眼种植管理", "800元—1500元/亩", "1000元/亩"),
    _LUXIAN_2021_COMMON["matching"],
    *_LUXIAN_2021_LASTING,
)

# What every project report of the demo says alike, in demo wording; {amount} is the budget.
_LUXIAN_2021_PROJECT_NARRATIVE = {
    "basic": "县科协是本项目的主管部门，也是实施单位，负责编制项目预算、组织实施和开展绩效自评。"
             "项目按省科协年度重点工作立项，资金按科普专项资金的管理办法使用。",
    "method": "对照年初设定的数量、质量、时效、成本和效益指标，逐项核对完成情况和资金使用情况，"
              "由实施部室自评，党组会审定。",
    "application": "年初按预算程序申报 {amount} 万元，批复 {amount} 万元。",
    "funding": "资金全部为县级财政拨款，年内全部到位，全年执行 {amount} 万元，执行率 100%。",
    "finance": "专款专用，单独核算，支出按财务制度审批报销，账务处理及时。",
    "management": "涉及采购的事项按政府采购规定和单位内部采购办法办理。",
    "supervision": "项目安排和资金使用公开公示，接受纪检监督和群众监督，未发现违规问题。",
    "conclusion": "项目按计划实施，资金使用规范，绩效目标基本实现，自评良好。",
}
LUXIAN_2021_PROJECTS = (
    {
        "name": "青少年科技活动项目",
        "amount": D("14.00"),
        "target": "开展科技教育示范学校创建和科技辅导员培训，组织县级青少年科技创新大赛、机器人竞赛，"
                  "选送作品参加市、省赛事。",
        "actual": "示范学校创建和辅导员培训完成，机器人竞赛如期举办并参加市级比赛；"
                  "创新大赛完成作品征集和初评。",
        "indicators": LUXIAN_2021_YOUTH_INDICATORS,
        "narrative": {
            "goals": "以赛事和示范学校为抓手，提高中小学生的科技创新意识，带动学校科技教育。",
            "organisation": "由县科协青少年科技教育部门牵头，会同教育部门按赛事规则组织竞赛和培训。",
            "completion": "示范学校验收合格，辅导员培训和机器人竞赛按期完成，"
                          "创新大赛按省里的安排完成了前期工作。",
            "benefits": "学生参与科技活动的面扩大，示范学校形成了各自的科技教育特色。",
            "problems": "受疫情影响，个别赛事推迟举办。",
            "suggestions": "提前安排赛事日程，增加示范学校能力提升的投入。",
        },
    },
    {
        "name": "天府科技云服务经费",
        "amount": D("20.00"),
        "target": "推广天府科技云平台，开展服务调研和联合科普活动，"
                  "利用科普e站和第三方服务提高科技服务的精准度。",
        "actual": "完成调研和联合科普活动，全县科普e站播放科普视频，"
                  "购买宣传推广服务，平台知晓度明显提高。",
        "indicators": LUXIAN_2021_CLOUD_INDICATORS,
        "narrative": {
            "goals": "提高天府科技云的知晓度和使用率，让科技服务的供给与需求对接起来。",
            "organisation": "由县科协普及部组织实施，提出方案后经党组研究确定，签订合同并跟踪问效。",
            "completion": "调研、联合科普活动和宣传推广服务均按年度目标完成，科普e站覆盖全县。",
            "benefits": "群众获取科普信息更加便捷，平台注册和使用人数增加，群众满意度较高。",
            "problems": "科普内容的精准性和覆盖面还不够。",
            "suggestions": "线上线下结合开展推广，按群众需求更新科普内容。",
        },
    },
    {
        "name": "《纲要》实施工作经费",
        "amount": D("15.00"),
        "target": "落实全民科学素质行动规划纲要，开展调研和联合科普活动，推动公民科学素质逐年提升。",
        "actual": "调研和联合科普活动按计划完成，科普e站覆盖全县，科学素质提升工作稳步推进。",
        "indicators": LUXIAN_2021_OUTLINE_INDICATORS,
        "narrative": {
            "goals": "围绕重点人群开展科普，推动全县公民科学素质稳步提高。",
            "organisation": "由县科协普及部组织实施，联席会议成员单位分工配合。",
            "completion": "各项科普宣传活动和农村实用技术培训按计划开展，数量指标全部完成。",
            "benefits": "科普活动覆盖城乡，群众科学素质和参与热情有所提高。",
            "problems": "无",
            "suggestions": "继续整合成员单位的科普资源，扩大活动覆盖面。",
        },
    },
    {
        "name": "科普示范县创建经费",
        "amount": D("15.00"),
        "target": "推进全国科普示范县创建，建设科普示范点，开展农村实用技术培训和科普宣传。",
        "actual": "建成科普示范点，完成实用技术培训和公众号信息发布；示范县验收顺延至下一年度。",
        "indicators": LUXIAN_2021_COUNTY_INDICATORS,
        "narrative": {
            "goals": "按全国科普示范县的考核要求，补齐科普阵地和科普服务的短板。",
            "organisation": "由县科协普及部组织实施，各镇（街道）配合建设示范点。",
            "completion": "示范点建设、实用技术培训和科技馆设施维护按计划完成。",
            "benefits": "基层科普阵地得到加强，农民掌握了实用种植技术。",
            "problems": "受疫情影响，示范县验收推迟。",
            "suggestions": "做好验收准备，巩固示范点的建设成果。",
        },
    },
)


def fill_luxian_2021_projects(report):
    """泸县科学技术协会's four projects of 2021 (F3): money, targets, 001's indicators and a
    short 项目绩效自评报告 of our own for each."""
    from reports.models import Project

    for position, spec in enumerate(LUXIAN_2021_PROJECTS):
        amount = spec["amount"]
        narrative = {**_LUXIAN_2021_PROJECT_NARRATIVE, **spec["narrative"]}
        project = Project.objects.create(
            report=report, position=position, name=spec["name"], department="泸县科协",
            implementer="泸县科协", budget_total=amount, executed_total=amount,
            target_overall=spec["target"], actual_overall=spec["actual"],
            narrative={key: text.format(amount=amount) for key, text in narrative.items()},
        )
        report.spec.on_project_create(report, project)
        project.funds.filter(source="fiscal").update(budget=amount, executed=amount)
        positions = {}
        rows = []
        for group, name, target, actual in spec["indicators"]:
            positions[group] = positions.get(group, -1) + 1
            rows.append(IndicatorRow(report=report, project=project, group=group,
                                     position=positions[group], name=name, target=target,
                                     actual=actual))
        IndicatorRow.objects.bulk_create(rows)
    report.refresh_from_db()
    services.recompute_summary(report)
    services.snapshot(report, None, "演示数据")
    return report
