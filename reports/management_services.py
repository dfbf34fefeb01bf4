"""Writes with rules of the 财政局管理员's pages: units, 二级机构, users, the forms of a year.

A bureau admin manages one 财政局: its units, their 二级机构, the users of the bureau and of its
units, and which form versions each year uses. Every function here takes that bureau and refuses
what would reach outside it, whatever the form let through: a unit of another bureau, a
superuser, a user of another bureau. The views find the bureau and its objects through
`managed_bureaus` and `managed_users`, so another bureau's object is a 404 before it gets here.
"""

from django.db import transaction
from django.db.models import Q

from reports.models import Bureau, FormVersion, User, YearForm

UNIT_ROLES = (User.Role.FILLER, User.Role.UNIT_HEAD)
BUREAU_ROLES = (User.Role.REVIEWER, User.Role.BUREAU_ADMIN)


class ManagementError(Exception):
    """A change the admin may not make; the message says why, in Chinese."""


def managed_bureaus(user):
    """The 财政局 `user` manages: their own as 财政局管理员, every one as superuser."""
    if not user.is_authenticated:
        return Bureau.objects.none()
    if user.is_superuser:
        return Bureau.objects.all()
    if user.role == User.Role.BUREAU_ADMIN and user.bureau_id:
        return Bureau.objects.filter(pk=user.bureau_id)
    return Bureau.objects.none()


def managed_users(bureau):
    """The users of `bureau` and of its units that its admin may change.

    Superusers and staff (who can open the Django admin) are left to the Django admin: a bureau
    admin who could set their password could become one.
    """
    return User.objects.filter(
        Q(bureau=bureau) | Q(unit__bureau=bureau), is_superuser=False, is_staff=False
    )


def form_versions_for(bureau, year):
    """The form versions `bureau`'s units may use for `year`: those the bureau ticked for that
    year, or every version when it ticked none."""
    chosen = FormVersion.objects.filter(
        pk__in=YearForm.objects.filter(bureau=bureau, year=year).values("form_version")
    )
    return chosen if chosen.exists() else FormVersion.objects.all()


@transaction.atomic
def save_unit(bureau, unit, name, budget_code):
    """Create `unit` in `bureau` (when it has no pk yet) or rename it / change its 预算编码.

    A unit never moves to another bureau here. Side effects: none beyond the unit row; its
    reports keep the unit, and print the new name from now on.
    """
    if unit.pk is not None and unit.bureau_id != bureau.pk:
        raise ManagementError("只能修改本财政局的单位。")
    unit.bureau = bureau
    unit.name = name
    unit.budget_code = budget_code
    unit.save()
    return unit


@transaction.atomic
def save_institutions(unit, formset):
    """Store the 二级机构 of `unit` as the page left them: renamed, added, removed, in order.

    Positions are renumbered 0 … n-1 in the order of the page. New reports of the unit start
    with these rows (families.F1.on_create); existing reports keep the rows they have.
    """
    if formset.instance.pk != unit.pk:
        raise ManagementError("只能修改本单位的二级机构。")
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    for position, form in enumerate(formset.ordered_rows()):
        institution = form.save(commit=False)
        institution.unit = unit
        institution.position = position
        institution.save()


@transaction.atomic
def save_user(bureau, user, actor, *, username, first_name, role, unit=None, phone="",
              email="", password=None):
    """Create `user` (no pk yet) or change them, as a user of `bureau`.

    填报人 and 单位负责人 belong to a unit of `bureau`; 审核人 and 管理员 belong to the bureau
    itself. Nobody becomes a superuser or staff here, and an admin does not change their own
    role (they would lock themselves out of these pages). `password`, when given, is set.
    """
    if user.pk is not None:
        # The stored row, not `user`: a ModelForm has already copied the posted values onto it.
        stored = managed_users(bureau).filter(pk=user.pk).first()
        if stored is None:
            raise ManagementError("只能修改本财政局及其单位的用户。")
        if stored.pk == actor.pk and role != stored.role:
            raise ManagementError("不能修改自己的角色。")
    if role in UNIT_ROLES:
        if unit is None:
            raise ManagementError("填报人和单位负责人须选择所属单位。")
        if unit.bureau_id != bureau.pk:
            raise ManagementError("只能选择本财政局的单位。")
        user.unit, user.bureau = unit, None
    elif role in BUREAU_ROLES:
        user.unit, user.bureau = None, bureau
    else:
        raise ManagementError("请选择角色。")
    user.username = username
    user.first_name = first_name
    user.role = role
    user.phone = phone
    user.email = email
    user.is_superuser = user.is_staff = False
    if password is not None:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def set_user_active(bureau, user, actor, active):
    """停用 (never delete: reports and their history name their users) or 启用 a user.

    A stopped user cannot log in, and a session they still have stops working at once (Django's
    ModelBackend does not load inactive users). An admin does not stop their own account.
    """
    if not managed_users(bureau).filter(pk=user.pk).exists():
        raise ManagementError("只能修改本财政局及其单位的用户。")
    if not active and user.pk == actor.pk:
        raise ManagementError("不能停用自己的账号。")
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    return user


@transaction.atomic
def set_user_password(bureau, user, password):
    """Set `user`'s password (the admin tells it to them; they may change it later)."""
    if not managed_users(bureau).filter(pk=user.pk).exists():
        raise ManagementError("只能修改本财政局及其单位的用户。")
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def set_year_forms(bureau, year, versions):
    """The form versions `bureau` uses for `year`; an empty choice means every version.

    Reports already created keep their form version; only 新建报告 offers the new choice.
    """
    keep = {version.pk for version in versions}
    YearForm.objects.filter(bureau=bureau, year=year).exclude(form_version__in=keep).delete()
    existing = set(
        YearForm.objects.filter(bureau=bureau, year=year).values_list("form_version", flat=True)
    )
    YearForm.objects.bulk_create(
        YearForm(bureau=bureau, year=year, form_version_id=pk) for pk in sorted(keep - existing)
    )

