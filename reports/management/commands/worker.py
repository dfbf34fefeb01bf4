"""The background worker: runs queued tasks (approved PDFs) and takes up those a dead worker
left behind. `make worker` runs it; several can run side by side on PostgreSQL."""

import logging
import os
import signal
import socket
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from reports.tasks import reap_stale_tasks


class Command(BaseCommand):
    help = "运行后台任务（生成审定 PDF），并接手已停止的任务进程遗留的任务"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="空闲时的轮询间隔（秒）")
        parser.add_argument("--once", action="store_true", help="处理完当前所有任务后退出")

    def handle(self, *args, interval=2.0, once=False, verbosity=1, **options):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError("KXEVAL_TASKS=immediate：任务在请求中运行，不需要后台任务进程。")
        self.configure_logging(verbosity)
        # django-tasks-db's own worker, run batch by batch: between two batches this one takes
        # back the tasks of workers that died, which db_worker alone never does.
        worker = Worker(
            queue_names=["*"], excluded_queue_names=[], backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            batch=True, interval=interval, startup_delay=False, max_tasks=None,
            worker_id=f"{socket.gethostname()}:{os.getpid()}"[:64],
        )
        if not once:
            self.stop_gracefully(worker)
            self.stdout.write(f"后台任务进程已启动（{worker.worker_id}），按 Ctrl+C 停止")
        while True:
            reaped = reap_stale_tasks()
            if reaped:
                self.stdout.write(f"接手了 {reaped} 个中断的任务")
            # db_worker claims a task in an exclusive transaction, which on SQLite makes a web
            # request that is about to write fail with "database is locked"; take it only when
            # there is something to claim.
            if DBTaskResult.objects.ready().filter(backend_name=worker.backend_name).exists():
                worker.run()
            if once or not worker.running:
                return
            time.sleep(interval)

    def stop_gracefully(self, worker):
        """SIGTERM or Ctrl+C: finish the task at hand, then stop; a second Ctrl+C stops at once.

        Stopped at once, the task is left running in the queue as if the worker had been killed,
        and a worker takes it up again once it is stale (reports.tasks.reap_stale_tasks). A
        SIGTERM after Ctrl+C (as `make run` sends when the server stops) does not cut it short.
        """
        def shut_down(signum, frame):
            if not worker.running and signum == signal.SIGINT:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
                return
            worker.running = False
            if not worker.running_task:
                sys.exit(0)

        signal.signal(signal.SIGINT, shut_down)
        signal.signal(signal.SIGTERM, shut_down)

    def configure_logging(self, verbosity):
        """Print each task's start and end, unless logging is configured otherwise.

        db_worker's own messages (a line at each start and end of a batch) only with -v 2.
        """
        levels = {
            "django.tasks": logging.CRITICAL if verbosity == 0 else logging.INFO,
            "django_tasks_db": logging.INFO if verbosity >= 2 else logging.WARNING,
        }
        for name, level in levels.items():
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if not logger.hasHandlers():
                logger.addHandler(logging.StreamHandler(self.stdout))
