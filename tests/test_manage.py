"""The 财政局管理员's pages: units and their 二级机构, users, and the form versions of a year.

zhaoliu manages 岳阳县财政局; zhouba manages 岳阳市云溪区财政局; `admin` is the superuser.
"""

import pytest
from django.urls import reverse

from reports import management_services as manage
from reports.forms import NewReportForm
from reports.models import (
    Bureau,
    FormVersion,
    Institution,
    InstitutionRow,
    Report,
    Unit,
    User,
    YearForm,
)
from tests.pages import logs_in

NEW_PASSWORD = "Kx-2025-新密码"


@pytest.fixture
def yueyang(demo):
    return Bureau.objects.get(name="岳阳县财政局")


@pytest.fixture
def yunxi(demo):
    return Bureau.objects.get(name="岳阳市云溪区财政局")


@pytest.fixture
def zhaoliu(demo):
    return User.objects.get(username="zhaoliu")


@pytest.fixture
def admin_client(client, zhaoliu):
    client.force_login(zhaoliu)
    return client


def url(name, bureau, *args):
    return reverse(name, args=[bureau.pk, *args])


def user_data(**changes):
    data = {"username": "wangxiao", "first_name": "王晓", "role": "filler", "unit": "",
            "phone": "13800000009", "email": "", "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD}
    data.update(changes)
    return data


def institutions_data(rows, total=None, initial=0):
    """The 二级机构 table as the page posts it: rows of (id or "", name, position, deleted)."""
    data = {
        "institutions-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "institutions-INITIAL_FORMS": str(initial),
        "institutions-MIN_NUM_FORMS": "0",
        "institutions-MAX_NUM_FORMS": "200",
    }
    for index, (pk, name, position, deleted) in enumerate(rows):
        prefix = f"institutions-{index}"
        data.update({f"{prefix}-id": str(pk), f"{prefix}-name": name,
                     f"{prefix}-position": str(position)})
        if deleted:
            data[f"{prefix}-DELETE"] = "on"
    return data


def institution_names(unit):
    return list(Institution.objects.filter(unit=unit).values_list("name", "position"))


# ---- who gets in


def test_manage_home_sends_the_bureau_admin_to_their_bureau(admin_client, yueyang):
    response = admin_client.get(reverse("manage_home"))
    assert response.status_code == 302
    assert response.url == url("manage_units", yueyang)


def test_superuser_chooses_the_bureau(client, demo, yueyang, yunxi):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("manage_home"))
    assert response.status_code == 200
    assert list(response.context["bureaus"]) == list(Bureau.objects.order_by("name"))
    assert {"岳阳县财政局", "岳阳市云溪区财政局"} <= {b.name for b in response.context["bureaus"]}
    assert client.get(url("manage_units", yunxi)).status_code == 200


def test_nav_link_only_for_bureau_admins_and_superusers(client, demo):
    for username, shown in [("zhaoliu", True), ("admin", True), ("zhangsan", False),
                            ("xuyuanshan", False)]:
        client.force_login(User.objects.get(username=username))
        page = client.get(reverse("report_list")).content.decode()
        assert (f'href="{reverse("manage_home")}">管理</a>' in page) is shown, username


# ---- units and 二级机构


def test_admin_creates_a_unit_of_their_bureau(admin_client, yueyang):
    response = admin_client.post(url("manage_unit_new", yueyang),
                                 {"name": "岳阳县科技馆", "budget_code": "505002"})
    unit = Unit.objects.get(budget_code="505002")
    assert (unit.name, unit.bureau) == ("岳阳县科技馆", yueyang)
    assert response.status_code == 302
    assert response.url == url("manage_unit_institutions", yueyang, unit.pk)


