"""Every write that has rules: creating a report, saving an edit page, the workflow steps.

Each service is one transaction: a report is never left half-written. Every save and every
workflow step stores one django-reversion revision of the report with all its rows. E-mails and
background tasks are queued with transaction.on_commit, so nothing is sent for a step that was
rolled back.
"""

import secrets

import reversion
from reversion.models import Version
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reports import checks, notifications
from reports.models import ApprovedPdf, Project, Report, ReportEvent, ReviewComment


class WorkflowError(Exception):
    """A workflow step that is not allowed now; the message says why, in Chinese."""


class ConcurrentEdit(Exception):
    """Someone else saved the report since this page was opened."""

    def __init__(self, report, expected_version):
        super().__init__("报告已被他人修改")
        self.report = report
        self.expected_version = expected_version


@transaction.atomic
def create_report(unit, year, form_version, user=None):
    """Create an empty report for `unit` and `year` on `form_version`.

    Side effects: the family adds the rows a new report starts with (F1: the unit's office and
    its 二级机构); the 填报人 line starts with the creating user.
    """
    report = Report.objects.create(
        unit=unit,
        year=year,
        form_version=form_version,
        updated_by=user,
        filler_name=user.display_name() if user else "",
        filler_phone=user.phone if user else "",
    )
    report.spec.on_create(report, user)
    snapshot(report, user, "新建报告")
    return report


def snapshot(report, user, comment):
    """Store a revision of the report as it stands, without changing it."""
    with reversion.create_revision(atomic=False):
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(report)


@transaction.atomic
def save_section(report, section_forms, user, lock_version=None):
    """Write one edit page: the report's fields, its layout options or narrative, its tables.

    `section_forms` must be valid. `lock_version` is the report's lock_version when the page
    was opened: if anyone saved since, ConcurrentEdit is raised and nothing is written
    (optimistic concurrency; the check and the bump are one UPDATE, so of two simultaneous
    saves exactly one wins). Rows keep the order the page gave them, renumbered from 0; rows
    marked for deletion are deleted; new indicator rows get their group.
    Side effects: lock_version is bumped; updated_at, updated_by, total_score and
    finding_count change; one revision is stored.
    """
    if not report.editable_by(user):
        raise WorkflowError("这份报告现在不能修改。")
    expected = report.lock_version if lock_version is None else lock_version
    # Nothing is written before this UPDATE: only the save that wins it writes rows, in its
    # own transaction. On PostgreSQL a simultaneous save waits here on the report's row lock
    # until the winner commits, then finds lock_version moved on and updates nothing.
    bumped = Report.objects.filter(
        pk=report.pk, lock_version=expected, status__in=Report.EDITABLE
    ).update(lock_version=F("lock_version") + 1)
    if not bumped:
        raise ConcurrentEdit(report, expected)
    report.lock_version = expected + 1
    with reversion.create_revision(atomic=False):
        reversion.set_user(user)
        reversion.set_comment(f"保存“{section_forms.section.title}”")
        _write_section(report, section_forms, user)


def _write_section(report, section_forms, user):
    if section_forms.fields is not None:
        section_forms.fields.save(commit=False)
    if section_forms.detail is not None:
        section_forms.detail.save()
    if section_forms.options is not None:
        # Keep only the choices that depart from the form version, so a later change of the
        # version's settings still reaches the reports that did not choose otherwise.
        spec = report.spec
        options = {}
        for name, value in section_forms.options.cleaned_data.items():
            if value != spec.version_default(report.form_version, name):
                options[name] = value
        report.options = options
    owner = section_forms.owner
    if section_forms.narrative is not None:
        owner.narrative = {**owner.narrative, **section_forms.narrative.cleaned_data}
        if owner is not report:
            owner.save(update_fields=["narrative"])
    report.updated_by = user
    report.save()  # lock_version is editable=False but saved: it holds the bumped value

    for formset in section_forms.formsets():
        if formset.prefix == "funds":
            formset.save()  # fixed rows, one per source: nothing to add, remove or order
            continue
        ordered = formset.ordered_rows()
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for position, form in enumerate(ordered):
            row = form.instance
            row.report = report
            row.position = position
            if formset.group is not None:
                row.group = formset.group.key
                row.project = section_forms.project
            is_new = row.pk is None
            row.save()
            if is_new and formset.model is Project:
                report.spec.on_project_create(report, row)

    recompute_summary(report)


