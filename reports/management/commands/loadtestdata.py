"""`manage.py loadtestdata`: the units, users and reports the load test (loadtest/locustfile.py)
works on, in a 财政局 of their own.

Every unit has one 填报人 and two F1 reports filled with the demo report's figures
(reports/demo.py): this year's draft, which only its own 填报人 edits, so that the editors' saves
do not collide on one report's lock_version, and last year's, submitted, for the reviewers to
open. Usernames follow FILLER_USERNAME and REVIEWER_USERNAME; the locustfile counts on them.
"""

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports import services, versionfiles
from reports.demo import DEMO_PASSWORD, fill_yueyang_2021
from reports.models import Bureau, FormVersion, Report, Unit, User

BUREAU_NAME = "负载测试县财政局"
FORM_CODE = "f1-yueyang-2021"
FILLER_USERNAME = "lt_filler{:03d}"
REVIEWER_USERNAME = "lt_reviewer{:d}"
UNIT_KINDS = ("科学技术协会", "农村专业技术协会", "青少年科技教育协会", "老科技工作者协会", "学会")


class Command(BaseCommand):
    help = "为负载测试创建单位、填报人、审核人和报告（数据取自演示报告；可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=50, help="单位（即填报人）个数，默认 50")
        parser.add_argument("--reviewers", type=int, default=5, help="审核人个数，默认 5")
        parser.add_argument("--year", type=int, default=2021,
                            help="填报人编辑的草稿年度，默认 2021；上一年度的报告为已提交")
        parser.add_argument("--password", default=DEMO_PASSWORD,
                            help=f"所有负载测试账号的密码，默认 {DEMO_PASSWORD}")
        parser.add_argument("--reset", action="store_true",
                            help="删除负载测试财政局的全部报告后重新创建（恢复为初始数据）")

    def handle(self, *args, units, reviewers, year, password, reset, **options):
        if units < 1 or reviewers < 0:
            raise CommandError("--units 至少为 1，--reviewers 不能为负数")
        created = build(units, reviewers, year, password, reset)
        self.stdout.write(self.style.SUCCESS(
            f"{BUREAU_NAME}：{units} 个单位、{units} 个填报人、{reviewers} 个审核人，"
            f"新建报告 {created} 份（密码均为 {password}）。"
        ))
        self.stdout.write(f"  填报人 {FILLER_USERNAME.format(1)} … {FILLER_USERNAME.format(units)}"
                          f"，各编辑本单位 {year} 年度草稿")
        if reviewers:
            self.stdout.write(f"  审核人 {REVIEWER_USERNAME.format(1)} … "
                              f"{REVIEWER_USERNAME.format(reviewers)}")


@transaction.atomic
def build(units, reviewers, year, password, reset):
    """Create what is missing (with `reset`, the reports anew); return how many reports were made.

    Passwords are set on every run, hashed once: hashing 55 of them one by one would take a
    minute with the default hasher.
    """
    versionfiles.sync()
    version = FormVersion.objects.get(code=FORM_CODE)
    bureau, _ = Bureau.objects.get_or_create(name=BUREAU_NAME, defaults={"region": "负载测试县"})
    if reset:
        Report.objects.filter(unit__bureau=bureau).delete()
    hashed = make_password(password)
    created = 0
    for number in range(1, units + 1):
        unit, _ = Unit.objects.get_or_create(
            budget_code=f"LT{number:04d}",
            defaults={"bureau": bureau,
                      "name": f"负载测试县第{number:03d}{UNIT_KINDS[number % len(UNIT_KINDS)]}"},
        )
        filler, _ = User.objects.update_or_create(
            username=FILLER_USERNAME.format(number),
            defaults={"first_name": f"填报人{number:03d}", "role": User.Role.FILLER, "unit": unit,
                      "bureau": None, "is_active": True, "password": hashed,
                      "phone": f"1380000{number:04d}"},
        )
        for report_year, submit in ((year, False), (year - 1, True)):
            if Report.objects.filter(unit=unit, year=report_year, form_version=version).exists():
                continue
            report = services.create_report(unit, report_year, version, filler)
            fill_yueyang_2021(report)
            if submit:
                services.submit_report(report, filler)
            created += 1
    for number in range(1, reviewers + 1):
        User.objects.update_or_create(
            username=REVIEWER_USERNAME.format(number),
            defaults={"first_name": f"审核人{number}", "role": User.Role.REVIEWER,
                      "bureau": bureau, "unit": None, "is_active": True, "password": hashed},
        )
    return created
