"""Every write that has rules: creating a report, saving an edit page with its tables.

Each service is one transaction: a report is never left half-written.
"""

from django.db import transaction

from reports.models import Report


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
    return report


@transaction.atomic
def save_section(report, section_forms, user):
    """Write one edit page: the report's fields, its layout options or narrative, its tables.

    `section_forms` must be valid. Rows keep the order the page gave them, renumbered from 0;
    rows marked for deletion are deleted; new indicator rows get their group.
    Side effects: report.updated_at and updated_by change.
    """
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
    if section_forms.narrative is not None:
        report.narrative = {**report.narrative, **section_forms.narrative.cleaned_data}
    report.updated_by = user
    report.save()

    for formset in section_forms.formsets():
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
            row.save()

    recompute_total_score(report)


def recompute_total_score(report):
    """Store the report's 总分 as its family computes it. The only writer of total_score."""
    total = report.spec.total_score(report)
    if total != report.total_score:
        report.total_score = total
        Report.objects.filter(pk=report.pk).update(total_score=total)
