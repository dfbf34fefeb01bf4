"""Page images of every demo PDF and the HTML of every edit page, to compare before and after a
change to how pages or PDFs are made.

    .venv/bin/python scripts/page_images.py OUT_DIR

Loads the demo into a fresh SQLite database of its own (nothing else is touched), then writes
into OUT_DIR:

- `pdf/<report>-NN.png`: each page of each demo report's draft PDF (and of the 2020 report's
  approved PDF, with a fixed verification code), by `pdftoppm -png -r 50`;
- `html/<report>-<section>.html`: each edit page of each demo report (and of each F3 project),
  as the report's 填报人 sees it, with the CSRF token removed and white space normalised;
- `html/<report>-detail.html`: each report page, as the superuser sees it.

Run it on the old commit (a `git worktree`) and on the new, then `diff -r OLD NEW`: identical,
or each difference intended.
"""

import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out):
    database = Path(tempfile.mkdtemp()) / "pages.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kxeval.settings"
    os.environ.setdefault("KXEVAL_TASKS", "immediate")
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    settings.MEDIA_ROOT = str(database.parent / "media")
    call_command("migrate", verbosity=0)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("loaddemo", stdout=open(os.devnull, "w"))

    from reports import pdf
    from reports.models import Report, User

    # The times the demo load recorded (events, submission, approval), fixed: pages print them.
    fixed = datetime(2026, 6, 20, 9, 30, tzinfo=timezone.utc)
    for model in apps.get_app_config("reports").get_models():
        for field in model._meta.fields:
            if field.get_internal_type() == "DateTimeField":
                model.objects.filter(**{f"{field.name}__isnull": False}).update(
                    **{field.name: fixed})

    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    superuser = Client()
    superuser.force_login(User.objects.get(username="admin"))
    for report in Report.objects.select_related("unit", "form_version").order_by("pk"):
        name = f"{report.unit.budget_code}-{report.year}-{report.form_version.code}"
        approved = getattr(report, "approved_pdf", None)
        if approved is not None:
            stored = approved.code
            approved.code = "ABCDEFGHJK"  # the code is random: fixed so the pages compare
            data = pdf.render_report(report, approved)
            approved.code = stored
        else:
            data = pdf.render_report(report)
        pdf_path = out / "pdf" / f"{name}.pdf"
        pdf_path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "50", pdf_path, out / "pdf" / name],
                       check=True)
        pdf_path.unlink()

        filler = User.objects.filter(unit=report.unit, role=User.Role.FILLER).order_by("pk")[0]
        client = Client()
        client.force_login(filler)
        pages = [(section.slug, reverse("report_section", args=[report.pk, section.slug]))
                 for section in report.spec.sections]
        for project in report.projects.order_by("pk"):
            pages += [(f"project{project.position}-{section.slug}",
                       reverse("project_section", args=[report.pk, project.pk, section.slug]))
                      for section in report.spec.project_sections]
        codes = [approved.code] if approved is not None else []
        for slug, url in pages:
            write_html(out / "html" / f"{name}-{slug}.html", client.get(url), codes)
        write_html(out / "html" / f"{name}-detail.html",
                   superuser.get(reverse("report_detail", args=[report.pk])), codes)


def write_html(path, response, codes):
    html = response.content.decode()
    # The stored approved PDF's verification code and hash are new with every demo load.
    for code in codes:
        html = html.replace(code, "CODE")
    html = re.sub(r"\b[0-9a-f]{64}\b", "SHA256", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    # Times of day the page prints (已保存 HH:MM, event times) change from run to run.
    html = re.sub(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?",
                  "TIME", html)
    html = re.sub(r"\b\d{2}:\d{2}\b", "HH:MM", html)
    html = "\n".join(" ".join(line.split()) for line in html.splitlines() if line.strip())
    path.write_text(f"{response.status_code}\n{html}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve())
