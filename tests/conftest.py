"""Shared fixtures: the demo organisation and the reference report of 岳阳县科学技术协会 2021.

The demo is loaded into the test database once, when the database is made
(`django_db_setup`), and every test that uses it runs in a transaction rolled back at its end,
so each one starts from the demo as `make run` loads it without loading it again. Tests that
must commit (`transaction=True`: the live server of the browser tests, the simultaneous saves,
the worker) empty the database when they end (pytest-django runs them after all the others);
the `demo` fixture loads it again for the next one. Tests that need an empty database ask for
`empty_db`.
"""

import pytest
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

from reports import services
from reports.demo import load_demo
from reports.models import Bureau, FormVersion, Report, Unit, User

# Every password hashed in the tests, the demo users' included; the default hasher takes ~1 s.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory):
    """On SQLite, test in a database file, as the application runs, rather than in memory.

    An in-memory database is one connection that every thread shares; a file gives each thread
    (the live server of the browser tests, the simultaneous saves of test_concurrent_saves) a
    connection of its own, with the WAL journal and IMMEDIATE transactions of the settings.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


def load_demo_as_in_a_test():
    """Load the demo and commit it, leaving out what its commit would set off.

    Approving and returning the demo's reports queue e-mails and the approved PDF's rendering
    on commit. A test that loaded the demo inside its own transaction never committed, so those
    never ran; the demo shared by all tests is the same, with nothing queued and no mail sent.
    """
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        load_demo()
        connection.run_on_commit.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the demo loaded once for the whole session."""
    with django_db_blocker.unblock():
        load_demo_as_in_a_test()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def demo(db):
    """The demo data as `make run` loads it."""
    if not Report.objects.exists():
        # Only after a test that committed and emptied the database (see the module's note).
        load_demo()


# What migrations create, kept by `empty_db` as by `manage.py flush`, which makes them again.
MIGRATION_DATA = {"django_content_type", "auth_permission"}


@pytest.fixture
def empty_db(db):
    """A database as `migrate` leaves it: the shared demo removed in this test's transaction."""
    tables = set(connection.introspection.django_table_names(only_existing=True,
                                                             include_views=False))
    tables -= MIGRATION_DATA
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)


@pytest.fixture
def demo_report(demo):
    return Report.objects.get(unit__budget_code="505001", year=2021)


@pytest.fixture
def filler(demo):
    return User.objects.get(username="xuyuanshan")


@pytest.fixture
def filler_client(client, filler):
    client.force_login(filler)
    return client


@pytest.fixture
def lisi_client(client, demo):
    """The 填报人 of 岳阳市云溪区科学技术协会 (the F2 report), logged in."""
    client.force_login(User.objects.get(username="lisi"))
    return client


@pytest.fixture
def yunxi_report(demo):
    """The F2 reference report: 岳阳市云溪区科学技术协会's 2024 自评表 (002)."""
    return Report.objects.get(unit__budget_code="317001", year=2024)


@pytest.fixture
def zhengshi_client(client, demo):
    """The 填报人 of 泸县科学技术协会 (the F3 and F4 reports), logged in."""
    client.force_login(User.objects.get(username="zhengshi"))
    return client


@pytest.fixture
def demo_f3(demo):
    """The F3 reference report: 泸县科学技术协会's 2021 projects (001's four)."""
    return Report.objects.get(unit__budget_code="128001", year=2021,
                              form_version__code="f3-sichuan-2021")


@pytest.fixture
def f1_version(demo):
    return FormVersion.objects.get(code="f1-yueyang-2021")


@pytest.fixture
def other_unit(demo):
    bureau = Bureau.objects.create(name="张三县财政局", region="张三县")
    return Unit.objects.create(bureau=bureau, name="张三县科学技术协会", budget_code="999001")


@pytest.fixture
def empty_report(demo, filler, f1_version):
    """A new 2023 report of the demo unit, as 新建报告 creates it."""
    return services.create_report(filler.unit, 2023, f1_version, filler)
