"""Hostile posts to every form: what the browser would send for the page, with some inputs
changed to anything a person, a broken script or an attacker might send.

Hypothesis picks the inputs and what goes in them: any text (control characters, NUL, RTL marks,
HTML and script, very long), numbers no form expects (1e400, -0, NaN, Infinity, 1,000, thirty
digits), forged formset management forms, rows of another report, stale or unreadable lock
versions. Whatever is posted:

- the answer is never a 500. An edit page that is refused is a 400 showing the page again with
  its errors, or a 409 when it was opened before someone else's save; the report page's and
  the admin's small forms refuse with a message;
- a refusal changes nothing: the report (or the bureau's units and users) is compared, row by
  row, before and after;
- another unit's report and another bureau's units and users never change.

The world (the demo, a twin of each report in another unit of another bureau, and a few more
reports) is built once for the module in a transaction rolled back at its end; every example
runs in a savepoint rolled back after it, so each starts from the same state. The examples are
derandomized: every run posts the same ones.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal as D

import pytest
from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.forms import IntegerField, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Version

from reports import demo, services
from reports.families import FAMILIES
from reports.forms import MAX_ROWS, TABLES
from reports.models import (
    ApprovedPdf,
    BudgetExecution,
    Bureau,
    EvaluatorRow,
    FormVersion,
    FunctionRow,
    GoalRow,
    IndicatorRow,
    Institution,
    InstitutionRow,
    OverallFigures,
    Project,
    ProjectFund,
    Report,
    ReportEvent,
    ReviewComment,
    TaskRow,
    Unit,
    User,
    YearForm,
)
from tests.pages import Page

# Every test runs in a transaction nested in the module's (see `world`).
pytestmark = pytest.mark.django_db

HOSTILE = settings(
    max_examples=5, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
)
FEW = settings(HOSTILE, max_examples=4)
# The report page's and the admin's small forms answer quickly: more examples.
REVIEW = settings(HOSTILE, max_examples=40)
ADMIN = settings(HOSTILE, max_examples=25)

# ---- what is posted

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
SPECIAL_TEXTS = [
    "\x00", "李\x00四", "\u202e\u202bشسي\u202c", "\u200f95.76", SCRIPT, IMAGE, "{{ report }}",
    "{% debug %}", "'; DROP TABLE reports_report; --", "\ufeff", "𠮷𠮷", "\r\n", "  ", "\t\x0b\x0c",
    "\x1b[31m", "\u0085", "\u2028", "%s%n", "../../etc/passwd", "x" * 20001, "一" * 3000,
]
# Whatever a browser can send: any character but lone surrogates, which are not UTF-8.
CHARACTERS = st.characters(exclude_categories=("Cs",))
TEXTS = st.one_of(
    st.text(CHARACTERS, max_size=40),
    st.sampled_from(SPECIAL_TEXTS),
    st.builds(lambda part, times: part * times, st.text(CHARACTERS, min_size=1, max_size=5),
              st.integers(50, 5000)),
)
# Numbers that a parser, a comparison or a database column may not survive.
NASTY_NUMBERS = ["NaN", "sNaN", "Infinity", "-Infinity", "1e400", "9" * 30, "-0"]
SPECIAL_NUMBERS = [
    *NASTY_NUMBERS, "-1e400", "-0.00", "-NaN", "inf", "1,000", "1，000", "0." + "9" * 30,
    "1e-400", "1E+5", "99999999999", "9999999999.99", "9999999999.995", "100.001", "0x1F",
    "1_000", "١٢٣", "²", "１２.５", "12%", "％", "+5", ".5", "5.", "--5", "5-", "1/2", "½", "", " ",
    "5\x00",
]
# Mostly the numbers above, the nasty ones half of the time; now and then any number.
NUMBERS = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.sampled_from(NASTY_NUMBERS),
    st.sampled_from(SPECIAL_NUMBERS),
    st.one_of(
        st.integers(-(10**40), 10**40).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(repr),
    ),
)


class Removed:
    """An input left out of the post."""

    def __repr__(self):
        return "REMOVED"


REMOVED = Removed()


def changes(names, numeric, also=st.nothing()):
    """Lists of one or two (name, change) for the inputs `names` (a name given twice is
    chosen twice as often): a number no form expects for those in `numeric`, any text for the
    others (and now and then the other kind), the input left out, or several values under one
    name (Django reads the last); `also`, values for any input."""

    def change(name):
        value = (st.one_of(NUMBERS, NUMBERS, NUMBERS, TEXTS, also) if name in numeric
                 else st.one_of(TEXTS, TEXTS, NUMBERS, also))
        return st.tuples(st.just(name), st.one_of(
            value, value, st.just(REMOVED), st.lists(value, min_size=2, max_size=3)))

    return st.lists(st.sampled_from(sorted(names)).flatmap(change), min_size=1, max_size=2)


def inputs(page):
    """The names of the page form's inputs, and of those a number is typed into or chosen by
    (an amount, a count, an id, a hidden count of rows, a choice of a unit)."""
    names, numeric = set(), set()
    for node in page.form.iter():
        name = node.attrs.get("name")
        if not name or node.tag not in ("input", "select", "textarea"):
            continue
        name = name.replace("__prefix__", "0")
        names.add(name)
        values = [node.attrs.get("value", "")]
        if node.tag == "select":
            values = [option.attrs.get("value", "") for option in node.iter()
                      if option.tag == "option"]
        if node.attrs.get("inputmode") in ("decimal", "numeric") or any(
            value.isdigit() for value in values
        ):
            numeric.add(name)
    return names, numeric


# Inputs no page has, naming fields a clerk may not set.
FORGED_KEYS = ["report-status", "report-unit", "report-year", "report-total_score",
               "report-lock_version", "report-form_version", "report-options", "save_next"]


def changed(data, changes):
    """`data` (lists of values by name) with `changes` (name, value) made."""
    data = {name: list(values) for name, values in data.items()}
    for name, value in changes:
        if value is REMOVED:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


# ---- what is compared


def rows(queryset):
    return list(queryset.order_by("pk").values())


def report_state(pk):
    """Every stored value of the report and of its rows, comments, events and revisions."""
    owned = (InstitutionRow, TaskRow, GoalRow, IndicatorRow, EvaluatorRow, Project, FunctionRow,
             BudgetExecution, OverallFigures, ReviewComment, ReportEvent, ApprovedPdf)
    state = {model.__name__: rows(model.objects.filter(report_id=pk)) for model in owned}
    state["Report"] = rows(Report.objects.filter(pk=pk))
    state["ProjectFund"] = rows(ProjectFund.objects.filter(project__report_id=pk))
    state["versions"] = Version.objects.get_for_object_reference(Report, pk).count()
    return state


def bureau_state(pk):
    """The bureau's units, 二级机构, users, reports and forms of each year."""
    users = rows(User.objects.filter(Q(bureau_id=pk) | Q(unit__bureau_id=pk)))
    for user in users:
        user.pop("last_login")
    return {
        "units": rows(Unit.objects.filter(bureau_id=pk)),
        "institutions": rows(Institution.objects.filter(unit__bureau_id=pk)),
        "users": users,
        "year_forms": rows(YearForm.objects.filter(bureau_id=pk)),
        "reports": rows(Report.objects.filter(unit__bureau_id=pk)),
    }


