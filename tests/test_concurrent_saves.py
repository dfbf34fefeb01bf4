"""Fifty people press 保存 on the same page of one report at the same moment.

Every one of them opened the page at the same version; exactly one save is accepted, the other
49 are refused as stale (409, with what the accepted one changed), and the stored tables are
those of the accepted save alone: no row of a refused save, no mix of two. Each save runs in a
thread with its own database connection (on SQLite the tests use a database file, see
conftest.py), and a barrier releases all fifty posts together.
"""

import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client

from reports.models import Report, User
from tests.pages import Page, open_page, post_page, section_url

SAVERS = 50

pytestmark = pytest.mark.django_db(transaction=True)


def save_all_at_once(url, cookies, pages):
    """Post every page from its own thread and client, all released together; the statuses."""
    barrier = threading.Barrier(len(pages))
    statuses = [None] * len(pages)
    errors = []

    def save(index):
        client = Client()
        client.cookies = cookies
        try:
            barrier.wait(timeout=60)
            statuses[index] = post_page(client, url, pages[index]).status_code
        except Exception as error:  # reported below, with the thread it happened in
            errors.append((index, repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(pages))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return statuses


@pytest.fixture
def patient_sqlite(monkeypatch):
    """On SQLite, the threads' connections wait up to two minutes for the write lock.

    Every request is one IMMEDIATE transaction, so the fifty saves take SQLite's write lock one
    after another; on a busy machine (the PostgreSQL run beside this one) the last of them
    waits longer than the application's 20 s. The test is about which save wins, not about how
    long the queue takes.
    """
    if connection.vendor == "sqlite":
        monkeypatch.setitem(connections.settings[DEFAULT_DB_ALIAS]["OPTIONS"], "timeout", 120)


def test_fifty_simultaneous_saves_of_one_report_accept_exactly_one(demo, patient_sqlite):
    # The saves really run side by side: not one shared in-memory connection.
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    before = report.lock_version
    url = section_url(report, "finance")
    client = Client()
    client.force_login(User.objects.get(username="xuyuanshan"))

    # Everyone opened the page at the same version; each types figures and a row of their own.
    pages = []
    for saver in range(SAVERS):
        page = open_page(client, url)
        page.set(institutions__0__name=f"局机关{saver}",
                 institutions__0__income_public_finance=f"{saver}.00")
        page.add_row("institutions", name=f"二级机构{saver}", income_other=f"{saver}.50")
        pages.append(page)

    statuses = save_all_at_once(url, client.cookies, pages)

    accepted = [saver for saver, status in enumerate(statuses) if status == 302]
    assert len(accepted) == 1, statuses
    assert sorted(statuses) == [302] + [409] * (SAVERS - 1)
    (winner,) = accepted
    report.refresh_from_db()
    assert report.lock_version == before + 1
    rows = list(report.institutionrows.order_by("position")
                .values_list("name", "income_public_finance", "income_other"))
    shown = [tuple(None if value is None else str(value) for value in row) for row in rows]
    assert shown == [
        (f"局机关{winner}", f"{winner}.00", "5.07"),
        (f"二级机构{winner}", None, f"{winner}.50"),
    ]


def test_a_refused_save_shows_the_accepted_ones_changes(demo):
    """What each of the 49 sees: the other person's save, and their own figures kept."""
    report = Report.objects.get(unit__budget_code="505001", year=2021)
    url = section_url(report, "finance")
    client = Client()
    client.force_login(User.objects.get(username="xuyuanshan"))
    pages = []
    for saver in range(2):
        page = open_page(client, url)
        page.set(institutions__0__income_public_finance=f"7{saver}.00")
        pages.append(page)
    assert post_page(client, url, pages[0]).status_code == 302
    refused = post_page(client, url, pages[1])
    assert refused.status_code == 409
    shown = Page(refused, statuses=(409,), spaced=True)
    assert "保存未成功" in shown.html
    # The accepted figure in the list of what changed (the 汇总 row shows it too: not enough).
    assert [row.text() for row in shown.find(class_="change-changed")] == [
        "机构收支 局机关 修改 公共财政拨款 73.03 70.00"]
    # The refused one's own figure, still in its field.
    assert shown.data["institutions-0-income_public_finance"] == ["71.00"]
