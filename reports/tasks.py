"""Background tasks, thin: the work is in services and pdf.

Run by the django-tasks-db worker (manage.py worker, `make worker`); with KXEVAL_TASKS=immediate
they run inside the request.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from reports.models import ApprovedPdf


@task()
def render_approved_pdf(approved_pdf_id):
    """Render and store the approved PDF once; a second run for the same approval does nothing.

    Idempotent per approval: the ApprovedPdf row is locked while rendering, and a READY one is
    never rendered again, so a task picked up again after a worker died cannot replace a PDF
    that may already have been downloaded and signed.
    """
    from reports import pdf

    with transaction.atomic():
        approved = ApprovedPdf.objects.select_for_update().select_related(
            "report__unit__bureau", "report__form_version"
        ).get(pk=approved_pdf_id)
        if approved.state == ApprovedPdf.State.READY:
            return approved.sha256
        data = pdf.render_report(approved.report, approved=approved)
        approved.file.save(f"{approved.code}.pdf", ContentFile(data), save=False)
        approved.sha256 = hashlib.sha256(data).hexdigest()
        approved.size = len(data)
        approved.state = ApprovedPdf.State.READY
        approved.rendered_at = timezone.now()
        approved.error = ""
        approved.save()
        return approved.sha256


def reap_stale_tasks(now=None):
    """Put tasks left running by a worker that died back in the queue; returns how many.

    django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again
    if that worker is killed. Our tasks are idempotent, so running one again is safe.
    """
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=stale_before
    ).update(status=TaskResultStatus.READY, started_at=None)
