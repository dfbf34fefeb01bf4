"""The report's page and its workflow: submit, confirm, return, approve, comments, re-scoring,
and what changed since the previous submission. Each action is one service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from reports import history, services
from reports.forms import RescoreForm, ReviewCommentForm, StepCommentForm, first_error
from reports.models import ApprovedPdf, IndicatorRow, Project, Report
from reports.views.editing import _report, _section_url


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    user = request.user
    scored = report.spec.scored(report)
    context = {
        "report": report,
        "editable": report.editable_by(user),
        "reviewable": report.reviewable_by(user) and report.status == Report.Status.SUBMITTED,
        "can_confirm": (
            user.role == user.Role.UNIT_HEAD and user.unit_id == report.unit_id
            and report.status in Report.EDITABLE
            and report.option("head_confirmation")
        ),
        "needs_confirmation": services.needs_head_confirmation(report),
        "events": report.events.select_related("actor"),
        "comments": report.comments.select_related("author", "event", "project"),
        "sections": {section.slug: section for section in report.spec.sections},
        "project_sections": {section.slug: section for section in report.spec.project_sections},
        "approved_pdf": ApprovedPdf.objects.filter(report=report).first(),
        "scored": scored,
        "scored_rows": report.spec.scored_rows(report) if scored else [],
        "has_previous_submission": len(history.submissions(report)) >= 2,
    }
    return render(request, "reports/detail.html", context)


def _cleaned(form):
    """The form's cleaned data; WorkflowError with its first message, shown on the report page,
    when it is invalid."""
    if not form.is_valid():
        raise services.WorkflowError(first_error(form))
    return form.cleaned_data


def _comment(request):
    return _cleaned(StepCommentForm(request.POST))["comment"]


def _workflow(request, pk, action, success):
    report = _report(request, pk)
    try:
        action(report)
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk):
    return _workflow(request, pk,
                     lambda r: services.submit_report(r, request.user, _comment(request)),
                     "报告已提交，等待财政局审核。")


@login_required
@require_POST
def report_confirm(request, pk):
    return _workflow(request, pk, lambda r: services.confirm_report(r, request.user),
                     "已确认，填报人现在可以提交。")


@login_required
@require_POST
def report_return(request, pk):
    return _workflow(request, pk,
                     lambda r: services.return_report(r, request.user, _comment(request)),
                     "报告已退回，单位可以修改后重新提交。")


@login_required
@require_POST
def report_approve(request, pk):
    return _workflow(request, pk,
                     lambda r: services.approve_report(r, request.user, _comment(request)),
                     "报告已审核通过，正在生成审定 PDF。")


@login_required
@require_POST
def report_comment(request, pk):
    report = _report(request, pk)
    form = ReviewCommentForm(request.POST)
    project = _own(Project, report, request.POST["project"]) if request.POST.get("project") else None
    try:
        data = _cleaned(form)
        services.add_comment(report, request.user, data["section"], data["field"], data["text"],
                             project)
    except KeyError:
        raise Http404("没有这一部分") from None
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "审核意见已记下，将随退回一并发给单位。")
    if request.POST.get("back") == "section":
        scope = "report" if project is None else "project"
        try:
            section = report.spec.section(request.POST.get("section", ""), scope)
        except KeyError:
            pass
        else:
            return redirect(_section_url(report, section, project))
    return redirect("report_detail", pk=report.pk)


def _own(model, report, pk):
    """The row of `model` with primary key `pk` (as posted) that belongs to `report`, or 404."""
    if not (pk.isascii() and pk.isdigit()):
        raise Http404("没有这一行")
    return get_object_or_404(model, report=report, pk=pk)


@login_required
@require_POST
def report_rescore(request, pk):
    report = _report(request, pk)
    row_id = request.POST.get("row", "")
    if row_id == "budget" and hasattr(report, "budget"):
        row = report.budget
    else:
        row = _own(IndicatorRow, report, row_id)

    def action(report):
        data = _cleaned(RescoreForm(request.POST))
        services.rescore(report, request.user, row, data["review_score"], data["review_reason"])

    return _workflow(request, pk, action, "审核得分已保存。")


@login_required
def report_changes(request, pk):
    report = _report(request, pk)
    found = history.changes_since_previous_submission(report)
    return render(request, "reports/changes.html", {
        "report": report,
        "latest": found[0] if found else None,
        "previous": found[1] if found else None,
        "changes": found[2] if found else [],
    })


@login_required
def approved_pdf(request, pk):
    report = _report(request, pk)
    approved = get_object_or_404(ApprovedPdf, report=report, state=ApprovedPdf.State.READY)
    filename = f"{report.unit.budget_code}-{report.year}-{report.form_version.code}-审定.pdf"
    return FileResponse(approved.file.open("rb"), as_attachment=True, filename=filename,
                        content_type="application/pdf")


@login_required
def approved_pdf_status(request, pk):
    """Where the approved PDF stands, for the report page's script while it is being rendered:
    {"state": "none" | "pending" | "ready" | "failed", "text": what to tell the user, "url"}."""
    report = _report(request, pk)
    approved = ApprovedPdf.objects.filter(report=report).only("state").first()
    state = approved.state if approved is not None else "none"
    texts = {
        "none": "这份报告尚未审核通过，没有审定 PDF。",
        ApprovedPdf.State.PENDING: "审定 PDF 正在生成…",
        ApprovedPdf.State.READY: "审定 PDF 已生成。",
        ApprovedPdf.State.FAILED: "审定 PDF 生成失败，请联系管理员。",
    }
    url = reverse("approved_pdf", args=[report.pk]) if state == ApprovedPdf.State.READY else ""
    return JsonResponse({"state": state, "text": texts[state], "url": url},
                        headers={"Cache-Control": "no-store"})
