"""Organisation, users and reports.

A report is one unit's filled-in form for one year and one form version. The form version says
which family (F1 … F4) the report belongs to and carries the version's settings; the family
class in reports/families/ says which sections, tables and PDF template go with it. Child tables are
ordinary models hanging off the report, each ordered by `position`.

Computed figures (totals, 基本支出, 结余, grade) are not stored on these models: calc.py derives
them when read, so they can never disagree with the figures they come from.
"""

import reversion
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.core.exceptions import ValidationError
from django.db import models

from reports import validators
from reports.families import FAMILIES, VersionSettingsError, family_for
from reports.limits import CELL_TEXT_MAX_LENGTH as CELL, COMMENT_MAX_LENGTH as COMMENT
from reports.limits import FIRST_YEAR, LAST_YEAR, LONG_TEXT_MAX_LENGTH as LONG

AMOUNT = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}
SCORE = {"max_digits": 5, "decimal_places": 2, "null": True, "blank": True}


class Bureau(models.Model):
    """A 财政局: issues the forms and reviews its units' reports."""

    name = models.CharField("名称", max_length=100, unique=True)
    region = models.CharField("地区", max_length=50, help_text="印在表头，例如 岳阳县")

    class Meta:
        verbose_name = verbose_name_plural = "财政局"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A 科协 (or other budget unit) that fills in the reports."""

    bureau = models.ForeignKey(Bureau, models.PROTECT, related_name="units", verbose_name="财政局")
    name = models.CharField("单位名称", max_length=100, unique=True)
    budget_code = models.CharField(
        "预算编码", max_length=20, unique=True, validators=[validators.validate_budget_code]
    )

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["budget_code"]

    def __str__(self):
        return self.name


class Institution(models.Model):
    """A 二级机构 of a unit; new reports start with the unit's institutions."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="institutions")
    name = models.CharField("名称", max_length=100)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "二级机构"
        ordering = ["unit", "position", "id"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        FILLER = "filler", "填报人"
        UNIT_HEAD = "unit_head", "单位负责人"
        REVIEWER = "reviewer", "财政局审核人"
        BUREAU_ADMIN = "bureau_admin", "财政局管理员"

    role = models.CharField("角色", max_length=20, choices=Role, default=Role.FILLER)
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="users", verbose_name="单位"
    )
    bureau = models.ForeignKey(
        Bureau, models.PROTECT, null=True, blank=True, related_name="users", verbose_name="财政局"
    )
    phone = models.CharField(
        "联系电话", max_length=30, blank=True, validators=[validators.validate_phone]
    )

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def display_name(self):
        return self.get_full_name() or self.username


def family_choices():
    """(code, title) of every form family, as reports/families declares them."""
    return [(code, spec.title) for code, spec in FAMILIES.items()]


