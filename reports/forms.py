"""Forms of the edit pages: one form or formset per table of the official form.

Every field cleans into a domain type (Decimal, date, int) and says in Chinese what to type.
`SectionForms` gathers the forms of one edit page; services.save_section writes them.
"""

from decimal import Decimal

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models as db_models

from reports import calc, validators
from reports.models import (
    EvaluatorRow,
    FunctionRow,
    Project,
    ProjectFund,
    GoalRow,
    IndicatorRow,
    InstitutionRow,
    Report,
    ReportEvent,
    ReviewComment,
    TaskRow,
    Unit,
    FormVersion,
)
from reports.limits import (
    FIRST_YEAR, LAST_YEAR, MAX_ROWS, NARRATIVE_MAX_LENGTH, YEAR_RANGE_MESSAGE, max_rows, valid_year,
)

AMOUNT_EXAMPLE = "例如 95.76"
FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


def normalise_number(value):
    """Accept what people paste from Excel or Word: full-width digits, thousands commas."""
    if isinstance(value, str):
        value = value.translate(FULLWIDTH).strip().replace(",", "").replace(" ", "")
    return value


class AmountField(forms.DecimalField):
    """An amount in 万元: not negative, at most two decimals and ten whole digits."""

    default_error_messages = {
        "invalid": f"请填写数字，最多两位小数，{AMOUNT_EXAMPLE}",
        "max_decimal_places": f"最多两位小数，{AMOUNT_EXAMPLE}",
        "max_digits": "金额过大：整数部分最多 10 位（单位：万元）",
        "max_whole_digits": "金额过大：整数部分最多 10 位（单位：万元）",
        "min_value": "金额不能为负数",
    }

    def __init__(self, **kwargs):
        kwargs.update(max_digits=12, decimal_places=2, min_value=Decimal("0"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "amount", "step": "0.01"})

    def widget_attrs(self, widget):
        # A text input, not type=number: browsers silently drop what a number input cannot
        # parse, and the clerk would lose what was typed instead of seeing our message.
        return {}

    def to_python(self, value):
        return super().to_python(normalise_number(value))

    widget = forms.TextInput


class ScoreField(forms.DecimalField):
    """A 0–100 score; `98%` is read as 98. Whether it is within 0–100 is a 检查 finding."""

    default_error_messages = {
        "invalid": "请填写得分数字，最多两位小数，例如 97",
        "max_decimal_places": "得分最多两位小数，例如 97.5",
        "max_digits": "得分应在 0 至 100 之间",
        "max_whole_digits": "得分应在 0 至 100 之间",
        "min_value": "得分不能为负数",
    }
    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.update(max_digits=5, decimal_places=2, min_value=Decimal("0"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "score"})

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        value = normalise_number(value)
        if isinstance(value, str):
            value = value.removesuffix("%")
        return super().to_python(value)


def refuse_null_in_chinese(field):
    """Give `field`'s refusal of NUL characters our message (validators.no_null_characters)."""
    field.validators = [
        validators.no_null_characters if isinstance(v, ProhibitNullCharactersValidator) else v
        for v in field.validators
    ]
    return field


class ChineseCharField(forms.CharField):
    """A text field whose messages are in Chinese, NUL characters included."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        refuse_null_in_chinese(self)


DATE_FORMATS = ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d"]


class ChineseDateField(forms.DateField):
    default_error_messages = {"invalid": "请填写有效日期，例如 2022-06-20 或 2022年06月20日"}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
        super().__init__(**kwargs)


class CountField(forms.IntegerField):
    default_error_messages = {
        "invalid": "请填写整数人数，例如 3",
        "min_value": "人数不能为负数",
        "max_value": "人数过大，请核对",
    }

    def __init__(self, **kwargs):
        kwargs.update(min_value=0, max_value=100000)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "count"})


def formfield(db_field, **kwargs):
    """Map model fields to the fields above, keeping each model field's label and help text."""
    if isinstance(db_field, db_models.DecimalField):
        field_class = ScoreField if db_field.max_digits <= 5 else AmountField
        return field_class(label=db_field.verbose_name, help_text=db_field.help_text,
                           required=not db_field.null)
    if isinstance(db_field, db_models.DateField):
        return ChineseDateField(label=db_field.verbose_name, required=not db_field.blank)
    if isinstance(db_field, db_models.PositiveIntegerField) and db_field.null:
        return CountField(label=db_field.verbose_name, required=False)
    field = db_field.formfield(**kwargs)
    if field is None:
        return None
    if isinstance(db_field, db_models.TextField):
        field.widget.attrs["rows"] = 4
    if db_field.choices and db_field.blank and isinstance(field, forms.ChoiceField):
        # Django's blank choice is in English here ("- Select an option -").
        field.choices = [("", "（不选）"), *(c for c in field.choices if c[0] != "")]
    return refuse_null_in_chinese(field)


