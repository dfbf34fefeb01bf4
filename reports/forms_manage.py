"""Forms of the 财政局管理员's pages: units, 二级机构, users, the forms of a year.

The choices are always this bureau's (its units, its users), so a value forged for another bureau
fails here with a message beside the field; management_services checks the same rules again
before it writes.
"""

from django import forms
from django.contrib.auth.forms import SetPasswordForm, SetPasswordMixin, UsernameField

from reports.forms import MAX_ROWS, RowForm, RowFormSet, formfield, year_field
from reports.management_services import BUREAU_ROLES, UNIT_ROLES
from reports.models import FormVersion, Institution, Unit, User


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("name", "budget_code")
        formfield_callback = formfield
        error_messages = {
            # Unit names and codes are unique across every bureau: the message must not say
            # which unit (perhaps another bureau's) has it.
            "name": {"unique": "该单位名称已被使用，请核对后重新填写",
                     "required": "请填写单位名称，例如 岳阳县科学技术协会"},
            "budget_code": {"unique": "该预算编码已被使用，请核对后重新填写",
                            "required": "请填写预算编码，例如 505001"},
        }
        help_texts = {"budget_code": "财政一体化系统中的单位预算编码，只含数字和字母，例如 505001"}


class InstitutionForm(RowForm):
    class Meta(RowForm.Meta):
        model = Institution
        fields = ("name", "position")
        error_messages = {"name": {"required": "请填写二级机构名称，例如 科普中心"}}


class InstitutionFormSet(RowFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.ordered_rows():
            name = form.cleaned_data.get("name", "").strip()
            if name in seen:
                form.add_error("name", f"二级机构“{name}”重复了，请删除或改名")
            seen.add(name)


def institution_formset(unit, data=None):
    """The 二级机构 of `unit` as a table of rows: add, rename, reorder, remove."""
    formset_class = forms.inlineformset_factory(
        Unit,
        Institution,
        form=InstitutionForm,
        formset=InstitutionFormSet,
        fields=("name", "position"),
        widgets={"position": forms.HiddenInput(attrs={"class": "row-position"})},
        extra=0,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )
    return formset_class(data, instance=unit, prefix="institutions")


class ManagedUserForm(forms.ModelForm):
    """A user of the bureau: 填报人 and 单位负责人 of one of its units, 审核人 and 管理员 of the
    bureau itself."""

    class Meta:
        model = User
        fields = ("username", "first_name", "role", "unit", "phone", "email")
        formfield_callback = formfield
        field_classes = {"username": UsernameField}
        labels = {"first_name": "姓名", "email": "电子邮箱"}
        help_texts = {
            "username": "登录用的名字：字母、数字和 @ . + - _，例如 zhangsan",
            "unit": "填报人、单位负责人选择所属单位；财政局审核人、管理员属于财政局，单位留空",
            "email": "接收提交、退回和通过的通知，可不填",
        }
        error_messages = {
            "username": {"required": "请填写用户名，例如 zhangsan"},
            "unit": {"invalid_choice": "请从列表中选择本财政局的单位"},
            "role": {"invalid_choice": "请从列表中选择角色", "required": "请选择角色"},
        }

    def __init__(self, bureau, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bureau = bureau
        units = Unit.objects.filter(bureau=bureau)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = "（不属于单位）"
        if self.instance.pk is None and not self.is_bound and len(units) == 1:
            self.fields["unit"].initial = units[0]
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = "请填写姓名，例如 张三"

    def clean_username(self):
        username = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("该用户名已被使用，请换一个")
        return username

    def clean(self):
        cleaned = super().clean()
        role, unit = cleaned.get("role"), cleaned.get("unit")
        if role in UNIT_ROLES and unit is None and "unit" not in self.errors:
            self.add_error("unit", "填报人和单位负责人须选择所属单位")
        if role in BUREAU_ROLES and unit is not None:
            self.add_error("unit", "财政局审核人和管理员不属于单位，请将单位留空")
        return cleaned

    def values(self):
        """The cleaned values as management_services.save_user takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ManagedUserCreateForm(SetPasswordMixin, ManagedUserForm):
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="初始密码", label2="再输入一次"
    )

    def clean(self):
        self.validate_passwords()
        return super().clean()

    def _post_clean(self):
        super()._post_clean()
        self.validate_password_for_user(self.instance)


class UserPasswordForm(SetPasswordForm):
    """Django's form: the new password twice, checked by AUTH_PASSWORD_VALIDATORS."""


class YearChoiceForm(forms.Form):
    year = year_field(2024)


class FormVersionsField(forms.ModelMultipleChoiceField):
    """Form versions ticked by id. An id too large for the database is no choice: Django checks
    the range of an id looked up alone, but not of ids looked up together, which SQLite refuses
    with OverflowError."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = not 0 < int(pk) < 2**63
            except (TypeError, ValueError):
                out_of_range = False  # Django's own check says it is not an id
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class YearFormsForm(forms.Form):
    form_versions = FormVersionsField(
        FormVersion.objects.all(),
        label="本年度使用的表单",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="一个也不勾选，表示各单位可以选择任一表单",
        error_messages={"invalid_choice": "请从列表中勾选表单",
                        "invalid_pk_value": "请从列表中勾选表单"},
    )