def test_budget_code_taken_by_another_bureau_is_refused_without_naming_its_unit(admin_client,
                                                                               yueyang):
    response = admin_client.post(url("manage_unit_new", yueyang),
                                 {"name": "岳阳县科技馆", "budget_code": "317001"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"budget_code": ["该预算编码已被使用，请核对后重新填写"]}
    page = response.content.decode()
    assert "该预算编码已被使用" in page and "云溪区科学技术协会" not in page
    assert not Unit.objects.filter(name="岳阳县科技馆").exists()


def test_budget_code_with_other_characters_is_refused_beside_the_field(admin_client, yueyang):
    response = admin_client.post(url("manage_unit_new", yueyang),
                                 {"name": "岳阳县科技馆", "budget_code": "505-002"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "budget_code": ["预算编码只能包含数字和字母，例如 505001"]
    }


def test_admin_renames_a_unit(admin_client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_unit_edit", yueyang, unit.pk),
                                 {"name": "岳阳县科协", "budget_code": "505001"})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.budget_code, unit.bureau) == ("岳阳县科协", "505001", yueyang)


def test_institutions_are_added_renamed_reordered_and_removed(admin_client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    page = url("manage_unit_institutions", yueyang, unit.pk)
    response = admin_client.post(page, institutions_data(
        [("", "科普中心", 0, False), ("", "学会部", 1, False), ("", "青少年部", 2, False)]
    ))
    assert response.status_code == 302
    assert institution_names(unit) == [("科普中心", 0), ("学会部", 1), ("青少年部", 2)]

    science, society, youth = Institution.objects.filter(unit=unit)
    # 学会部 moves to the top and is renamed; 科普中心 is removed; 青少年部 follows.
    response = admin_client.post(page, institutions_data(
        [(science.pk, "科普中心", 0, True), (society.pk, "学会服务部", 0, False),
         (youth.pk, "青少年部", 1, False)], initial=3,
    ))
    assert response.status_code == 302
    assert institution_names(unit) == [("学会服务部", 0), ("青少年部", 1)]
    assert Institution.objects.get(name="学会服务部").pk == society.pk


def test_blank_added_institution_row_is_ignored(admin_client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_unit_institutions", yueyang, unit.pk),
                                 institutions_data([("", "科普中心", 0, False), ("", "", 1, False)]))
    assert response.status_code == 302
    assert institution_names(unit) == [("科普中心", 0)]


def test_duplicate_institution_names_are_refused_beside_the_field(admin_client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_unit_institutions", yueyang, unit.pk),
                                 institutions_data([("", "科普中心", 0, False),
                                                    ("", "科普中心", 1, False)]))
    assert response.status_code == 400
    assert response.context["formset"].errors == [
        {}, {"name": ["二级机构“科普中心”重复了，请删除或改名"]}
    ]
    assert institution_names(unit) == []


def test_forged_institution_id_of_another_unit_is_refused(admin_client, yueyang, yunxi):
    other = Institution.objects.create(unit=Unit.objects.get(budget_code="317001"), name="学会部")
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_unit_institutions", yueyang, unit.pk),
                                 institutions_data([(other.pk, "改名", 0, False)], initial=1))
    assert response.status_code == 400
    other.refresh_from_db()
    assert (other.name, other.unit.budget_code) == ("学会部", "317001")


def test_new_unit_with_its_institutions_then_its_first_report_lists_them(admin_client, client,
                                                                         yueyang):
    admin_client.post(url("manage_unit_new", yueyang),
                      {"name": "岳阳县科技馆", "budget_code": "505002"})
    unit = Unit.objects.get(budget_code="505002")
    admin_client.post(url("manage_unit_institutions", yueyang, unit.pk), institutions_data(
        [("", "展览部", 1, False), ("", "科普中心", 0, False)]
    ))
    admin_client.post(url("manage_user_new", yueyang), user_data(unit=unit.pk))
    filler = User.objects.get(username="wangxiao")

    client.force_login(filler)
    version = FormVersion.objects.get(code="f1-yueyang-2021")
    response = client.post(reverse("report_new"),
                           {"unit": unit.pk, "year": 2025, "form_version": version.pk})
    report = Report.objects.get(unit=unit, year=2025)
    assert response.status_code == 302
    assert list(InstitutionRow.objects.filter(report=report).values_list("name", "position")) == [
        ("局机关", 0), ("科普中心", 1), ("展览部", 2)
    ]


# ---- users


def test_admin_creates_a_filler_of_one_of_their_units(admin_client, client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_user_new", yueyang), user_data(unit=unit.pk))
    assert response.status_code == 302
    user = User.objects.get(username="wangxiao")
    assert (user.first_name, user.role, user.unit, user.bureau, user.phone) == (
        "王晓", "filler", unit, None, "13800000009"
    )
    assert (user.is_active, user.is_superuser, user.is_staff) == (True, False, False)
    assert logs_in(client, "wangxiao", NEW_PASSWORD)


@pytest.mark.parametrize("role", ["reviewer", "bureau_admin"])
def test_admin_creates_bureau_staff_who_belong_to_the_bureau(admin_client, yueyang, role):
    response = admin_client.post(url("manage_user_new", yueyang), user_data(role=role))
    assert response.status_code == 302
    user = User.objects.get(username="wangxiao")
    assert (user.role, user.unit, user.bureau) == (role, None, yueyang)


def test_unit_head_needs_a_unit(admin_client, yueyang):
    response = admin_client.post(url("manage_user_new", yueyang), user_data(role="unit_head"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"unit": ["填报人和单位负责人须选择所属单位"]}
    assert not User.objects.filter(username="wangxiao").exists()


def test_reviewer_with_a_unit_is_refused(admin_client, yueyang):
    unit = Unit.objects.get(budget_code="505001")
    response = admin_client.post(url("manage_user_new", yueyang),
                                 user_data(role="reviewer", unit=unit.pk))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "unit": ["财政局审核人和管理员不属于单位，请将单位留空"]
    }


def test_admin_cannot_give_a_unit_of_another_bureau(admin_client, yueyang):
    yunxi_unit = Unit.objects.get(budget_code="317001")
    response = admin_client.post(url("manage_user_new", yueyang), user_data(unit=yunxi_unit.pk))
    assert response.status_code == 400
    assert response.context["form"].errors == {"unit": ["请从列表中选择本财政局的单位"]}
    assert not User.objects.filter(username="wangxiao").exists()

    sunqi = User.objects.get(username="sunqi")
    response = admin_client.post(url("manage_user_edit", yueyang, sunqi.pk), {
        "username": "sunqi", "first_name": "孙七", "role": "filler", "unit": yunxi_unit.pk,
    })
    assert response.status_code == 400
    sunqi.refresh_from_db()
    assert sunqi.unit.budget_code == "505001"


def test_admin_cannot_create_a_superuser(admin_client, yueyang, yunxi):
    response = admin_client.post(url("manage_user_new", yueyang), user_data(
        role="bureau_admin", is_superuser="on", is_staff="on", bureau=yunxi.pk,
    ))
    assert response.status_code == 302
    user = User.objects.get(username="wangxiao")
    assert (user.is_superuser, user.is_staff, user.bureau) == (False, False, yueyang)

    response = admin_client.post(url("manage_user_new", yueyang),
                                 user_data(username="chaoji", role="superuser"))
    assert response.status_code == 400
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="chaoji").exists()


def test_services_refuse_a_unit_of_another_bureau_and_a_superuser(zhaoliu, yueyang):
    yunxi_unit = Unit.objects.get(budget_code="317001")
    with pytest.raises(manage.ManagementError, match="只能选择本财政局的单位"):
        manage.save_user(yueyang, User(), zhaoliu, username="x", first_name="X",
                         role="filler", unit=yunxi_unit)
    superuser = User.objects.get(username="admin")
    superuser.bureau = yueyang
    superuser.save()
    with pytest.raises(manage.ManagementError):
        manage.set_user_password(yueyang, superuser, NEW_PASSWORD)
    with pytest.raises(manage.ManagementError):
        manage.save_unit(yueyang, yunxi_unit, "改名", "317001")
    assert Unit.objects.get(budget_code="317001").name == "岳阳市云溪区科学技术协会"


def test_username_taken_in_other_case_is_refused(admin_client, yueyang):
    response = admin_client.post(url("manage_user_new", yueyang),
                                 user_data(username="LiSi", role="reviewer"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"username": ["该用户名已被使用，请换一个"]}


def test_admin_edits_a_user_and_moves_them_to_the_bureau(admin_client, yueyang):
    sunqi = User.objects.get(username="sunqi")
    response = admin_client.post(url("manage_user_edit", yueyang, sunqi.pk), {
        "username": "sunqi", "first_name": "孙琪", "role": "reviewer", "unit": "",
        "phone": "0730-1234567", "email": "sunqi@example.com",
    })
    assert response.status_code == 302
    sunqi.refresh_from_db()
    assert (sunqi.first_name, sunqi.role, sunqi.unit, sunqi.bureau, sunqi.phone, sunqi.email) == (
        "孙琪", "reviewer", None, yueyang, "0730-1234567", "sunqi@example.com"
    )


def test_admin_cannot_change_their_own_role(admin_client, zhaoliu, yueyang):
    response = admin_client.post(url("manage_user_edit", yueyang, zhaoliu.pk), {
        "username": "zhaoliu", "first_name": "赵六", "role": "reviewer", "unit": "",
    })
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["不能修改自己的角色。"]
    zhaoliu.refresh_from_db()
    assert zhaoliu.role == "bureau_admin"


def test_admin_cannot_touch_another_bureaus_unit_or_user(admin_client, yueyang, yunxi):
    yunxi_unit = Unit.objects.get(budget_code="317001")
    lisi = User.objects.get(username="lisi")
    for page in [
        url("manage_units", yunxi),
        url("manage_users", yunxi),
        url("manage_unit_edit", yueyang, yunxi_unit.pk),
        url("manage_unit_institutions", yueyang, yunxi_unit.pk),
        url("manage_user_edit", yueyang, lisi.pk),
        url("manage_user_password", yueyang, lisi.pk),
        url("manage_unit_edit", yunxi, yunxi_unit.pk),
        url("manage_user_edit", yunxi, lisi.pk),
    ]:
        assert admin_client.get(page).status_code == 404, page
    assert admin_client.post(url("manage_unit_edit", yueyang, yunxi_unit.pk),
                             {"name": "改名", "budget_code": "317001"}).status_code == 404
    assert admin_client.post(url("manage_user_password", yueyang, lisi.pk),
                             {"new_password1": NEW_PASSWORD,
                              "new_password2": NEW_PASSWORD}).status_code == 404
    assert admin_client.post(url("manage_user_active", yueyang, lisi.pk),
                             {"active": "0"}).status_code == 404
    assert admin_client.post(url("manage_user_new", yunxi),
                             user_data(unit=yunxi_unit.pk)).status_code == 404
    yunxi_unit.refresh_from_db()
    lisi.refresh_from_db()
    assert (yunxi_unit.name, lisi.is_active, lisi.check_password("kxeval2021")) == (
        "岳阳市云溪区科学技术协会", True, True
    )
    assert not User.objects.filter(username="wangxiao").exists()


def test_superuser_accounts_are_not_managed_here(admin_client, yueyang):
    superuser = User.objects.get(username="admin")
    superuser.bureau = yueyang
    superuser.save()
    assert admin_client.get(url("manage_user_edit", yueyang, superuser.pk)).status_code == 404
    response = admin_client.post(url("manage_user_password", yueyang, superuser.pk),
                                 {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password("kxeval2021")
    assert superuser not in admin_client.get(url("manage_users", yueyang)).context["users"]


def test_deactivating_a_user_stops_their_login(admin_client, client, yueyang):
    from django.test import Client

    sunqi = User.objects.get(username="sunqi")
    logged_in = Client()
    logged_in.force_login(sunqi)
    response = admin_client.post(url("manage_user_active", yueyang, sunqi.pk), {"active": "0"})
    assert response.status_code == 302
    sunqi.refresh_from_db()
    assert sunqi.is_active is False
    assert not logs_in(client, "sunqi", "kxeval2021")
    # The session sunqi already had stops working too.
    response = logged_in.get(reverse("report_list"))
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next=/")
    # Nothing of theirs is deleted, and they can be let in again.
    assert User.objects.filter(username="sunqi").exists()
    admin_client.post(url("manage_user_active", yueyang, sunqi.pk), {"active": "1"})
    assert logs_in(client, "sunqi", "kxeval2021")


def test_admin_cannot_deactivate_themselves(admin_client, zhaoliu, yueyang):
    response = admin_client.post(url("manage_user_active", yueyang, zhaoliu.pk), {"active": "0"})
    assert response.status_code == 302
    zhaoliu.refresh_from_db()
    assert zhaoliu.is_active is True
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["不能停用自己的账号。"]


def test_admin_sets_a_password(admin_client, client, yueyang):
    sunqi = User.objects.get(username="sunqi")
    page = url("manage_user_password", yueyang, sunqi.pk)
    response = admin_client.post(page, {"new_password1": NEW_PASSWORD,
                                        "new_password2": "另一个密码123"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["new_password2"]
    response = admin_client.post(page, {"new_password1": NEW_PASSWORD,
                                        "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert logs_in(client, "sunqi", NEW_PASSWORD)


# ---- the form versions of a year


def set_year(admin_client, bureau, year, *codes):
    versions = FormVersion.objects.filter(code__in=codes)
    return admin_client.post(url("manage_year", bureau, year),
                             {"form_versions": [v.pk for v in versions]})


def test_admin_sets_the_versions_of_a_year(admin_client, yueyang):
    response = set_year(admin_client, yueyang, 2025, "f1-hunan-2017", "f2-hunan-2024")
    assert response.status_code == 302
    assert sorted(YearForm.objects.filter(bureau=yueyang, year=2025)
                  .values_list("form_version__code", flat=True)) == ["f1-hunan-2017",
                                                                      "f2-hunan-2024"]
    set_year(admin_client, yueyang, 2025, "f2-hunan-2024")
    assert list(YearForm.objects.filter(bureau=yueyang).values_list(
        "year", "form_version__code")) == [(2025, "f2-hunan-2024")]
    set_year(admin_client, yueyang, 2025)
    assert not YearForm.objects.filter(bureau=yueyang).exists()


def test_year_choice_goes_to_the_years_page(admin_client, yueyang):
    response = admin_client.get(url("manage_years", yueyang), {"year": "2025"})
    assert (response.status_code, response.url) == (302, url("manage_year", yueyang, 2025))
    response = admin_client.get(url("manage_years", yueyang), {"year": "25年"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"year": ["请填写四位年份，例如 2024"]}


def test_year_restricts_the_new_report_choices(admin_client, yueyang):
    set_year(admin_client, yueyang, 2025, "f1-hunan-2017")
    units = Unit.objects.filter(budget_code="505001")
    unit = units.get()
    form = NewReportForm(units, initial={"year": 2025})
    assert [v.code for v in form.fields["form_version"].queryset] == ["f1-hunan-2017"]
    # Another year, or another bureau's units, may use any version.
    form = NewReportForm(units, initial={"year": 2026})
    assert form.fields["form_version"].queryset.count() == FormVersion.objects.count()
    yunxi_units = Unit.objects.filter(budget_code="317001")
    form = NewReportForm(yunxi_units, initial={"year": 2025})
    assert form.fields["form_version"].queryset.count() == FormVersion.objects.count()
    # Before a year is typed, the field says which years are restricted.
    form = NewReportForm(units)
    assert form.fields["form_version"].help_text == (
        "2025 年度只能选择：部门（单位）整体支出绩效评价自评报告（2017 年版）。其他年度可选择任一表单。"
    )
    allowed = FormVersion.objects.get(code="f1-hunan-2017")
    assert NewReportForm(units, {"unit": unit.pk, "year": "2025",
                                 "form_version": allowed.pk}).is_valid()


def test_forged_new_report_with_a_version_not_used_that_year_is_refused(admin_client, client,
                                                                        filler, yueyang):
    set_year(admin_client, yueyang, 2025, "f1-hunan-2017")
    client.force_login(filler)
    forged = FormVersion.objects.get(code="f1-yueyang-2021")
    response = client.post(reverse("report_new"),
                           {"unit": filler.unit.pk, "year": 2025, "form_version": forged.pk})
    assert response.status_code == 400
    assert response.context["new_form"].errors == {"form_version": [
        "2025 年度岳阳县财政局使用的表单是：部门（单位）整体支出绩效评价自评报告（2017 年版），请从中选择"
    ]}
    assert "请从中选择" in response.content.decode()
    assert not Report.objects.filter(unit=filler.unit, year=2025).exists()

    allowed = FormVersion.objects.get(code="f1-hunan-2017")
    response = client.post(reverse("report_new"),
                           {"unit": filler.unit.pk, "year": 2025, "form_version": allowed.pk})
    assert response.status_code == 302
    assert list(Report.objects.filter(unit=filler.unit, year=2025)
                .values_list("form_version__code", flat=True)) == ["f1-hunan-2017"]


# ---- list pages: the number of queries does not grow with the rows


@pytest.fixture
def empty_bureau(demo):
    bureau = Bureau.objects.create(name="临湘市财政局", region="临湘市")
    admin = User.objects.create(username="linxiang", role="bureau_admin", bureau=bureau)
    return bureau, admin


def add_units(bureau, count):
    for index in range(count):
        unit = Unit.objects.create(bureau=bureau, name=f"临湘市单位{index}",
                                   budget_code=f"6010{index:02d}")
        Institution.objects.create(unit=unit, name="科普中心")
        Institution.objects.create(unit=unit, name="学会部", position=1)
        User.objects.create(username=f"lx{index}", role="filler", unit=unit)


@pytest.mark.parametrize("count", [1, 3])
def test_units_list_query_count(client, empty_bureau, count, django_assert_num_queries):
    bureau, admin = empty_bureau
    add_units(bureau, count)
    client.force_login(admin)
    # the request's savepoint and release, session, user, the bureau twice (the page's and the
    # navbar's), units with their counts, their institutions
    with django_assert_num_queries(8):
        response = client.get(url("manage_units", bureau))
    assert len(response.context["units"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_users_list_query_count(client, empty_bureau, count, django_assert_num_queries):
    bureau, admin = empty_bureau
    add_units(bureau, count)
    client.force_login(admin)
    # savepoint and release, session, user, the bureau twice, users with their units
    with django_assert_num_queries(7):
        response = client.get(url("manage_users", bureau))
    assert len(response.context["users"]) == count + 1  # the admin too


@pytest.mark.parametrize("count", [1, 3])
def test_years_list_query_count(client, empty_bureau, count, django_assert_num_queries):
    bureau, admin = empty_bureau
    for year, version in zip(range(2024, 2024 + count), FormVersion.objects.all()):
        YearForm.objects.create(bureau=bureau, year=year, form_version=version)
    client.force_login(admin)
    # savepoint and release, session, user, the bureau twice, year forms with their versions
    with django_assert_num_queries(7):
        response = client.get(url("manage_years", bureau))
    assert len(response.context["years"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_bureau_choice_query_count(client, demo, count, django_assert_num_queries):
    demo_bureaus = Bureau.objects.count()
    for index in range(count):
        bureau = Bureau.objects.create(name=f"第{index}财政局", region=f"第{index}区")
        Unit.objects.create(bureau=bureau, name=f"第{index}单位", budget_code=f"70{index}")
    client.force_login(User.objects.get(username="admin"))
    # savepoint and release, session, user, bureaus with their unit counts
    with django_assert_num_queries(5):
        response = client.get(reverse("manage_home"))
    assert len(response.context["bureaus"]) == count + demo_bureaus
