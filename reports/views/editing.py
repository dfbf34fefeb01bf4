"""Views: parse the request, call one service, render. Every report is looked up through
Report.objects.visible_to(user), so another unit's report is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import select_template
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from reports import checks, history, limits, pdf, services
from reports.forms import NewReportForm, SectionForms
from reports.models import Report, Unit


def _report(request, pk):
    queryset = Report.objects.visible_to(request.user).select_related(
        "unit__bureau", "form_version"
    )
    return get_object_or_404(queryset, pk=pk)


def _units(user):
    if user.is_superuser:
        return Unit.objects.all()
    if user.unit_id:
        return Unit.objects.filter(pk=user.unit_id)
    return Unit.objects.none()


@login_required
def report_list(request):
    reports = (
        Report.objects.visible_to(request.user)
        .select_related("unit", "form_version")
        .order_by("-year", "unit__budget_code", "form_version__code")
    )
    units = _units(request.user)
    new_form = NewReportForm(units) if units.exists() else None
    return render(request, "reports/report_list.html", {"reports": reports, "new_form": new_form})


@login_required
@require_POST
def report_new(request):
    units = _units(request.user)
    form = NewReportForm(units, request.POST)
    if not form.is_valid():
        reports = Report.objects.visible_to(request.user).select_related("unit", "form_version")
        return render(
            request, "reports/report_list.html", {"reports": reports, "new_form": form}, status=400
        )
    report = services.create_report(
        form.cleaned_data["unit"], form.cleaned_data["year"], form.cleaned_data["form_version"],
        request.user,
    )
    messages.success(request, f"已创建 {report.unit.name} {report.year} 年度报告，请逐页填写。")
    return redirect("report_section", pk=report.pk, slug=report.spec.sections[0].slug)


@login_required
def report_section(request, pk, slug):
    report = _report(request, pk)
    try:
        section = report.spec.section(slug)
    except KeyError:
        raise Http404("没有这一部分") from None
    return _section_page(request, report, section)


@login_required
def project_section(request, pk, project_pk, slug):
    """A page of one project of the report (F3: its 自评表 or its 自评报告)."""
    report = _report(request, pk)
    project = get_object_or_404(report.projects, pk=project_pk)
    try:
        section = report.spec.section(slug, scope="project")
    except KeyError:
        raise Http404("没有这一部分") from None
    return _section_page(request, report, section, project)


def _section_url(report, section, project):
    if project is not None:
        return reverse("project_section", args=[report.pk, project.pk, section.slug])
    return reverse("report_section", args=[report.pk, section.slug])


def _section_page(request, report, section, project=None):
    editable = report.editable_by(request.user)
    status, conflict = 200, None
    if request.method == "POST":
        if not editable:
            raise Http404("该报告不可编辑")
        forms = SectionForms(report, section, request.POST, project=project)
        if forms.is_valid():
            try:
                services.save_section(report, forms, request.user,
                                      _posted_version(request, report))
            except services.ConcurrentEdit as error:
                conflict = _conflict(error)
                report.refresh_from_db()
                status = 409
            else:
                messages.success(request, f"“{section.title}”已保存。")
                target = section
                if "save_next" in request.POST and report.spec.next_section(section):
                    target = report.spec.next_section(section)
                return redirect(_section_url(report, target, project))
        else:
            status = 400
    else:
        forms = SectionForms(report, section, project=project)
    comments = report.comments.filter(section=section.slug, project=project).select_related("author")
    if not report.reviewable_by(request.user):
        comments = comments.exclude(event=None)  # the unit sees comments once returned
    figures = (report.spec.project_context(report, project) if project is not None
               else report.spec.context(report))
    return render(
        request,
        "reports/section.html",
        {
            "report": report,
            "section": section,
            "section_help": report.spec.section_help(report, section),
            "project": project,
            "forms": forms,
            "editable": editable,
            "conflict": conflict,
            "comments": comments,
            "comment_markers": [{"field": c.field, "text": c.text} for c in comments if c.field],
            "comment_targets": _comment_targets(forms)
            if report.reviewable_by(request.user) and report.status == report.Status.SUBMITTED
            else None,
            "figures": figures,
            "section_template": select_template(report.spec.section_templates(section)),
            "next_section": report.spec.next_section(section),
        },
        status=status,
    )


def _posted_version(request, report):
    """The lock_version the page was opened at; a page without one saves over the current.

    One that is not a number names no version (-1): the save is refused as stale rather than
    let through over whatever was saved since.
    """
    if "lock_version" not in request.POST:
        return report.lock_version
    try:
        return int(request.POST["lock_version"])
    except ValueError:
        return -1


def _conflict(error):
    """What the other person changed since this page was opened, for the refusal message."""
    report = error.report
    report.refresh_from_db()
    before = history.revision_at(report, error.expected_version)
    after = history.latest_revision(report)
    changes = (history.diff_revisions(before, after, history.narrative_titles(report))
               if before and after else None)
    return {"by": report.updated_by, "at": report.updated_at, "changes": changes}


def _comment_targets(forms):
    """(element id, label) of every field on the page a reviewer may comment on."""
    targets = [("", "整个部分")]
    for form in forms.forms():
        targets += [(f"id_{form[name].html_name}", form[name].label) for name in form.fields]
    for formset in forms.formsets():
        title = formset.group.label if formset.group else formset.model._meta.verbose_name
        for index, form in enumerate(formset.forms, start=1):
            for field in form.visible_fields():
                targets.append((f"id_{field.html_name}", f"{title} 第{index}行 · {field.label}"))
    return targets


@login_required
@require_POST
def report_preview(request, pk, slug):
    """The figures of an edit page as typed so far, computed by the server for the page's
    script: suggestions, totals and messages. Nothing is saved."""
    report = _report(request, pk)
    try:
        section = report.spec.section(slug)
    except KeyError:
        raise Http404("没有这一部分") from None
    if not report.editable_by(request.user):
        raise Http404("该报告不可编辑")
    return JsonResponse(report.spec.preview(report, SectionForms(report, section, request.POST)))


@login_required
def report_check(request, pk):
    report = _report(request, pk)
    findings = checks.run_checks(report)
    sections = {section.slug: section
                for section in (*report.spec.sections, *report.spec.project_sections)}
    items = [
        {
            "finding": finding,
            "section": sections[finding.section],
            "url": (
                reverse("project_section", args=[report.pk, finding.project, finding.section])
                if finding.project
                else reverse("report_section", args=[report.pk, finding.section])
            ) + (f"#{finding.anchor}" if finding.anchor else ""),
        }
        for finding in findings
    ]
    return render(request, "reports/check.html", {"report": report, "items": items})


@login_required
def report_pdf(request, pk):
    report = _report(request, pk)
    if report.status == Report.Status.APPROVED:
        # An approved report has one PDF, the stored one with its verification code.
        approved = getattr(report, "approved_pdf", None)
        if approved is not None and approved.state == approved.State.READY:
            return redirect("approved_pdf", pk=report.pk)
        messages.info(request, "审定 PDF 正在生成，请稍候在本页下载。")
        return redirect("report_detail", pk=report.pk)
    try:
        content = pdf.render_report(report)
    except limits.ReportTooLarge as error:
        messages.error(request, str(error))
        return redirect("report_detail", pk=report.pk)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{report.unit.budget_code}-{report.year}-{report.form_version.code}.pdf"
    disposition = "attachment" if "download" in request.GET else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