class ReportFieldsForm(forms.ModelForm):
    """The report's own fields on one edit page; which ones is the section's business."""

    class Meta:
        model = Report
        fields = ()
        formfield_callback = formfield


def report_fields_form(report, section, data=None):
    fields = list(section.fields)
    for name in ("staff_quota", "staff_actual"):
        if name in fields:
            breakdown = report.option("staff_breakdown")
            parts = (f"{name}_admin", f"{name}_public")
            drop = (name,) if breakdown else parts
            fields = [f for f in fields if f not in drop]
    if not fields:
        return None
    form_class = forms.modelform_factory(
        Report, form=ReportFieldsForm, fields=fields, formfield_callback=formfield
    )
    return form_class(data, instance=report, prefix="report")


class OptionsForm(forms.Form):
    """版式选项: the report's own choice of the form version's variants."""

    def __init__(self, report, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        spec = report.spec
        for option in spec.report_options:
            current = spec.option(report, option.name)
            if option.kind == "list":
                field = forms.MultipleChoiceField(
                    choices=spec.choices_for(option), required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            elif option.kind == "bool":
                field = forms.BooleanField(required=False)
            elif option.choices:
                field = forms.ChoiceField(choices=option.choices)
            else:
                field = ChineseCharField(max_length=50)
            field.label = option.label
            field.help_text = option.help
            field.initial = current
            self.fields[option.name] = field


class NarrativeForm(forms.Form):
    """五、评价报告综述: one text box under each heading of the version's outline."""

    max_length = NARRATIVE_MAX_LENGTH

    def __init__(self, outline, texts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for heading in outline:
            if heading.key:
                self.fields[heading.key] = ChineseCharField(
                    label=heading.title,
                    required=False,
                    max_length=self.max_length,
                    initial=texts.get(heading.key, ""),
                    widget=forms.Textarea(attrs={"rows": 6}),
                )


def check_score(form, weight, score, band="", field="score"):
    """Refuse a 自评得分 above the 分值, or outside the 定性 band the unit chose."""
    from reports import scoring

    if score > weight:
        form.add_error(field, f"自评得分不能高于分值 {calc.plain(weight)}")
    elif band:
        low, high = scoring.band_range(band, weight)
        if not scoring.score_in_band(band, weight, score):
            form.add_error(
                field,
                f"所选档次的得分应在 {calc.plain(low)} 至 {calc.plain(high)} 之间"
                + ("" if band == "achieved" else "（不含上限）"),
            )


class DetailForm(forms.ModelForm):
    """The fields of a family's detail model (F2: 年度预算申请; F3: a project)."""

    # (分值 field, 得分 field) pairs a detail model may have.
    SCORED_PAIRS = (("weight", "score"), ("budget_weight", "budget_score"))

    def clean(self):
        cleaned = super().clean()
        for weight_field, score_field in self.SCORED_PAIRS:
            if score_field not in self.fields:
                continue
            weight, score = cleaned.get(weight_field), cleaned.get(score_field)
            if weight is not None and weight > 100:
                self.add_error(weight_field, "分值应在 0 至 100 之间")
            elif weight is not None and score is not None:
                check_score(self, weight, score, field=score_field)
        return cleaned


def detail_form(report, section, data=None, project=None):
    if not section.detail_fields:
        return None
    detail = report.spec.detail_instance(report, project)
    form_class = forms.modelform_factory(
        type(detail), form=DetailForm, fields=report.spec.detail_fields(report, section),
        formfield_callback=formfield,
    )
    return form_class(data, instance=detail, prefix=DETAIL_PREFIX[type(detail).__name__])


DETAIL_PREFIX = {"BudgetExecution": "budget", "Project": "project", "OverallFigures": "overall"}


def cell_label(table, row_number, label, amount=False):
    """What a screen reader calls a table cell's input: "二级机构 第2行 基本支出（万元）".

    The page's script renumbers it when rows are added, removed or moved; a row not yet
    numbered (the empty row the script clones) is "新增行"."""
    row = f"第{row_number}行" if row_number else "新增行"
    return f"{table} {row} {label}{'（万元）' if amount else ''}"


class CellBoundField(forms.BoundField):
    """A table cell's input: named by its table, row and column, described by its column's
    note (shown above the table) and by its error message."""

    @property
    def aria_describedby(self):
        ids = [self.field.note_id] if getattr(self.field, "note_id", "") else []
        if self.errors:
            ids.append(f"{self.auto_id}_error")
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        table = getattr(self.form, "table_label", "")
        if table and not (widget or self.field.widget).is_hidden:
            attrs["aria-label"] = cell_label(table, getattr(self.form, "row_number", None),
                                             self.label, isinstance(self.field, AmountField))
        return attrs


class RowForm(forms.ModelForm):
    """A table row; `position` is kept in a hidden input the page renumbers on reorder."""

    bound_field_class = CellBoundField

    def clean(self):
        """A scored row: the 自评得分 is at most the 分值, and inside the chosen 定性 band."""
        cleaned = super().clean()
        weight, score = cleaned.get("weight"), cleaned.get("score")
        if weight is not None and weight > 100:
            self.add_error("weight", "分值应在 0 至 100 之间")
        elif weight is not None and score is not None:
            check_score(self, weight, score, cleaned.get("band"))
        elif weight is None and score is not None and "weight" not in self.errors:
            self.add_error("weight", "请先填写分值，自评得分不能高于分值")
        return cleaned

    def has_changed(self):
        # The page numbers every row it adds, so a row added and left blank would count as
        # typed in; only what the clerk can see decides whether the row was filled.
        return any(name != "position" for name in self.changed_data)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                css = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} form-control form-control-sm".strip()
                field.widget.attrs.setdefault("aria-label", field.label)
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 2

    class Meta:
        fields = ()
        formfield_callback = formfield
        widgets = {"position": forms.HiddenInput(attrs={"class": "row-position"})}


# How a table names its rows (cell_label); a family's notes may say otherwise (its NOTES).
ROW_LABELS = {
    "institutions": "二级机构", "tasks": "年度主要工作内容", "goals": "目标", "indicators": "指标",
    "evaluators": "评价人员", "projects": "项目", "functions": "支出功能分类",
}


INSTITUTION_FIELDS = ("name", "position", *[
    f.name for f in InstitutionRow._meta.fields if isinstance(f, db_models.DecimalField)
])

TABLES = {
    "institutions": (InstitutionRow, INSTITUTION_FIELDS),
    "tasks": (TaskRow, ("text", "position")),
    "goals": (GoalRow, ("target", "actual", "position")),
    "indicators": (IndicatorRow, ("name", "target", "actual", "position")),
    "evaluators": (EvaluatorRow, ("name", "title", "organisation", "position")),
    "projects": (Project, ("name", "implementer", "position")),
    "functions": (FunctionRow, ("name", "amount", "position")),
}


ROWS_OUT_OF_DATE = "表格的行与已保存的不一致（可能在另一个窗口中改过），请刷新页面后重新填写。"


class RowFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.row_number = None if index is None else index + 1
        if self.can_delete:
            form.fields["DELETE"].widget = forms.HiddenInput(attrs={"class": "row-delete"})
        # Django offers every row of the model as a choice for the hidden id; only this
        # report's rows (of this group) may be named, or a forged id would add a copy.
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()

    def clean(self):
        """Each stored row is named by one row of the page at most, and never by an added row:
        Django would save two rows naming one as one (the first one's values lost), and an
        added row naming a stored one as a copy of it."""
        super().clean()
        pk_name = self.model._meta.pk.name
        named = set()
        for index, form in enumerate(self.forms):
            if pk_name in form.errors:
                # A row that is not this table's; Django would ignore it when marked deleted.
                raise forms.ValidationError(ROWS_OUT_OF_DATE, code="rows_out_of_date")
            row = getattr(form, "cleaned_data", {}).get(pk_name)
            if row is None:
                continue
            if index >= self.initial_form_count() or row.pk in named:
                raise forms.ValidationError(ROWS_OUT_OF_DATE, code="rows_out_of_date")
            named.add(row.pk)

    def ordered_rows(self):
        """The kept forms in the order the page put them, for renumbering positions 0 … n-1."""
        kept = [
            (index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed() or form.instance.pk
            if not self._should_delete_form(form)
        ]
        return [
            form
            for _index, form in sorted(
                kept, key=lambda item: (item[1].cleaned_data.get("position") or 0, item[0])
            )
        ]


class FixedRowFormSet(RowFormSet):
    """A table whose rows the page cannot add or remove (a project's funds, one per source):
    every posted row must be one of the stored rows, or its figures would be dropped."""

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.forms):
            raise forms.ValidationError(ROWS_OUT_OF_DATE, code="rows_out_of_date")


def funds_formset(report, project, data=None):
    """A project's money by source: fixed rows, the columns the form version prints."""
    # No more forms than stored rows, however many the post claims: the page shows each form
    # beside its stored row.
    rows = project.funds.count()
    formset_class = forms.inlineformset_factory(
        Project, ProjectFund, form=RowForm, formset=FixedRowFormSet,
        fields=report.spec.fund_columns(report), formfield_callback=formfield, extra=0,
        can_delete=False, max_num=rows, absolute_max=rows, validate_max=True,
    )
    formset = formset_class(data, instance=project, prefix="funds")
    formset.group = None
    return formset


def table_formset(report, name, data=None, group=None, project=None):
    model, fields = TABLES[name]
    if name == "indicators":
        fields = (*report.spec.indicator_columns(report), "position")
    if name == "institutions" and not report.option("balance_split"):
        # Without the split there is no 累计结余 input; leaving the field in the form would
        # blank the stored figures on every save.
        fields = tuple(f for f in fields if f != "balance_accumulated")
    formset_class = forms.inlineformset_factory(
        Report,
        model,
        form=RowForm,
        formset=RowFormSet,
        fields=fields,
        formfield_callback=formfield,
        widgets={"position": forms.HiddenInput(attrs={"class": "row-position"})},
        extra=0,
        can_delete=True,
        max_num=max_rows(model),
        validate_max=True,
        absolute_max=max_rows(model),
    )
    # The factory makes a new form class each time: labels and requirements set on its
    # base_fields reach every row, the empty row the page clones included.
    base_fields = formset_class.form.base_fields
    for field in base_fields.values():
        field.required = field.required and not isinstance(field.widget, forms.HiddenInput)
    if name == "indicators":
        labels = dict(report.spec.indicator_labels_for(report))
        for field_name, label in labels.items():
            base_fields[field_name].label = label
            base_fields[field_name].widget.attrs["aria-label"] = label
    queryset = model.objects.filter(report=report)
    if name == "indicators":
        queryset = queryset.filter(project=project)
    prefix = name
    if group is not None:
        queryset = queryset.filter(group=group.key)
        prefix = f"{name}-{group.key}"
    formset = formset_class(data, instance=report, queryset=queryset, prefix=prefix)
    formset.group = group
    return formset


class SectionForms:
    """Every form of one edit page of a report, bound to the posted data when there is any."""

    def __init__(self, report, section, data=None, project=None):
        self.report = report
        self.section = section
        self.project = project
        # Where the page's narrative lives: the report's, or one project's (F3).
        self.owner = project if section.scope == "project" else report
        self.fields = report_fields_form(report, section, data) if section.scope == "report" else None
        self.detail = detail_form(report, section, data, project)
        self.options = OptionsForm(report, data, prefix="options") if section.slug == "cover" else None
        self.narrative = (
            NarrativeForm(report.spec.section_outline(report, section), self.owner.narrative, data,
                          prefix="narrative")
            if section.narrative else None
        )
        self.tables = {}
        for name in section.tables:
            if name == "indicators":
                self.tables[name] = [
                    table_formset(report, name, data, group=group, project=project)
                    for group in report.spec.enabled_groups(report)
                ]
            elif name == "funds":
                self.tables[name] = [funds_formset(report, project, data)]
            else:
                self.tables[name] = [table_formset(report, name, data)]
        self.notes = self._apply_notes(report.spec.notes_for(report))

    def _apply_notes(self, notes):
        """Put the form's 填表说明 (the family's NOTES) on the fields, and name each table's rows.

        The page's own fields get them as help text, shown under the field; a table's inputs
        point at their column's note, shown above the table. Returns, by table, the table's
        note and its columns' notes {column: {"id", "label", "text"}} for the templates.
        """
        for form, texts in ((self.fields, notes.get("fields", {})),
                            (self.detail, notes.get("fields", {})),
                            (self.narrative, notes.get("headings", {}))):
            for name, field in (form.fields.items() if form is not None else ()):
                if texts.get(name):
                    field.help_text = texts[name]
        by_table = {}
        for name, formsets in self.tables.items():
            texts = notes.get("columns", {}).get(name, {})
            columns = {}
            for formset in formsets:
                # The forms are built on first use, from these class attributes.
                formset.form.table_label = (
                    formset.group.label if getattr(formset, "group", None) is not None
                    else notes.get("rows", {}).get(name, ROW_LABELS.get(name, ""))
                )
                for column, field in formset.form.base_fields.items():
                    if texts.get(column):
                        field.note_id = f"note-{name}-{column}"
                        columns[column] = {"id": field.note_id, "label": field.label,
                                           "text": texts[column]}
            for column, text in texts.items():  # computed columns: no input, a note all the same
                columns.setdefault(column, {"id": f"note-{name}-{column}", "label": "", "text": text})
            by_table[name] = {"text": notes.get("tables", {}).get(name, ""), "columns": columns}
        return by_table

    def error_items(self):
        """Every error of the page as (element id, what the field is called, message), for the
        list on top of the page whose links lead to the fields."""
        items = []
        for form in self.forms():
            for name, errors in form.errors.items():
                bound = form[name] if name in form.fields else None
                items += [(bound.auto_id if bound else "", bound.label if bound else "", error)
                          for error in errors]
        # A project's money has one row per fund source, named by its source (财政拨款·执行数).
        sources = dict(self.report.spec.fund_sources(self.report)) if "funds" in self.tables else {}
        for formset in self.formsets():
            table = getattr(formset.form, "table_label", "") or formset.model._meta.verbose_name
            items += [(f"id_{formset.prefix}-table", table, error)
                      for error in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                for name, errors in form.errors.items():
                    bound = form[name] if name in form.fields else None
                    column = bound.label if bound else ""
                    if formset.prefix == "funds":
                        label = f"{sources.get(form.instance.source, table)}·{column}"
                    else:
                        label = cell_label(table, number, column)
                    items += [(bound.auto_id if bound else "", label, error) for error in errors]
        return items

    def formsets(self):
        return [formset for formsets in self.tables.values() for formset in formsets]

    def forms(self):
        forms_ = (self.fields, self.detail, self.options, self.narrative)
        return [form for form in forms_ if form is not None]

    def is_valid(self):
        results = [form.is_valid() for form in self.forms()]
        results += [formset.is_valid() for formset in self.formsets()]
        return all(results)

    def error_count(self):
        count = sum(len(form.errors) for form in self.forms())
        for formset in self.formsets():
            count += len(formset.non_form_errors())
            count += sum(len(errors) for errors in formset.errors)
        return count


def year_field(example):
    """年度, a four-digit year in the range reports may be for."""
    return forms.IntegerField(
        label="年度", min_value=FIRST_YEAR, max_value=LAST_YEAR,
        error_messages={"invalid": f"请填写四位年份，例如 {example}",
                        "required": f"请填写四位年份，例如 {example}",
                        "min_value": YEAR_RANGE_MESSAGE, "max_value": YEAR_RANGE_MESSAGE},
    )


class NewReportForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="单位", empty_label="请选择单位")
    year = year_field(2021)
    form_version = forms.ModelChoiceField(
        FormVersion.objects.all(), label="表单", empty_label="请选择表单",
        error_messages={"required": "请选择表单"},
    )

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Two rows are enough to tell a user with a single unit, in one query.
        first_units = list(units.select_related("bureau")[:2])
        if len(first_units) == 1:
            self.fields["unit"].initial = first_units[0]
        self._limit_versions_to_year(units, first_units)

    def _limit_versions_to_year(self, units, first_units):
        """Offer only the form versions the unit's 财政局 set for the chosen year (every version
        when it set none), so a posted version outside them fails beside the field.

        Before a year is typed the choice cannot be narrowed: the field says which years the
        bureau has set instead.
        """
        from reports.management_services import form_versions_for
        from reports.models import YearForm

        unit = self._chosen_unit(units, first_units)
        if unit is None:
            return
        field = self.fields["form_version"]
        year = self._chosen_year()
        if year is None:
            rows = YearForm.objects.filter(bureau_id=unit.bureau_id).select_related("form_version")
            by_year = {}
            for row in rows:
                by_year.setdefault(row.year, []).append(row.form_version.name)
            if by_year:
                field.help_text = "；".join(
                    f"{year} 年度只能选择：{'、'.join(names)}" for year, names in by_year.items()
                ) + "。其他年度可选择任一表单。"
            return
        field.queryset = form_versions_for(unit.bureau, year)
        field.error_messages["invalid_choice"] = (
            f"{year} 年度{unit.bureau.name}使用的表单是："
            f"{'、'.join(version.name for version in field.queryset)}，请从中选择"
        )

    def _chosen_unit(self, units, first_units):
        value = self["unit"].value()
        if isinstance(value, Unit):
            return value
        known = [unit for unit in first_units if str(unit.pk) == str(value)]
        if known:
            return known[0]
        try:
            return units.select_related("bureau").filter(pk=value).first() if value else None
        except (TypeError, ValueError):
            return None

    def _chosen_year(self):
        try:
            year = int(self["year"].value())
        except (TypeError, ValueError):
            return None
        return year if valid_year(year) else None

    def clean(self):
        cleaned = super().clean()
        unit, year, version = (cleaned.get(k) for k in ("unit", "year", "form_version"))
        if unit and year and version and Report.objects.filter(
            unit=unit, year=year, form_version=version
        ).exists():
            raise forms.ValidationError("该单位本年度的这份报告已经存在，请在报告列表中打开它。")
        return cleaned


# ---- the report page's small forms (reports/views/review.py); their errors become messages.
# Their lengths are the models' (formfield), so a post too long for a column is refused here.


TOO_LONG = "最多 %(limit_value)d 字，现有 %(show_value)d 字"


class StepCommentForm(forms.ModelForm):
    """The comment that goes with 提交, 退回 or 通过."""

    class Meta:
        model = ReportEvent
        fields = ("comment",)
        formfield_callback = formfield
        error_messages = {"comment": {"max_length": f"意见{TOO_LONG}"}}


class ReviewCommentForm(forms.ModelForm):
    """A reviewer's comment on a section (services.add_comment checks that it is one) or on a
    field of it, named by the field's element id."""

    class Meta:
        model = ReviewComment
        fields = ("section", "field", "text")
        formfield_callback = formfield
        error_messages = {
            "section": {"required": "请选择部分", "max_length": "没有这一部分"},
            "field": {"max_length": "没有这个栏目，请刷新页面后重新选择"},
            "text": {"required": "请填写审核意见。", "max_length": f"审核意见{TOO_LONG}"},
        }


class RescoreForm(forms.Form):
    """A reviewer's 审核得分 of one scored row, with the reason for a deduction."""

    review_score = ScoreField()
    review_reason = formfield(IndicatorRow._meta.get_field("review_reason"), required=False,
                              error_messages={"max_length": f"扣分原因{TOO_LONG}"})


def first_error(form):
    """The first message of an invalid form, for a page that shows it on top."""
    return next(iter(form.errors.values()))[0]
