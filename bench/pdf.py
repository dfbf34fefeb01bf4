"""How long the PDF of the demo report takes: one warm-up render, then RUNS timed renders.

    .venv/bin/python bench/pdf.py

Runs on a throw-away SQLite database, so it never touches db.sqlite3 or a DATABASE_URL of the
environment. Prints figures only: the time depends on the machine, there is nothing to pass or
fail. Without libharfbuzz-subset WeasyPrint subsets the CJK font with fontTools, and a render
takes about 12 s instead of well under 1 s (see `manage.py check`).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7

ROOT = Path(__file__).resolve().parent.parent


def main():
    with tempfile.TemporaryDirectory(prefix="kxeval-bench-") as tmp:
        # Before django.setup(): settings read DATABASE_URL once, at import.
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kxeval.settings")
        sys.path.insert(0, str(ROOT))

        import django

        django.setup()

        from django.core.management import call_command
        from pypdf import PdfReader

        from reports import pdf
        from reports.demo import load_demo
        from reports.models import Report

        call_command("migrate", verbosity=0, interactive=False)
        load_demo()
        report = (
            Report.objects.select_related("unit__bureau", "form_version")
            .get(unit__budget_code="505001", year=2021)
        )

        started = time.perf_counter()
        data = pdf.render_report(report)
        warmup = time.perf_counter() - started

        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            data = pdf.render_report(report)
            times.append(time.perf_counter() - started)

        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(f"PDF of the demo report ({report.unit.name} {report.year}), {RUNS} runs")
        print(f"  warm-up  {warmup:.3f} s")
        print(f"  median   {statistics.median(times):.3f} s")
        print(f"  min      {min(times):.3f} s")
        print(f"  max      {max(times):.3f} s")
        print(f"  pages    {pages}")
        print(f"  size     {len(data) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
