"""Shared fixtures: the demo organisation and the reference report of 岳阳县科学技术协会 2021."""

import pytest

from reports import services
from reports.demo import load_demo
from reports.models import Bureau, FormVersion, Report, Unit, User


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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The demo users' passwords are hashed on every load; the default hasher takes ~1 s."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The demo data as `make run` loads it."""
    load_demo()


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