class FormVersion(models.Model):
    """One version of an official form family, with its settings.

    `settings` holds what the version's file (reports/versions/<code>.toml, loaded by
    `manage.py syncforms`) gives of the family's declared settings (its `Option`s); a report may
    change the ones it owns for its own layout.
    """

    code = models.SlugField("代码", max_length=40, unique=True)
    family = models.CharField("表单类别", max_length=2, choices=family_choices)
    name = models.CharField("名称", max_length=100)
    settings = models.JSONField("版本设置", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "表单版本"
        ordering = ["family", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        """The settings as the family declares them (reports/versionfiles.py): a typo in the
        admin is refused here rather than failing every report of the version."""
        if self.family in FAMILIES:
            try:
                self.settings = FAMILIES[self.family].clean_settings(self.settings, "版本设置")
            except VersionSettingsError as error:
                raise ValidationError({"settings": str(error)}) from error

    @property
    def spec(self):
        """The family class that knows this version's sections, tables and templates."""
        return family_for(self)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The reports `user` may see: their unit's, or every unit's of their 财政局."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id:
            return self.filter(unit_id=user.unit_id)
        if user.bureau_id:
            return self.filter(unit__bureau_id=user.bureau_id)
        return self.none()


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已通过"

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="reports", verbose_name="单位")
    year = models.PositiveIntegerField(
        "年度", validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    form_version = models.ForeignKey(
        FormVersion, models.PROTECT, related_name="reports", verbose_name="表单"
    )
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.DRAFT)
    options = models.JSONField(
        "版式选项", default=dict, blank=True, help_text="覆盖表单版本的默认版式设置"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    # Optimistic concurrency: every save must name the lock_version it was edited from, and
    # bumps it (services.save_section); a save from an older version is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # Written by the workflow services only (services.submit_report and friends).
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, editable=False)
    approved_at = models.DateTimeField("通过时间", null=True, blank=True, editable=False)
    head_confirmed_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Do not set directly: services.recompute_summary writes it after every save.
    finding_count = models.PositiveIntegerField("检查问题数", default=0, editable=False)
    # The 总分 with the reviewer's 审核得分 in place of the unit's where given; None until the
    # reviewer re-scores anything. Do not set directly: services.recompute_summary writes it.
    review_total = models.DecimalField("审核总分", **SCORE, editable=False)

    # Cover page
    evaluation_method = models.CharField("评价方式", max_length=50, default="部门绩效自评")
    evaluation_agency = models.CharField("评价机构", max_length=50, default="部门评价组")
    report_date = models.DateField("报告日期", null=True, blank=True)

    # 一、基本概况
    contact_person = models.CharField("联系人", max_length=30, blank=True)
    contact_phone = models.CharField(
        "联络电话", max_length=30, blank=True, validators=[validators.validate_phone]
    )
    staff_quota = models.PositiveIntegerField("人员编制", null=True, blank=True)
    staff_quota_admin = models.PositiveIntegerField("人员编制·行政编制", null=True, blank=True)
    staff_quota_public = models.PositiveIntegerField("人员编制·事业编制", null=True, blank=True)
    staff_actual = models.PositiveIntegerField("实有人数", null=True, blank=True)
    staff_actual_admin = models.PositiveIntegerField("实有人数·行政编制", null=True, blank=True)
    staff_actual_public = models.PositiveIntegerField("实有人数·事业编制", null=True, blank=True)
    duties = models.TextField("职能职责概述", blank=True, max_length=LONG)
    operation_summary = models.TextField(
        "年度总体运行情况及取得的成绩", blank=True, max_length=LONG
    )

    # 三、绩效自评 (F1: typed by the unit)
    self_score = models.DecimalField("绩效自评综合得分", **SCORE)
    # The report's 总分 whatever the family: do not set directly, services.recompute_summary
    # writes it after every save (the typed 综合得分 in F1, the sum of the scores in F2).
    total_score = models.DecimalField("总分", **SCORE, editable=False)

    # 四、评价人员 and the 填报人 line
    filler_name = models.CharField("填报人", max_length=30, blank=True)
    filler_phone = models.CharField(
        "填报人联系电话", max_length=30, blank=True, validators=[validators.validate_phone]
    )

    # 五、评价报告综述 and other narratives: heading key -> text, headings from the outline.
    narrative = models.JSONField("文字部分", default=dict, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报告"
        ordering = ["-year", "unit__budget_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "form_version"], name="one_report_per_unit_year_form"
            ),
        ]

    def __str__(self):
        return f"{self.unit.name} {self.year} 年度 {self.form_version.name}"

    @property
    def spec(self):
        return self.form_version.spec

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    def editable_by(self, user):
        """Unit staff edit their own unit's drafts and returned reports; nobody else, ever.

        A submitted or approved report is read-only for everyone: the reviewer's return is the
        only way back to editing.
        """
        return (
            self.status in self.EDITABLE
            and user.unit_id is not None
            and user.unit_id == self.unit_id
            and user.role in (User.Role.FILLER, User.Role.UNIT_HEAD)
        )

    def reviewable_by(self, user):
        """财政局审核人 of the unit's bureau review it; superusers may too."""
        if user.is_superuser:
            return True
        return user.role == User.Role.REVIEWER and user.bureau_id == self.unit.bureau_id

    def option(self, name):
        """A layout option: the report's own choice, else the form version's, else the family's."""
        return self.spec.option(self, name)


class Row(models.Model):
    """Common shape of every repeating table row: owned by a report, ordered by position."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="%(class)ss")
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class InstitutionRow(Row):
    """One institution's line in the four 收支 tables of F1 二. Totals are derived in calc.py."""

    name = models.CharField("机构名称", max_length=100)

    income_carryover = models.DecimalField("上年结转", **AMOUNT)
    income_public_finance = models.DecimalField("公共财政拨款", **AMOUNT)
    income_government_fund = models.DecimalField("政府基金拨款", **AMOUNT)
    income_special_account = models.DecimalField("纳入专户管理的非税收入拨款", **AMOUNT)
    income_other = models.DecimalField("其他收入", **AMOUNT)

    expense_personnel = models.DecimalField("人员支出", **AMOUNT)
    expense_public = models.DecimalField("公用支出", **AMOUNT)
    expense_project = models.DecimalField("项目支出", **AMOUNT)
    balance_accumulated = models.DecimalField("累计结余", **AMOUNT)

    three_reception = models.DecimalField("公务接待费", **AMOUNT)
    three_car_operation = models.DecimalField("公务用车运维费", **AMOUNT)
    three_car_purchase = models.DecimalField("公务用车购置费", **AMOUNT)
    three_overseas = models.DecimalField("因公出国费", **AMOUNT)

    assets_in_use = models.DecimalField("在用固定资产", **AMOUNT)
    assets_rented = models.DecimalField("出租固定资产", **AMOUNT)
    assets_other = models.DecimalField("其他", **AMOUNT)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "机构收支"


class TaskRow(Row):
    """年度主要工作内容: 任务1 … 任务N."""

    text = models.TextField("任务内容", max_length=CELL)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "年度主要工作任务"


class GoalRow(Row):
    """A pair 预期目标 ↔ 实际完成 (F1 定性目标, F2/F3 年度总体目标)."""

    target = models.TextField("预期目标", blank=True, max_length=CELL)
    actual = models.TextField("实际完成", blank=True, max_length=CELL)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "目标完成情况"


class Project(Row):
    """One project of a unit's year (F3): its 项目绩效目标自评表 and its 项目绩效自评报告.

    Amounts are typed as the form prints them (总数 and its 其中 splits in ProjectFund rows);
    检查 says when the splits do not add up. 执行率 is derived.
    """

    name = models.CharField("项目名称", max_length=100)
    department = models.CharField("部门（单位）及代码", max_length=100, blank=True)
    competent_department = models.CharField("主管部门", max_length=100, blank=True)
    implementer = models.CharField("实施单位", max_length=100, blank=True)
    initial_total = models.DecimalField("年初预算数", **AMOUNT)
    budget_total = models.DecimalField("预算数", **AMOUNT, help_text="2023 年版：调整后预算数")
    executed_total = models.DecimalField("执行数", **AMOUNT)
    budget_weight = models.DecimalField("预算执行分值", max_digits=5, decimal_places=2, default=10)
    budget_score = models.DecimalField("预算执行得分", **SCORE)
    execution_reason = models.TextField("执行率偏低的原因", blank=True, max_length=100)
    target_overall = models.TextField("年度总体目标·预期目标", blank=True, max_length=LONG)
    actual_overall = models.TextField("年度总体目标·实际完成情况", blank=True, max_length=LONG)
    implementation = models.TextField("项目实施内容及过程概述", blank=True, max_length=LONG)
    conclusion = models.TextField("评价结论", blank=True, max_length=200)
    problems = models.TextField("存在问题", blank=True, max_length=200)
    improvements = models.TextField("改进措施", blank=True, max_length=200)
    project_leader = models.CharField("项目负责人", max_length=30, blank=True)
    finance_leader = models.CharField("财务负责人", max_length=30, blank=True)
    # 项目绩效自评报告: heading key -> text, headings from the family's outline.
    narrative = models.JSONField("项目绩效自评报告", default=dict, blank=True)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "项目"

    def __str__(self):
        return self.name


class ProjectFund(models.Model):
    """One source of a project's money (财政拨款, 其他资金 …) with its budget and execution."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="funds")
    source = models.CharField("资金来源", max_length=20)
    initial = models.DecimalField("年初预算", **AMOUNT)
    budget = models.DecimalField("预算数", **AMOUNT)
    executed = models.DecimalField("执行数", **AMOUNT)

    class Meta:
        verbose_name = verbose_name_plural = "项目资金"
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="one_fund_per_source"),
        ]


class IndicatorRow(Row):
    """One indicator under a group of the form's indicator table.

    `group` is the key of the 二级 group (e.g. "quantity"); the family knows its 一级 parent and
    labels. Target and actual are kept exactly as typed (`≥95%`, `不少于4所`, `3`) for printing.
    """

    class Band(models.TextChoices):
        ACHIEVED = "achieved", "达成年度指标"
        PARTIAL = "partial", "部分达成年度指标并具有一定效果"
        MISSED = "missed", "未达成年度指标且效果较差"

    # Set for a project's indicators (F3); None for the report's own table.
    project = models.ForeignKey(
        "Project", models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    group = models.CharField("指标类别", max_length=30)
    name = models.TextField("绩效内容", max_length=CELL)
    nature = models.CharField(
        "指标性质", max_length=2, blank=True, choices=[("=", "="), ("≥", "≥"), ("≤", "≤")]
    )
    measure_unit = models.CharField("度量单位", max_length=20, blank=True)
    # Text: real targets run to a sentence (“每个科技工作者（团队）都可自主…”).
    target = models.TextField("绩效目标值", blank=True, max_length=CELL)
    actual = models.TextField("完成情况", blank=True, max_length=CELL)
    # Scored forms (F2 …) only.
    weight = models.DecimalField("分值", **SCORE)
    score = models.DecimalField("自评得分", **SCORE)
    band = models.CharField(
        "定性评价档次", max_length=10, choices=Band, blank=True,
        help_text="定性指标选择档次，并在档次范围内打分；定量指标留空，由指标值计算建议得分",
    )
    reason = models.TextField("偏差原因分析及改进措施", blank=True, max_length=CELL)
    # The 财政局's re-score (审核得分 / 扣分 in the 财政 一体化 system); the unit's score stays.
    review_score = models.DecimalField("审核得分", **SCORE)
    review_reason = models.TextField("审核扣分原因", blank=True, max_length=COMMENT)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "绩效指标"
        ordering = ["group", "position", "id"]


class EvaluatorRow(Row):
    """四、评价人员; the 签字 column is left blank for the pen."""

    name = models.CharField("姓名", max_length=30)
    title = models.CharField("职务/职称", max_length=50, blank=True)
    organisation = models.CharField("单位", max_length=100, blank=True)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "评价人员"



class BudgetExecution(models.Model):
    """F2 年度预算申请: the budget line of the scored table and its two splits.

    执行率 and the suggested score are derived (scoring.py); the 自评得分 is the unit's own,
    at most the 分值.
    """

    report = models.OneToOneField(Report, models.CASCADE, related_name="budget")
    budget_initial = models.DecimalField("年初预算数", **AMOUNT)
    budget_full_year = models.DecimalField("全年预算数", **AMOUNT)
    executed = models.DecimalField("全年执行数", **AMOUNT)
    weight = models.DecimalField("分值", max_digits=5, decimal_places=2, default=10)
    score = models.DecimalField("自评得分", **SCORE)
    reason = models.TextField("偏差原因分析及改进措施", blank=True, max_length=CELL)
    over_budget_note = models.TextField(
        "执行数超过预算数的说明", blank=True, max_length=CELL, help_text="全年执行数大于全年预算数时必须说明原因"
    )
    review_score = models.DecimalField("审核得分", **SCORE)
    review_reason = models.TextField("审核扣分原因", blank=True, max_length=COMMENT)

    income_general = models.DecimalField("一般公共预算", **AMOUNT)
    income_government_fund = models.DecimalField("政府性基金拨款", **AMOUNT)
    income_special_account = models.DecimalField("纳入专户管理的非税收入拨款", **AMOUNT)
    income_other = models.DecimalField("其他资金", **AMOUNT)
    expense_basic = models.DecimalField("基本支出", **AMOUNT)
    expense_project = models.DecimalField("项目支出", **AMOUNT)
    expense_personnel = models.DecimalField(
        "其中：人员支出", **AMOUNT, help_text="基本支出中的人员支出，自评报告引用"
    )
    expense_public = models.DecimalField(
        "其中：公用支出", **AMOUNT, help_text="基本支出中的公用支出，自评报告引用"
    )

    class Meta:
        verbose_name = verbose_name_plural = "年度预算执行"


class OverallFigures(models.Model):
    """F4 部门整体支出: the figures entered once; totals, shares and 结转结余 are derived."""

    report = models.OneToOneField(Report, models.CASCADE, related_name="overall")
    income_general = models.DecimalField("一般公共预算财政拨款收入", **AMOUNT)
    income_government_fund = models.DecimalField("政府性基金预算财政拨款收入", **AMOUNT)
    income_other = models.DecimalField("其他收入", **AMOUNT)
    expense_personnel = models.DecimalField("人员支出", **AMOUNT)
    expense_public = models.DecimalField("日常公用支出", **AMOUNT)
    expense_family = models.DecimalField("对个人和家庭的补助支出", **AMOUNT)
    expense_project = models.DecimalField("项目支出", **AMOUNT)
    three_overseas = models.DecimalField("因公出国（境）费", **AMOUNT)
    three_car = models.DecimalField("公务用车购置及运行维护费", **AMOUNT)
    three_reception = models.DecimalField("公务接待费", **AMOUNT)
    # Typed only on a version that asks for the totals (F4 option totals_only); computed from
    # the parts otherwise, and these stay empty.
    income_total = models.DecimalField("收入合计", **AMOUNT)
    expense_total = models.DecimalField("支出合计", **AMOUNT)
    carryover = models.DecimalField("结转结余", **AMOUNT)
    # Last year's totals, for the comparison chart: typed when there is no report of last year.
    last_income_total = models.DecimalField("上年收入合计", **AMOUNT)
    last_expense_total = models.DecimalField("上年支出合计", **AMOUNT)

    class Meta:
        verbose_name = verbose_name_plural = "部门整体收支"


class FunctionRow(Row):
    """支出 by 功能分类 类 (科学技术, 社会保障和就业 …), for F4's chart and narrative."""

    name = models.CharField("功能分类（类）", max_length=50)
    amount = models.DecimalField("支出金额", **AMOUNT)

    class Meta(Row.Meta):
        verbose_name = verbose_name_plural = "功能分类支出"


class ReportEvent(models.Model):
    """One step of the workflow: who moved the report from which state to which, and why."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "单位负责人确认"
        SUBMIT = "submit", "提交"
        RETURN = "return", "退回"
        APPROVE = "approve", "通过"

    report = models.ForeignKey(Report, models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=10, choices=Action)
    from_status = models.CharField(max_length=20, choices=Report.Status)
    to_status = models.CharField(max_length=20, choices=Report.Status)
    actor = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="操作人")
    created_at = models.DateTimeField("时间", auto_now_add=True)
    comment = models.TextField("意见", blank=True, max_length=COMMENT)
    # The saved state of the report at this step (django-reversion), for the reviewer's diff.
    revision = models.ForeignKey(
        "reversion.Revision", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "流转记录"
        ordering = ["created_at", "id"]


class ReviewComment(models.Model):
    """A reviewer's comment on a section of a report or on one field of it."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="审核人")
    section = models.CharField("部分", max_length=30)
    # F3: the project whose page (项目绩效目标自评表, 项目绩效自评报告) the comment is on.
    project = models.ForeignKey(
        "Project", models.CASCADE, null=True, blank=True, related_name="review_comments",
        verbose_name="项目",
    )
    field = models.CharField("栏目", max_length=100, blank=True, help_text="栏目的页面标识，空为整个部分")
    text = models.TextField("意见", max_length=COMMENT)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    # The return this comment was sent with; None while the reviewer is still writing.
    event = models.ForeignKey(
        ReportEvent, models.SET_NULL, null=True, blank=True, related_name="comments"
    )

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["created_at", "id"]


class ApprovedPdf(models.Model):
    """The PDF of an approved report: rendered once, stored, never regenerated."""

    class State(models.TextChoices):
        PENDING = "pending", "正在生成"
        READY = "ready", "已生成"
        FAILED = "failed", "生成失败"

    report = models.OneToOneField(Report, models.CASCADE, related_name="approved_pdf")
    code = models.CharField("校验码", max_length=16, unique=True)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    file = models.FileField(upload_to="approved/%Y/", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "已审定 PDF"


class YearForm(models.Model):
    """Which form versions a 财政局 uses for a year; none listed means every version."""

    bureau = models.ForeignKey(Bureau, models.CASCADE, related_name="year_forms")
    year = models.PositiveIntegerField("年度", validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    form_version = models.ForeignKey(FormVersion, models.CASCADE, related_name="+", verbose_name="表单")

    class Meta:
        verbose_name = verbose_name_plural = "年度表单"
        ordering = ["bureau", "-year", "form_version__code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "year", "form_version"], name="one_year_form"),
        ]


# Every save and every workflow step stores one django-reversion revision of the report with
# all its rows, so a reviewer can compare one submission with the previous one.
REPORT_ROWS = (
    "institutionrows", "taskrows", "goalrows", "indicatorrows", "evaluatorrows", "projects",
    "functionrows",
)
for _row_model in (InstitutionRow, TaskRow, GoalRow, IndicatorRow, EvaluatorRow, BudgetExecution,
                   ProjectFund, OverallFigures, FunctionRow):
    reversion.register(_row_model)
reversion.register(Project, follow=("funds",))
reversion.register(Report, follow=(*REPORT_ROWS, "budget", "overall"))
