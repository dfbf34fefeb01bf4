"""The background worker: runs queued tasks (approved PDFs) and takes up those a dead worker
left behind. `make worker` runs it; several can run side by side on PostgreSQL."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from reports.tasks import reap_stale_tasks


class Command(BaseCommand):
    help = "运行后台任务（生成审定 PDF），并接手已停止的任务进程遗留的任务"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="空闲时的轮询间隔（秒）")
        parser.add_argument("--once", action="store_true", help="处理完当前所有任务后退出")

    def handle(self, *args, interval=2.0, once=False, **options):
        while True:
            reaped = reap_stale_tasks()
            if reaped:
                self.stdout.write(f"接手了 {reaped} 个中断的任务")
            call_command("db_worker", batch=True, no_startup_delay=True, reload=False,
                         verbosity=options.get("verbosity", 1))
            if once:
                return
            time.sleep(interval)
