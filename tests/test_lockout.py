"""The login lockout: five wrong passwords for one user name from one address lock that pair out
for 30 minutes; the user elsewhere and other users at that address are not affected."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from reports.demo import DEMO_PASSWORD
from tests.pages import logs_in, parse

LOCKED = "登录失败次数过多，账号已暂时锁定，请 30 分钟后再试或联系管理员。"
OFFICE = "10.1.1.7"
HOME = "10.2.2.9"


def attempt(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def fail_five_times(client, username="xuyuanshan", **extra):
    """Five wrong passwords; the statuses the login page answered them with."""
    return [attempt(client, username, "wrong-password", **extra).status_code for _ in range(5)]


def elements(response, name, value):
    return [node for node in parse(response.content.decode()).iter()
            if node.attrs.get(name) == value]


def test_sixth_attempt_is_refused_even_with_the_right_password(demo, client):
    # The fifth wrong password already locks the pair out.
    assert fail_five_times(client, REMOTE_ADDR=OFFICE) == [200, 200, 200, 200, 429]

    response = attempt(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)

    assert response.status_code == 429
    assert [node.text() for node in elements(response, "role", "alert")] == [LOCKED]
    # The login form is there again, empty, for when the time is up.
    assert [node.attrs.get("value") for node in elements(response, "name", "username")] == [None]
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("report_list")).status_code == 302


def test_the_same_user_from_another_address_still_logs_in(demo, client):
    fail_five_times(client, REMOTE_ADDR=OFFICE)

    assert logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=HOME)


def test_another_user_from_the_same_address_still_logs_in(demo, client):
    fail_five_times(client, REMOTE_ADDR=OFFICE)

    assert logs_in(client, "sunqi", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)


def test_login_works_again_after_the_cool_off(demo, client):
    fail_five_times(client, REMOTE_ADDR=OFFICE)

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=29))
    assert not logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)
    # That refused try started the 30 minutes again.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=30, seconds=1))
    assert logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)


def test_a_successful_login_clears_the_count(demo, client):
    for _ in range(4):
        attempt(client, "xuyuanshan", "wrong-password", REMOTE_ADDR=OFFICE)
    assert logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)
    client.logout()

    assert fail_five_times(client, REMOTE_ADDR=OFFICE) == [200, 200, 200, 200, 429]


def test_an_administrator_unlocks_a_user(demo, client):
    fail_five_times(client, REMOTE_ADDR=OFFICE)

    call_command("axes_reset_username", "xuyuanshan", stdout=StringIO())

    assert logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE)


# ---- the client's address behind a reverse proxy


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(demo, client):
    statuses = [
        attempt(client, "xuyuanshan", "wrong-password", REMOTE_ADDR=OFFICE,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]
    assert not logs_in(client, "xuyuanshan", DEMO_PASSWORD, REMOTE_ADDR=OFFICE,
                       HTTP_X_FORWARDED_FOR="192.0.2.99")


@pytest.fixture
def behind_nginx(settings):
    """Production behind one proxy: every request comes from nginx, which appends the
    address it received the request from to X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    return {"REMOTE_ADDR": "127.0.0.1"}


def test_behind_a_proxy_the_address_the_proxy_saw_is_locked_out(demo, client, behind_nginx):
    # What the client writes into X-Forwarded-For itself comes first and changes nothing.
    statuses = [
        attempt(client, "xuyuanshan", "wrong-password", **behind_nginx,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {OFFICE}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().ip_address == OFFICE
    assert not logs_in(client, "xuyuanshan", DEMO_PASSWORD, **behind_nginx,
                       HTTP_X_FORWARDED_FOR=OFFICE)
    assert logs_in(client, "xuyuanshan", DEMO_PASSWORD, **behind_nginx,
                   HTTP_X_FORWARDED_FOR=HOME)