def recompute_summary(report):
    """Store the report's 总分, 检查 count and 审核总分 as computed now: their only writer.

    They are stored, not computed on read, so that the reviewer's desk lists thousands of
    reports in a constant number of queries.
    """
    total = report.spec.total_score(report)
    findings = len(checks.run_checks(report))
    review_total = report.spec.review_total(report)
    report.total_score, report.finding_count, report.review_total = total, findings, review_total
    Report.objects.filter(pk=report.pk).update(
        total_score=total, finding_count=findings, review_total=review_total
    )


def _step(report, user, action, to_status, comment="", allowed_from=()):
    """Move `report` to `to_status` if it is still in one of `allowed_from`, and record it.

    The status test and the change are one UPDATE, so two reviewers pressing 通过 at once
    cannot both succeed. Returns the ReportEvent.
    """
    from_status = report.status
    if from_status not in allowed_from:
        raise WorkflowError(f"报告当前状态为“{report.get_status_display()}”，不能{ReportEvent.Action(action).label}。")
    changes = {"status": to_status}
    now = timezone.now()
    if action == ReportEvent.Action.SUBMIT:
        changes["submitted_at"] = now
    if action == ReportEvent.Action.APPROVE:
        changes["approved_at"] = now
    updated = Report.objects.filter(pk=report.pk, status=from_status).update(
        lock_version=F("lock_version") + 1, **changes
    )
    if not updated:
        raise WorkflowError("报告状态刚刚被他人改变，请刷新页面后再试。")
    report.refresh_from_db()
    with reversion.create_revision(atomic=False):
        reversion.set_user(user)
        reversion.set_comment(ReportEvent.Action(action).label)
        reversion.add_to_revision(report)
    revision = Version.objects.get_for_object(report).first().revision
    return ReportEvent.objects.create(
        report=report, action=action, from_status=from_status, to_status=to_status,
        actor=user, comment=comment, revision=revision,
    )


def errors_blocking_submission(report):
    return [finding for finding in checks.run_checks(report) if finding.level == "error"]


@transaction.atomic
def confirm_report(report, user):
    """单位负责人 confirms the report as it stands now (when the form version asks for it).

    Side effects: head_confirmed_version is set to the current lock_version; an event is
    recorded. A later save makes the confirmation stale.
    """
    if user.role != user.Role.UNIT_HEAD or user.unit_id != report.unit_id:
        raise WorkflowError("只有本单位负责人可以确认。")
    if report.status not in Report.EDITABLE:
        raise WorkflowError("报告已提交，无需确认。")
    Report.objects.filter(pk=report.pk).update(head_confirmed_version=report.lock_version)
    report.head_confirmed_version = report.lock_version
    return ReportEvent.objects.create(
        report=report, action=ReportEvent.Action.CONFIRM, from_status=report.status,
        to_status=report.status, actor=user,
    )


def needs_head_confirmation(report):
    return bool(report.option("head_confirmation")) and (
        report.head_confirmed_version != report.lock_version
    )


@transaction.atomic
def submit_report(report, user, comment=""):
    """草稿 or 已退回 → 已提交, by the unit's staff.

    Refused while 检查 finds errors, and, when the form version asks for it, until the unit
    head has confirmed this very version. Side effects: status, submitted_at, an event with
    the revision submitted; reviewers of the bureau are e-mailed after commit.
    """
    if not report.editable_by(user):
        raise WorkflowError("只有本单位的填报人或负责人可以提交。")
    errors = errors_blocking_submission(report)
    if errors:
        raise WorkflowError(f"检查发现 {len(errors)} 处问题，请先修改后再提交。")
    if needs_head_confirmation(report) and user.role != user.Role.UNIT_HEAD:
        raise WorkflowError("本表单需要单位负责人确认后才能提交。")
    event = _step(report, user, ReportEvent.Action.SUBMIT, Report.Status.SUBMITTED, comment,
                  allowed_from=Report.EDITABLE)
    transaction.on_commit(lambda: notifications.report_submitted(report, event))
    return event


