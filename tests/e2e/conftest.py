"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

`make test` installs the `chromium` package when it is missing (scripts/sysdeps --browser);
Playwright's own browser download is not used. Each test starts from the demo data, as
`make run` loads it, in a database that is emptied after the test (live_server needs
transactions that really commit, so that the server thread sees them).
"""

import os
import re

import pytest

from reports.demo import load_demo

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# to look at the database in between are plain synchronous calls and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "kxeval2021"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The clerk's usual screen: a 1366×768 laptop.
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768},
            "locale": "zh-CN", "accept_downloads": True}


@pytest.fixture
def site(live_server, transactional_db, settings, tmp_path):
    """The live server's address, with the demo data loaded and tasks run at once."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    load_demo()
    return live_server.url


@pytest.fixture
def another_browser(browser, browser_context_args, login):
    """A second person at another computer: `another_browser("sunqi")` is their page, logged in."""
    contexts = []

    def open_as(username):
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return login(context.new_page(), username)

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def login(site):
    """Log a page in through the login form, as a person would."""
    def login(page, username):
        page.goto(f"{site}/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(re.compile(r"^(?!.*/login/)"))
        return page
    return login