def counts():
    """How many users, units, bureaus and reports there are: nothing made outside every bureau
    goes unseen."""
    return (User.objects.count(), Unit.objects.count(), Bureau.objects.count(),
            Report.objects.count())


@contextmanager
def rolled_back():
    """One example: whatever it writes is undone after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def send(client, url, data):
    """POST, leaving no message behind for the next post to show."""
    response = client.post(url, data)
    client.cookies.pop("messages", None)
    return response


def error_messages(response):
    return [str(m) for m in response.wsgi_request._messages if m.level == messages.ERROR]


def assert_escaped(response):
    content = response.content.decode(errors="replace")
    assert SCRIPT not in content and "<img src=x" not in content


def post(client, url, data, own, others, statuses):
    """POST `data` and check the contract: an expected status, never another unit's or bureau's
    data changed, nothing changed unless the post succeeded, markup escaped. Returns the
    response and whether it succeeded (a redirect without an error message)."""
    before, before_others = own(), others()
    response = send(client, url, data)
    assert response.status_code in statuses, response.status_code
    assert others() == before_others, "another unit's or bureau's data changed"
    succeeded = response.status_code == 302 and not error_messages(response)
    if not succeeded:
        assert own() == before, "a refused post changed data"
    assert_escaped(response)
    return response, succeeded


# ---- the world


REPORTS = {
    # name: (budget code, year, form version code, 填报人)
    "f1": ("505001", 2021, "f1-yueyang-2021", "xuyuanshan"),
    "f1_split": ("505001", 2023, "f1-hunan-2017", "xuyuanshan"),
    "f2": ("317001", 2024, "f2-hunan-2024", "lisi"),
    "f3": ("128001", 2021, "f3-sichuan-2021", "zhengshi"),
    "f3_scored": ("128001", 2023, "f3-sichuan-2023", "zhengshi"),
    "f4": ("128001", 2021, "f4-sichuan-2021", "zhengshi"),
}
FILL = {"F1": demo.fill_yueyang_2021, "F2": demo.fill_yunxi_2024,
        "F3": demo.fill_luxian_2021_projects, "F4": demo.fill_luxian_2021}
TWIN_UNIT = "999001"


@dataclass
class World:
    reports: dict
    twins: dict
    submitted: dict
    other_bureau: Bureau

    def client(self, username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client


def filled_report(unit, year, code, user=None):
    version = FormVersion.objects.get(code=code)
    report = Report.objects.filter(unit=unit, year=year, form_version=version).first()
    if report is None:
        report = services.create_report(unit, year, version, user)
        FILL[version.family](report)
    return Report.objects.get(pk=report.pk)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, rolled back after the module: the tests' own transactions nest inside."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hashers):
        with transaction.atomic():
            demo.load_demo()
            bureau = Bureau.objects.create(name="张三县财政局", region="张三县")
            twin_unit = Unit.objects.create(bureau=bureau, name="张三县科学技术协会",
                                            budget_code=TWIN_UNIT)
            Institution.objects.create(unit=twin_unit, name="科普中心")
            User.objects.create(username="twin_admin", role=User.Role.BUREAU_ADMIN,
                                bureau=bureau, password=make_password("kxeval2021"))
            reports, twins = {}, {}
            for name, (code, year, version, username) in REPORTS.items():
                unit = Unit.objects.get(budget_code=code)
                reports[name] = filled_report(unit, year, version,
                                              User.objects.get(username=username))
                twins[name] = filled_report(twin_unit, year, version)
            Report.objects.filter(pk=reports["f1_split"].pk).update(
                options={"balance_split": True, "staff_breakdown": True})
            reports["f1_split"].refresh_from_db()
            # A scored report under review, beside the demo's submitted F1 of 2022.
            f2_submitted = filled_report(Unit.objects.get(budget_code="317001"), 2023,
                                         "f2-hunan-2024")
            Report.objects.filter(pk=f2_submitted.pk).update(status=Report.Status.SUBMITTED)
            submitted = {
                "f1": Report.objects.get(unit__budget_code="505001", year=2022),
                "f2": Report.objects.get(pk=f2_submitted.pk),
            }
            yield World(reports, twins, submitted, bureau)
            transaction.set_rollback(True)


# ---- the edit pages


def edit_pages():
    """(report name, section slug, scope) of every edit page of every family; the F1 report
    with split 结余 and 编制 only for the pages those options change."""
    pages = []
    for name, (_code, _year, version, _user) in REPORTS.items():
        spec = FAMILIES[version.split("-")[0].upper()]
        for section in (*spec.sections, *spec.project_sections):
            if name == "f1_split" and section.slug not in ("cover", "overview", "finance"):
                continue
            pages.append((name, section.slug, section.scope))
    return pages


EDIT_PAGES = edit_pages()
EDIT_IDS = [f"{name}-{scope}-{slug}" for name, slug, scope in EDIT_PAGES]


@dataclass
class EditPage:
    report: Report
    twin: Report
    url: str
    client: Client
    page: Page
    project: Project | None

    def own(self):
        return report_state(self.report.pk)

    def others(self):
        return report_state(self.twin.pk)

    def post(self, data):
        """POST as the 保存 button does; check the edit page's contract."""
        data = {"save": [""], **data}
        response, succeeded = post(self.client, self.url, data, self.own, self.others,
                                   (302, 400, 409))
        if response.status_code == 400:
            shown = Page(response, statuses=(400,))
            assert "处需要修改" in shown.html, "a refused page does not say what to change"
        elif response.status_code == 409:
            assert "保存未成功" in response.content.decode()
        return response, succeeded


