"""Every write that has rules: creating a report, saving an edit page with its tables.

Each service is one transaction: a report is never left half-written.
"""

from django.db import transaction

from reports.models import InstitutionRow, Report


@transaction.atomic
def create_report(unit, year, form_version, user=None):
    """Create an empty report for `unit` and `year` on `form_version`.

    Side effects: the 二级机构 table starts with the unit's own office (局机关) and one row per
    二级机构 the unit has on record; the 填报人 line starts with the creating user.
    """
    report = Report.objects.create(
        unit=unit,
        year=year,
        form_version=form_version,
        updated_by=user,
        filler_name=user.display_name() if user else "",
        filler_phone=user.phone if user else "",
    )
    names = ["局机关", *unit.institutions.values_list("name", flat=True)]
    InstitutionRow.objects.bulk_create(
        InstitutionRow(report=report, name=name, position=index) for index, name in enumerate(names)
    )
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
