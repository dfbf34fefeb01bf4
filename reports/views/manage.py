"""The 财政局管理员's pages: the bureau's units and their 二级机构, its users, and which form
versions each year uses. Superusers choose the bureau first.

Every page starts from one scoped query, management_services.managed_bureaus(user): anyone who
does not manage the bureau in the URL gets a 404, and so does a unit or user of another bureau
named in the URL. Each write is one management_services call.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from reports import limits
from reports import management_services as manage
from reports.forms_manage import (
    ManagedUserCreateForm,
    ManagedUserForm,
    UnitForm,
    UserPasswordForm,
    YearChoiceForm,
    YearFormsForm,
    institution_formset,
)
from reports.models import Report, Unit, User, YearForm


def _bureau(request, bureau_pk):
    return get_object_or_404(manage.managed_bureaus(request.user), pk=bureau_pk)


def _unit(bureau, unit_pk):
    return get_object_or_404(Unit.objects.filter(bureau=bureau), pk=unit_pk)


def _user(bureau, user_pk):
    return get_object_or_404(manage.managed_users(bureau).select_related("unit"), pk=user_pk)


def _render(request, template, bureau, tab, context, status=200):
    return render(request, template, {"bureau": bureau, "tab": tab, **context}, status=status)


@login_required
def manage_home(request):
    """A bureau admin goes straight to their bureau; a superuser picks one."""
    bureaus = manage.managed_bureaus(request.user)
    if not request.user.is_superuser:
        bureau = bureaus.first()
        if bureau is None:
            raise Http404("没有可管理的财政局")
        return redirect("manage_units", bureau=bureau.pk)
    # An aggregate drops Meta.ordering: order explicitly.
    bureaus = bureaus.annotate(unit_count=Count("units")).order_by("name")
    return render(request, "reports/manage/home.html", {"bureaus": bureaus})


# ---- units and their 二级机构


@login_required
def manage_units(request, bureau):
    bureau = _bureau(request, bureau)
    units = (
        Unit.objects.filter(bureau=bureau)
        .annotate(user_count=Count("users", distinct=True),
                  report_count=Count("reports", distinct=True))
        .prefetch_related("institutions")
        .order_by("budget_code")
    )
    return _render(request, "reports/manage/units.html", bureau, "units", {"units": units})


@login_required
def manage_unit_new(request, bureau):
    return _unit_form(request, _bureau(request, bureau), Unit())


@login_required
def manage_unit_edit(request, bureau, unit):
    bureau = _bureau(request, bureau)
    return _unit_form(request, bureau, _unit(bureau, unit))


def _unit_form(request, bureau, unit):
    created = unit.pk is None
    status = 200
    if request.method == "POST":
        form = UnitForm(request.POST, instance=unit)
        if form.is_valid():
            unit = manage.save_unit(bureau, unit, form.cleaned_data["name"],
                                    form.cleaned_data["budget_code"])
            if created:
                messages.success(request, f"已新建单位“{unit.name}”，可以接着添加它的二级机构。")
                return redirect("manage_unit_institutions", bureau=bureau.pk, unit=unit.pk)
            messages.success(request, f"单位“{unit.name}”已保存。")
            return redirect("manage_units", bureau=bureau.pk)
        status = 400
    else:
        form = UnitForm(instance=unit)
    return _render(request, "reports/manage/unit_form.html", bureau, "units",
                   {"form": form, "unit": unit, "created": created}, status)


@login_required
def manage_unit_institutions(request, bureau, unit):
    bureau = _bureau(request, bureau)
    unit = _unit(bureau, unit)
    status = 200
    if request.method == "POST":
        formset = institution_formset(unit, request.POST)
        if formset.is_valid():
            manage.save_institutions(unit, formset)
            messages.success(request, f"“{unit.name}”的二级机构已保存，之后新建的报告按此顺序列出。")
            return redirect("manage_unit_institutions", bureau=bureau.pk, unit=unit.pk)
        status = 400
    else:
        formset = institution_formset(unit)
    return _render(request, "reports/manage/institutions.html", bureau, "units",
                   {"unit": unit, "formset": formset}, status)


# ---- users


@login_required
def manage_users(request, bureau):
    bureau = _bureau(request, bureau)
    users = (
        manage.managed_users(bureau)
        .select_related("unit")
        .order_by(F("unit__budget_code").asc(nulls_first=True), "role", "username")
    )
    return _render(request, "reports/manage/users.html", bureau, "users", {"users": users})


@login_required
def manage_user_new(request, bureau):
    return _user_form(request, _bureau(request, bureau), None)


@login_required
def manage_user_edit(request, bureau, user):
    bureau = _bureau(request, bureau)
    return _user_form(request, bureau, _user(bureau, user))


def _user_form(request, bureau, managed):
    """新建用户 (`managed` is None; the form asks for an initial password) or 修改 `managed`."""
    created = managed is None
    form_class = ManagedUserCreateForm if created else ManagedUserForm
    status = 200
    if request.method == "POST":
        # The form copies the posted values onto its instance: not `managed`, whom the page's
        # heading names as stored.
        instance = User() if created else _user(bureau, managed.pk)
        form = form_class(bureau, request.POST, instance=instance)
        if form.is_valid():
            password = form.cleaned_data["password1"] if created else None
            try:
                saved = manage.save_user(bureau, instance, request.user, **form.values(),
                                         password=password)
            except manage.ManagementError as error:
                form.add_error(None, str(error))
            else:
                if created:
                    messages.success(
                        request, f"已新建用户 {saved.username}（{saved.get_role_display()}）。"
                    )
                else:
                    messages.success(request, f"用户 {saved.username} 已保存。")
                return redirect("manage_users", bureau=bureau.pk)
        status = 400
    else:
        form = form_class(bureau, instance=User() if created else managed)
    return _render(request, "reports/manage/user_form.html", bureau, "users",
                   {"form": form, "managed": managed}, status)


@login_required
def manage_user_password(request, bureau, user):
    bureau = _bureau(request, bureau)
    managed = _user(bureau, user)
    status = 200
    if request.method == "POST":
        form = UserPasswordForm(managed, request.POST)
        if form.is_valid():
            manage.set_user_password(bureau, managed, form.cleaned_data["new_password1"])
            messages.success(request, f"已为 {managed.username} 设置新密码，请告知本人。")
            return redirect("manage_users", bureau=bureau.pk)
        status = 400
    else:
        form = UserPasswordForm(managed)
    return _render(request, "reports/manage/user_password.html", bureau, "users",
                   {"form": form, "managed": managed}, status)


@login_required
@require_POST
def manage_user_active(request, bureau, user):
    """停用 or 启用 a user: `active` is 1 or 0. Users are never deleted."""
    bureau = _bureau(request, bureau)
    managed = _user(bureau, user)
    active = request.POST.get("active") == "1"
    try:
        manage.set_user_active(bureau, managed, request.user, active)
    except manage.ManagementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已{'启用' if active else '停用'}用户 {managed.username}。")
    return redirect("manage_users", bureau=bureau.pk)


# ---- the form versions of each year


@login_required
def manage_years(request, bureau):
    bureau = _bureau(request, bureau)
    form = YearChoiceForm(request.GET or None)
    if form.is_valid():
        return redirect("manage_year", bureau=bureau.pk, year=form.cleaned_data["year"])
    rows = YearForm.objects.filter(bureau=bureau).select_related("form_version")
    years = [
        {"year": year, "versions": [row.form_version for row in group]}
        for year, group in groupby(rows, key=lambda row: row.year)
    ]
    return _render(request, "reports/manage/years.html", bureau, "years",
                   {"years": years, "form": form}, 400 if form.is_bound else 200)


@login_required
def manage_year(request, bureau, year):
    bureau = _bureau(request, bureau)
    if not limits.valid_year(year):
        raise Http404(limits.YEAR_RANGE_MESSAGE)
    chosen = YearForm.objects.filter(bureau=bureau, year=year).values_list(
        "form_version", flat=True
    )
    status = 200
    if request.method == "POST":
        form = YearFormsForm(request.POST)
        if form.is_valid():
            versions = form.cleaned_data["form_versions"]
            manage.set_year_forms(bureau, year, versions)
            if versions:
                messages.success(request, f"{year} 年度的表单已保存：新建报告只能选择勾选的表单。")
            else:
                messages.success(request, f"{year} 年度没有指定表单：新建报告可以选择任一表单。")
            return redirect("manage_years", bureau=bureau.pk)
        status = 400
    else:
        form = YearFormsForm(initial={"form_versions": list(chosen)})
    reports = (
        Report.objects.filter(unit__bureau=bureau, year=year)
        .values("form_version__name")
        .annotate(count=Count("id"))
        .order_by("form_version__name")
    )
    return _render(request, "reports/manage/year.html", bureau, "years",
                   {"year": year, "form": form, "reports": reports}, status)