def open_edit_page(world, name, slug, scope):
    report = world.reports[name]
    username = REPORTS[name][3]
    client = world.client(username)
    project = None
    if scope == "project":
        project = report.projects.order_by("position", "pk").first()
        url = reverse("project_section", args=[report.pk, project.pk, slug])
    else:
        url = reverse("report_section", args=[report.pk, slug])
    response = client.get(url)
    return EditPage(report, world.twins[name], url, client, Page(response), project)


@pytest.mark.parametrize(("name", "slug", "scope"), EDIT_PAGES, ids=EDIT_IDS)
def test_hostile_values_in_any_input_of_an_edit_page(world, name, slug, scope):
    edit = open_edit_page(world, name, slug, scope)
    names, numeric = inputs(edit.page)
    current = edit.page.data["lock_version"][0]

    @HOSTILE
    @given(changes(names | set(FORGED_KEYS), numeric))
    def run(changes):
        data = changed(edit.page.data, changes)
        with rolled_back():
            before = Report.objects.get(pk=edit.report.pk)
            response, succeeded = edit.post(data)
            if "lock_version" in data and not names_version(data["lock_version"], current):
                assert not succeeded, "a save from another version was accepted"
            if succeeded:
                after = Report.objects.get(pk=edit.report.pk)
                assert (after.status, after.unit_id, after.year, after.form_version_id,
                        after.lock_version) == (before.status, before.unit_id, before.year,
                                                before.form_version_id, before.lock_version + 1)

    run()