@transaction.atomic
def return_report(report, user, comment):
    """已提交 → 已退回, by a reviewer, with comments; the unit can edit again.

    The reviewer's pending field comments are sent with this return. Side effects: status,
    an event; the unit's users are e-mailed after commit.
    """
    if not report.reviewable_by(user):
        raise WorkflowError("只有本财政局的审核人可以退回。")
    if not comment.strip() and not report.comments.filter(event=None).exists():
        raise WorkflowError("退回时请写明意见，或在栏目上留下审核意见。")
    event = _step(report, user, ReportEvent.Action.RETURN, Report.Status.RETURNED, comment,
                  allowed_from=(Report.Status.SUBMITTED,))
    report.comments.filter(event=None).update(event=event)
    transaction.on_commit(lambda: notifications.report_returned(report, event))
    return event


@transaction.atomic
def approve_report(report, user, comment=""):
    """已提交 → 已通过, by a reviewer: final.

    Side effects: status, approved_at, an event (the reviewer's pending comments go with it);
    an ApprovedPdf with its verification code is
    created and its rendering queued (reports.tasks.render_approved_pdf) after commit; the
    unit's users are e-mailed after commit.
    """
    if not report.reviewable_by(user):
        raise WorkflowError("只有本财政局的审核人可以通过。")
    event = _step(report, user, ReportEvent.Action.APPROVE, Report.Status.APPROVED, comment,
                  allowed_from=(Report.Status.SUBMITTED,))
    report.comments.filter(event=None).update(event=event)
    approved = ApprovedPdf.objects.create(report=report, code=new_verification_code())
    transaction.on_commit(lambda: _queue_pdf(approved))
    transaction.on_commit(lambda: notifications.report_approved(report, event))
    return event


def _queue_pdf(approved):
    from reports import tasks

    tasks.render_approved_pdf.enqueue(approved.pk)


def new_verification_code():
    """A short code printed on every page of the approved PDF: 10 characters, no look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(10))
        if not ApprovedPdf.objects.filter(code=code).exists():
            return code


@transaction.atomic
def add_comment(report, user, section, field, text, project=None):
    """A reviewer's comment on a section or a field; sent to the unit with the next return.

    `project` (F3, one of the report's projects) names the project whose page it is on."""
    if not report.reviewable_by(user):
        raise WorkflowError("只有本财政局的审核人可以留下审核意见。")
    if report.status != Report.Status.SUBMITTED:
        raise WorkflowError("只能对已提交的报告留下审核意见。")
    if project is not None and project.report_id != report.pk:
        raise KeyError(project.pk)
    # KeyError for a section the form does not have
    report.spec.section(section, "project" if project is not None else "report")
    return ReviewComment.objects.create(
        report=report, author=user, section=section, project=project, field=field,
        text=text.strip(),
    )


@transaction.atomic
def rescore(report, user, row, review_score, review_reason):
    """A reviewer's 审核得分 for one indicator (or the budget line); the unit's score stays.

    A review score below the row's 分值 needs a reason; it is never above the 分值.
    """
    if not report.reviewable_by(user):
        raise WorkflowError("只有本财政局的审核人可以审核评分。")
    if report.status != Report.Status.SUBMITTED:
        raise WorkflowError("只能对已提交的报告审核评分。")
    if review_score is not None:
        if row.weight is not None and review_score > row.weight:
            raise WorkflowError(f"审核得分不能高于分值 {row.weight}")
        if row.weight is not None and review_score < row.weight and not review_reason.strip():
            raise WorkflowError("审核得分低于分值时请写明扣分原因")
    row.review_score = review_score
    row.review_reason = review_reason.strip()
    row.save(update_fields=["review_score", "review_reason"])
    recompute_summary(report)
