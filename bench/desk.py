"""How fast the reviewer's desk is with 3,000 reports: 150 units of one 财政局, ten years, two forms.

    .venv/bin/python bench/desk.py
    .venv/bin/python bench/desk.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Runs on a throw-away SQLite database, or with --postgres on a throw-away database created on
that server (and dropped afterwards; the database named in the URL is only used to create it),
so it never touches db.sqlite3 or a DATABASE_URL of the environment. The bureau's reviewer asks
for the first page, a filtered page and a sorted page RUNS times each through the Django test
client; the median time and the queries of one request are printed. Prints figures only: the
time depends on the machine, there is nothing to pass or fail.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RUNS = 15
UNITS = 150
YEARS = range(2015, 2025)  # ten years × two forms × 150 units = 3,000 reports
FORMS = ("f1-yueyang-2021", "f2-hunan-2024")

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory(prefix="kxeval-bench-") as tmp:
        yield f"sqlite:///{tmp}/bench.sqlite3"


@contextmanager
def postgres_database(url):
    """A new database on the server of `url`, dropped afterwards."""
    import psycopg2

    name = f"kxeval_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(url)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        parts = urlsplit(url)
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        from django.db import connections

        connections.close_all()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def build(rng):
    """150 units of one bureau with 3,000 reports; the latest year is still being reviewed."""
    from django.utils import timezone

    from reports import versionfiles
    from reports.models import Bureau, FormVersion, Report, Unit, User

    versionfiles.sync()
    versions = {version.code: version for version in FormVersion.objects.all()}
    bureau = Bureau.objects.create(name="岳阳县财政局", region="岳阳县")
    kinds = ("科学技术协会", "农村专业技术协会", "青少年科技教育协会", "老科技工作者协会", "学会")
    units = Unit.objects.bulk_create(
        Unit(bureau=bureau, name=f"岳阳县第{n + 1:03d}{kinds[n % len(kinds)]}",
             budget_code=f"505{n + 1:03d}")
        for n in range(UNITS)
    )
    reviewer = User.objects.create(username="zhangsan", first_name="张三",
                                   role=User.Role.REVIEWER, bureau=bureau)

    now = timezone.now()
    latest = YEARS[-1]
    reports = []
    for unit in units:
        for year in YEARS:
            for code in FORMS:
                if year < latest:
                    approved = rng.random() < 0.95
                    status = Report.Status.APPROVED if approved else Report.Status.RETURNED
                else:
                    status = rng.choices(list(Report.Status), weights=(30, 35, 10, 25))[0]
                submitted = None
                if status != Report.Status.DRAFT:
                    submitted = now - timedelta(days=(latest - year) * 365 + rng.randint(1, 200))
                scored = status != Report.Status.DRAFT or rng.random() < 0.5
                score = Decimal(rng.randint(5500, 10000)) / 100 if scored else None
                findings = 0 if status == Report.Status.APPROVED else rng.choice((0, 0, 1, 2, 3, 5))
                reports.append(Report(
                    unit=unit, year=year, form_version=versions[code], status=status,
                    total_score=score, finding_count=findings, submitted_at=submitted,
                    approved_at=submitted + timedelta(days=7)
                    if status == Report.Status.APPROVED else None,
                ))
    Report.objects.bulk_create(reports, batch_size=500)
    return reviewer


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # secure: production settings redirect plain HTTP to HTTPS (SECURE_SSL_REDIRECT).
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    count = len(queries)  # now: the next request clears the connection's query log
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        if response.streaming:
            b"".join(response.streaming_content)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL",
                        help="run on a new database on this PostgreSQL server instead of SQLite")
    args = parser.parse_args()

    database = postgres_database(args.postgres) if args.postgres else sqlite_database()
    with database as url:
        # Before django.setup(): settings read these once, at import.
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_DEBUG"] = "False"
        os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + uuid.uuid4().hex)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kxeval.settings")
        sys.path.insert(0, str(ROOT))

        import django

        django.setup()

        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from reports.models import Report

        call_command("migrate", verbosity=0, interactive=False)
        reviewer = build(random.Random(2021))
        client = Client()
        client.force_login(reviewer)

        latest = YEARS[-1]
        in_year = Report.objects.filter(year=latest).count()
        pages = (
            ("first page", "/desk/"),
            ("filtered", "/desk/?status=submitted&form=f2-hunan-2024&q=协会"),
            ("sorted", "/desk/?sort=-score&page=3"),
            ("other year", f"/desk/?year={latest - 3}&sort=-submitted&page=5"),
            (".xlsx, whole year", "/desk/export.xlsx"),
        )
        print(f"Reviewer's desk on {connection.vendor}: {Report.objects.count():,} reports, "
              f"{UNITS} units, {in_year} in {latest}; median of {RUNS} requests")
        for label, url in pages:
            median, queries = measure(client, url)
            print(f"  {label:<18} {median:8.1f} ms  {queries:3d} queries   {url}")


if __name__ == "__main__":
    main()