def names_version(values, current):
    """Whether the posted lock_version (the last value, as Django reads it) is `current`."""
    try:
        return values[-1] == current or int(values[-1]) == int(current)
    except ValueError:
        return False


def formset_prefixes(page):
    return sorted(name.removesuffix("-TOTAL_FORMS") for name in page.data
                  if name.endswith("-TOTAL_FORMS"))


# The pages with tables, once per family: the F1 and F3 variants have the same formsets.
FORMSET_PAGES = [page for page in EDIT_PAGES if page[0] in ("f1", "f2", "f3", "f4")
                 and page[1] not in ("narrative", "cover", "report")]
FORMSET_IDS = [f"{name}-{scope}-{slug}" for name, slug, scope in FORMSET_PAGES]
COUNTS = st.one_of(st.integers(-3, MAX_ROWS + 3).map(str), NUMBERS, st.just(REMOVED))


def form_count(value):
    """A management form count as Django reads it, or None when it cannot."""
    if value is REMOVED:
        return None
    try:
        return IntegerField().clean(value[-1] if isinstance(value, list) else value)
    except ValidationError:
        return None


@pytest.mark.parametrize(("name", "slug", "scope"), FORMSET_PAGES, ids=FORMSET_IDS)
def test_forged_management_forms(world, name, slug, scope):
    edit = open_edit_page(world, name, slug, scope)
    prefixes = formset_prefixes(edit.page)
    fields = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")

    @HOSTILE
    @given(st.sampled_from(prefixes),
           st.lists(st.tuples(st.sampled_from(fields), COUNTS), min_size=1, max_size=4))
    def run(prefix, counts):
        limit = int(edit.page.data[f"{prefix}-MAX_NUM_FORMS"][0])
        data = changed(edit.page.data, [(f"{prefix}-{field}", value) for field, value in counts])
        total = form_count(data.get(f"{prefix}-TOTAL_FORMS", REMOVED))
        with rolled_back():
            response, _ = edit.post(data)
        if total is not None and total > limit:
            assert response.status_code == 400, "more rows than the table allows were taken"

    run()


def foreign_rows(edit, prefix):
    """Rows the formset `prefix` may not name: the twin's rows of its model, and this report's
    rows of another table of that model (another indicator group, another project)."""
    table = prefix.split("-")[0]
    model = ProjectFund if table == "funds" else TABLES[table][0]
    named = {int(values[0]) for name, values in edit.page.data.items()
             if name.startswith(f"{prefix}-") and name.endswith("-id") and values[0]}
    if model is ProjectFund:
        owned = ProjectFund.objects.filter(project__report__in=(edit.report, edit.twin))
    else:
        owned = model.objects.filter(report__in=(edit.report, edit.twin))
    return sorted(owned.exclude(pk__in=named).values_list("pk", flat=True))


