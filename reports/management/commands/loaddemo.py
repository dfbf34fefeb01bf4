from django.core.management.base import BaseCommand

from reports.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "创建演示用的财政局、单位、用户和报告（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="把演示报告恢复为原始数据（会丢弃对演示报告的修改）"
        )

    def handle(self, *args, reset=False, **options):
        logins = load_demo(reset=reset)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。演示账号（密码均为 %s）：" % DEMO_PASSWORD))
        for username, role, where in logins:
            self.stdout.write(f"  {username:<12} {role:<8} {where}")
