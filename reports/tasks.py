"""Background tasks, thin: the work is in services and pdf.

Run by the django-tasks-db worker (manage.py worker, `make worker`); with KXEVAL_TASKS=immediate
they run inside the request.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from reports.models import ApprovedPdf


@task()
def render_approved_pdf(approved_pdf_id):
    """Render and store the approved PDF once; returns its SHA-256.

    Idempotent per approval: a READY ApprovedPdf is never rendered again, so a task run twice,
    or picked up again after its worker died, cannot replace a PDF that may already have been
    downloaded and signed. A PENDING or FAILED one is rendered (again).

    No transaction is held while rendering (seconds; on SQLite a transaction locks the whole
    database). The PDF goes to a file of its own, and becomes the approved PDF only through the
    one UPDATE that marks the row READY, so of two runs at once exactly one wins and the other
    removes its file; a file half-written by a run that died is never referenced. The recorded
    hash is that of the file as read back from storage.

    On an error the ApprovedPdf is marked FAILED with the error and the exception is raised
    again, for the worker to record the task as failed.
    """
    from reports import pdf

    approved = ApprovedPdf.objects.select_related(
        "report__unit__bureau", "report__form_version"
    ).filter(pk=approved_pdf_id).first()
    if approved is None:  # the report was deleted since
        return None
    if approved.state == ApprovedPdf.State.READY:
        return approved.sha256
    field = approved.file.field
    name = None
    try:
        data = pdf.render_report(approved.report, approved=approved)
        name = field.storage.save(
            field.generate_filename(approved, f"{approved.code}.pdf"), ContentFile(data)
        )
        sha256 = stored_sha256(field.storage, name)
        if sha256 != hashlib.sha256(data).hexdigest():
            raise OSError(f"写入的文件与生成的 PDF 不一致：{name}")
        won = ApprovedPdf.objects.filter(pk=approved.pk).exclude(
            state=ApprovedPdf.State.READY
        ).update(
            state=ApprovedPdf.State.READY, file=name, sha256=sha256, size=len(data),
            rendered_at=timezone.now(), error="",
        )
    except Exception as error:
        if name is not None:
            field.storage.delete(name)
        ApprovedPdf.objects.filter(pk=approved.pk).exclude(
            state=ApprovedPdf.State.READY
        ).update(state=ApprovedPdf.State.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    if not won:
        # Another run stored it first: theirs is the approved PDF.
        field.storage.delete(name)
        return ApprovedPdf.objects.values_list("sha256", flat=True).get(pk=approved.pk)
    return sha256


def stored_sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def reap_stale_tasks(now=None):
    """Put tasks left running by a worker that died back in the queue; returns how many.

    django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again
    if that worker is killed. Our tasks are idempotent, so running one again is safe.
    """
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS)
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=stale_before
    )
    # Look before writing: an UPDATE, even of no row, locks a SQLite database, and the worker
    # calls this every few seconds beside the web server.
    if not stale.exists():
        return 0
    return stale.update(status=TaskResultStatus.READY, started_at=None)