@pytest.mark.parametrize(("name", "slug", "scope"), FORMSET_PAGES, ids=FORMSET_IDS)
def test_rows_of_another_report_or_table_are_refused(world, name, slug, scope):
    edit = open_edit_page(world, name, slug, scope)
    targets = [(prefix, foreign_rows(edit, prefix)) for prefix in formset_prefixes(edit.page)]
    targets = [(prefix, foreign) for prefix, foreign in targets if foreign]
    assert targets, "no row of another report to forge"

    @HOSTILE
    @given(st.sampled_from(targets).flatmap(lambda target: st.tuples(
        st.just(target[0]), st.sampled_from(target[1]),
        st.sampled_from(["edit", "delete", "add", "twice"]),
        st.integers(0, 10**6))))
    def run(forgery):
        prefix, foreign, how, index = forgery
        page = Page(edit.page.response) if how == "add" else edit.page
        rows = [name.removesuffix("-id") for name in page.data
                if name.startswith(f"{prefix}-") and name.endswith("-id")]
        if how == "add" and prefix != "funds":
            row = page.add_row(prefix)
        else:
            row = sorted(rows)[index % len(rows)] if rows else None
        if row is None:
            return
        data = changed(page.data, [(f"{row}-id", str(foreign))])
        if how == "delete":
            data[f"{row}-DELETE"] = ["on"]
        elif how == "twice":
            # The row posted a second time under another index, naming the same stored row.
            total = int(data[f"{prefix}-TOTAL_FORMS"][0])
            copy = f"{prefix}-{total}"
            for key, values in list(data.items()):
                if key.startswith(f"{row}-"):
                    data[copy + key.removeprefix(row)] = values
            data[f"{copy}-id"] = data[f"{row}-id"] = page.data[f"{row}-id"]
            data[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
        with rolled_back():
            response, _ = edit.post(data)
            assert response.status_code == 400, f"{how} naming row {foreign} was not refused"

    run()


LOCKS = st.one_of(st.integers(-3, 10**30).map(str), TEXTS, st.sampled_from(SPECIAL_NUMBERS))


@pytest.mark.parametrize("name", ["f1", "f2", "f3", "f4"])
def test_stale_or_unreadable_lock_version_is_refused(world, name):
    slug = world.reports[name].spec.sections[0].slug
    edit = open_edit_page(world, name, slug, "report")
    current = edit.page.data["lock_version"][0]

    @HOSTILE
    @given(LOCKS)
    def run(lock):
        data = changed(edit.page.data, [("lock_version", lock)])
        with rolled_back():
            response, _ = edit.post(data)
        assert response.status_code == (302 if names_version([lock], current) else 409)

    run()
    with rolled_back():
        # A post without one (a script's) saves over whatever is stored.
        _, succeeded = edit.post(changed(edit.page.data, [("lock_version", REMOVED)]))
        assert succeeded


@pytest.mark.parametrize(("name", "slug"), [("f1", "finance"), ("f2", "table"), ("f4", "figures")])
def test_hostile_values_in_the_live_preview_change_nothing(world, name, slug):
    edit = open_edit_page(world, name, slug, "report")
    url = reverse("report_preview", args=[edit.report.pk, slug])
    names, numeric = inputs(edit.page)

    @FEW
    @given(changes(names, numeric))
    def run(changes):
        with rolled_back():
            post(edit.client, url, changed(edit.page.data, changes), edit.own, edit.others,
                 (200,))

    run()


# ---- the report page: comments, 审核得分, the workflow steps


def review_forms(world):
    """By form: (user, the report it writes, url, the data its page posts, the twin)."""
    f1, f2 = world.submitted["f1"], world.submitted["f2"]
    draft = world.reports["f1"]
    row = f2.indicatorrows.filter(weight__isnull=False).order_by("pk").first()
    return {
        "comment": ("zhangsan", f1, reverse("report_comment", args=[f1.pk]),
                    {"section": "overview", "back": "section", "field": "id_report-duties",
                     "text": "请核对。"}, world.twins["f1"]),
        "rescore": ("wangwu", f2, reverse("report_rescore", args=[f2.pk]),
                    {"row": str(row.pk), "review_score": "1", "review_reason": "未达到目标值。"},
                    world.twins["f2"]),
        "return": ("zhangsan", f1, reverse("report_return", args=[f1.pk]),
                   {"comment": "请补充专项支出的用途。"}, world.twins["f1"]),
        "approve": ("zhangsan", f1, reverse("report_approve", args=[f1.pk]),
                    {"comment": "同意。"}, world.twins["f1"]),
        "submit": ("xuyuanshan", draft, reverse("report_submit", args=[draft.pk]),
                   {"comment": "请审核"}, world.twins["f1"]),
    }


REVIEW_FORMS = ["comment", "rescore", "return", "approve", "submit"]


@pytest.mark.parametrize("form", REVIEW_FORMS)
def test_hostile_values_in_the_report_pages_forms(world, form):
    username, report, url, base, twin = review_forms(world)[form]
    client = world.client(username)
    with rolled_back():
        _, succeeded = post(client, url, {k: [v] for k, v in base.items()},
                            lambda: report_state(report.pk), lambda: report_state(twin.pk),
                            (302,))
        assert succeeded, "the unchanged form is refused"
    # Now and then the twin's indicator as the row to re-score, another section, nothing.
    other_row = str(twin.indicatorrows.order_by("pk").first().pk)

    # What the reviewer types, chosen more often than the hidden inputs.
    typed = [name for name in base if name not in ("row", "section", "back")]

    @REVIEW
    @given(changes([*base, *typed * 3], {"row", "review_score"},
                   st.sampled_from([other_row, "cover", ""])))
    def run(changes):
        data = changed({k: [v] for k, v in base.items()}, changes)
        with rolled_back():
            post(client, url, data, lambda: report_state(report.pk),
                 lambda: report_state(twin.pk), (302, 404))

    run()


# ---- 新建报告 and the 财政局管理员's pages


def bureau_of(username):
    user = User.objects.get(username=username)
    return user.bureau_id or user.unit.bureau_id


def manage_forms(world):
    """By form: (user, the page, where its form posts when not to the page, what to type
    into it). Every admin form, and 新建报告, whose new report is its unit's and so its
    bureau's."""
    yueyang = Bureau.objects.get(name="岳阳县财政局")
    unit = Unit.objects.get(budget_code="505001")
    filler = User.objects.get(username="sunqi")

    def url(name, *args):
        return reverse(name, args=[yueyang.pk, *args])

    password = "Kx-2025-新密码"
    return {
        "report_new": ("xuyuanshan", reverse("report_list"), reverse("report_new"),
                       {"year": "2030", "form_version": str(
                           FormVersion.objects.get(code="f1-yueyang-2021").pk)}),
        "unit_new": ("zhaoliu", url("manage_unit_new"), None,
                     {"name": "新建的单位", "budget_code": "909090"}),
        "unit_edit": ("zhaoliu", url("manage_unit_edit", unit.pk), None, {}),
        "institutions": ("zhaoliu", url("manage_unit_institutions", unit.pk), None, {}),
        "user_new": ("zhaoliu", url("manage_user_new"), None,
                     {"username": "xinyonghu", "first_name": "新用户", "role": "filler",
                      "unit": str(unit.pk), "password1": password, "password2": password}),
        "user_edit": ("zhaoliu", url("manage_user_edit", filler.pk), None,
                      {"first_name": "孙七七"}),
        "user_password": ("zhaoliu", url("manage_user_password", filler.pk), None,
                          {"new_password1": password, "new_password2": password}),
        "user_active": ("zhaoliu", url("manage_users"), url("manage_user_active", filler.pk),
                        {}),
        "year": ("zhaoliu", url("manage_year", 2024), None, {}),
    }


MANAGE_FORMS = ["report_new", "unit_new", "unit_edit", "institutions", "user_new", "user_edit",
                "user_password", "user_active", "year"]


@pytest.mark.parametrize("form", MANAGE_FORMS)
def test_hostile_values_in_new_report_and_the_admin_forms(world, form):
    username, page_url, action, typed = manage_forms(world)[form]
    client = world.client(username)
    response = client.get(page_url)
    page = Page(response, statuses=(200,), action=action or page_url)
    base = changed(page.data, list(typed.items()))
    url = action or page_url
    own = bureau_of(username)

    def own_state():
        return bureau_state(own), counts()

    def others():
        return bureau_state(world.other_bureau.pk)

    with rolled_back():
        _, succeeded = post(client, url, base, own_state, others, (302,))
        assert succeeded, "the page's own form is refused"
    names, numeric = inputs(page)
    # Another bureau's 二级机构, unit and user, named where this bureau's are.
    foreign = [str(pk) for pk in (
        Institution.objects.filter(unit__bureau=world.other_bureau).first().pk,
        Unit.objects.filter(bureau=world.other_bureau).first().pk,
        User.objects.filter(bureau=world.other_bureau).first().pk,
    )]

    @ADMIN
    @given(changes(names | set(typed), numeric, st.sampled_from(foreign)))
    def run(changes):
        with rolled_back():
            post(client, url, changed(base, changes), own_state, others, (302, 400))

    run()


# ---- the fixes the walk above found, one by one


def test_review_score_that_is_not_a_plain_number_is_refused_with_a_message(world):
    """NaN and Infinity were a 500 (compared, or their exponent, raising); numbers too large
    for the column a 500 when the row had no 分值."""
    report = world.submitted["f2"]
    row = report.indicatorrows.filter(weight__isnull=False).order_by("pk").first()
    client = world.client("wangwu")
    for text, message in [("NaN", "请填写得分数字，最多两位小数，例如 97"),
                          ("Infinity", "请填写得分数字，最多两位小数，例如 97"),
                          ("sNaN", "请填写得分数字，最多两位小数，例如 97"),
                          ("1e400", "得分应在 0 至 100 之间"),
                          ("9" * 30, "得分应在 0 至 100 之间")]:
        with rolled_back():
            response = send(client, reverse("report_rescore", args=[report.pk]),
                            {"row": row.pk, "review_score": text, "review_reason": "x"})
            row.refresh_from_db()
            assert (response.status_code, row.review_score) == (302, None)
            assert error_messages(response) == [message], text


def test_rescore_row_in_other_digits_is_not_found(world):
    """"²" is a digit to str.isdigit but not a number to int(): it was a 500."""
    report = world.submitted["f2"]
    client = world.client("wangwu")
    response = client.post(reverse("report_rescore", args=[report.pk]),
                           {"row": "²", "review_score": "1", "review_reason": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize(("data", "message"), [
    ({"text": "请核对\x00。"}, "内容中有不可见的空字符（多半是复制粘贴带来的），请删除后重新输入"),
    ({"text": "请核对。", "field": "x" * 101}, "没有这个栏目，请刷新页面后重新选择"),
    ({"text": "请核对。" * 501}, "审核意见最多 2000 字，现有 2004 字"),
])
def test_review_comment_with_nul_or_too_long_is_refused_with_a_message(world, data, message):
    """NUL and a field id longer than the column were a 500 on PostgreSQL."""
    report = world.submitted["f1"]
    client = world.client("zhangsan")
    with rolled_back():
        response = client.post(reverse("report_comment", args=[report.pk]),
                               {"section": "overview", "field": "", **data})
        assert response.status_code == 302
        assert error_messages(response) == [message]
        assert not report.comments.exists()


def test_comment_sent_back_to_a_section_that_does_not_exist_goes_to_the_report_page(world):
    """Its page could not be named (NoReverseMatch, a 500)."""
    report = world.submitted["f1"]
    client = world.client("zhangsan")
    response = client.post(reverse("report_comment", args=[report.pk]),
                           {"section": "不存在/的部分", "text": "", "back": "section"})
    assert (response.status_code, response.url) == (
        302, reverse("report_detail", args=[report.pk]))


@pytest.mark.parametrize("step", ["report_return", "report_approve"])
def test_workflow_comment_with_nul_is_refused_and_the_step_not_taken(world, step):
    """It was a 500 on PostgreSQL, which cannot store NUL."""
    report = world.submitted["f1"]
    client = world.client("zhangsan")
    with rolled_back():
        response = client.post(reverse(step, args=[report.pk]), {"comment": "同意\x00"})
        report.refresh_from_db()
        assert (response.status_code, report.status) == (302, Report.Status.SUBMITTED)
        assert error_messages(response) == [
            "内容中有不可见的空字符（多半是复制粘贴带来的），请删除后重新输入"]


def test_nul_in_an_edit_page_is_refused_beside_the_field_in_chinese(world):
    """Django refused it, with a message whose Chinese spoke of an empty string."""
    edit = open_edit_page(world, "f1", "overview", "report")
    data = changed(edit.page.data, [("report-contact_person", "徐\x00远山")])
    with rolled_back():
        response, _ = edit.post(data)
        assert response.status_code == 400
        assert Page(response).cell_errors("report-contact_person") == [
            "内容中有不可见的空字符（多半是复制粘贴带来的），请删除后重新输入"]


def test_amount_too_large_for_the_database_is_refused_beside_the_field(world):
    edit = open_edit_page(world, "f1", "finance", "report")
    with rolled_back():
        response, _ = edit.post(changed(edit.page.data, [
            ("institutions-0-income_other", "9" * 30)]))
        assert response.status_code == 400
        assert Page(response).cell_errors("institutions-0-income_other") == [
            "金额过大：整数部分最多 10 位（单位：万元）"]


@pytest.mark.parametrize("how", [
    "id of another project", "more rows than sources", "stored row posted as added",
    "row without its id",
])
def test_fund_rows_are_fixed_one_per_source(world, how):
    """An added fund row was stored without a source (a 500 for the second one), a row of
    another project or without its id was dropped while the rest was saved."""
    edit = open_edit_page(world, "f3", "table", "project")
    other = ProjectFund.objects.exclude(project=edit.project).order_by("pk").first()
    data = changed(edit.page.data, [("funds-0-budget", "5"), ("funds-1-budget", "2")])
    if how == "id of another project":
        data["funds-0-id"] = [str(other.pk)]
    elif how == "more rows than sources":
        data.update({"funds-TOTAL_FORMS": ["3"], "funds-2-budget": ["1"],
                     "funds-2-executed": ["1"]})
    elif how == "stored row posted as added":
        data["funds-INITIAL_FORMS"] = ["1"]
    else:
        del data["funds-1-id"]
    with rolled_back():
        response, _ = edit.post(data)
        assert response.status_code == 400
        assert list(edit.project.funds.values_list("source", "budget")) == [
            ("fiscal", D("14.00")), ("other", None)]


def test_a_row_posted_twice_is_refused(world):
    """Django saved the row once, with the values of the last: the first one's were lost."""
    edit = open_edit_page(world, "f1", "overview", "report")
    data = changed(edit.page.data, [
        ("tasks-TOTAL_FORMS", "6"), ("tasks-5-id", edit.page.data["tasks-0-id"][0]),
        ("tasks-5-text", "第二份"), ("tasks-5-position", "5"), ("tasks-5-DELETE", ""),
    ])
    with rolled_back():
        response, _ = edit.post(data)
        assert response.status_code == 400
        assert "表格的行与已保存的不一致" in response.content.decode()


def test_year_forms_with_an_id_too_large_for_the_database_are_refused(world):
    """It was a 500 on SQLite (OverflowError)."""
    client = world.client("zhaoliu")
    bureau = Bureau.objects.get(name="岳阳县财政局")
    response = client.post(reverse("manage_year", args=[bureau.pk, 2024]),
                           {"form_versions": ["9" * 30]})
    assert response.status_code == 400
    assert "请从列表中勾选表单" in response.content.decode()
    assert YearForm.objects.filter(bureau=bureau, year=2024).count() == 0


def test_finance_page_with_sixty_institutions_is_saved(world):
    """Over 1,000 inputs: Django refused the post with a bare 400 and what was typed was lost."""
    edit = open_edit_page(world, "f1", "finance", "report")
    for index in range(60):
        edit.page.add_row("institutions", name=f"二级机构{index}", income_other="1.00")
    with rolled_back():
        _, succeeded = edit.post(edit.page.data)
        assert succeeded
        assert list(edit.report.institutionrows.values_list("name", flat=True)) == [
            "局机关", *(f"二级机构{index}" for index in range(60))]
