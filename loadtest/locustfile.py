"""Load test of kxeval: 填报人 opening and saving their reports, 审核人 working the desk.

Run it with `make loadtest` (see docs/performance.md), which starts `make serve` on a free
loopback port against a PostgreSQL database, loads the data with `manage.py loadtestdata` and
runs this file headless. By hand, against a server already running on data from loadtestdata:

    loadtest/.venv/bin/locust -f loadtest/locustfile.py --headless -u 55 -r 10 -t 60s \
        --only-summary --host http://127.0.0.1:8000

EditorUser i logs in as lt_filler{i:03d} and edits only its own unit's draft (loadtestdata gives
every unit one), so saves do not meet on one lock_version; with more editors than units the
names wrap round, and two editors of one report then see the app refuse a stale save (409):
that is the app working, counted apart and not as a failure. ReviewerUser logs in as
lt_reviewer{i} and reads the desk and the submitted reports; it changes nothing.

`make serve` runs with production settings: HTTPS only, secure cookies, CSRF checked against
the Origin. Here, as behind the TLS proxy production has, every request says
X-Forwarded-Proto: https, and the client sends its secure cookies over the loopback.

Requests are named by endpoint ([id] for a report, [section] for a page), so a report's pages
group together. The summary at the end prints p50/p95 per name and the failures, for the whole
run and again for the time after every user had logged in: each login costs the server a
password hash, and a crowd logging in at once says little about editing.

Tags: `pdf` (the draft PDF, rendered on request) and `xlsx` (the desk's export) can be left
out with --exclude-tags.
"""

import itertools
import os
import random
import re
import time
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

from locust import HttpUser, between, events, tag, task
from locust.exception import StopUser
from locust.stats import calculate_response_time_percentile, diff_response_time_dicts
from requests.cookies import RequestsCookieJar

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "kxeval2021")
UNITS = int(os.environ.get("LOADTEST_UNITS", "50"))
REVIEWERS = int(os.environ.get("LOADTEST_REVIEWERS", "5"))
YEAR = int(os.environ.get("LOADTEST_YEAR", "2021"))  # the editors' drafts; YEAR - 1 is submitted

# The amount an editor changes on 二、收支情况: the office's 一般公共预算财政拨款 (万元).
AMOUNT_FIELD = "institutions-0-income_public_finance"
# Links under /reports/<pk>/ that are not edit pages.
NOT_SECTIONS = {"check", "pdf", "submit", "confirm", "return", "approve", "comment", "rescore",
                "changes"}

_editor_numbers = itertools.count(1)
_reviewer_numbers = itertools.count(1)
stale_saves = 0  # 409s: another editor of the same report saved first


class FormReader(HTMLParser):
    """The (name, value) pairs that submitting the form with id `form_id` sends, as a browser
    builds them: not the inputs of the empty-row <template>s, nor buttons."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.depth = 0  # open <form> tags, to know where the form ends
        self.in_template = 0
        self.fields = []
        self.textarea = None  # [name, text] while inside a <textarea>
        self.select = None  # [name, first option, chosen option] while inside a <select>
        self.option = None  # [value or None, text] while inside an <option>

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self.in_form = True
            if self.in_form:
                self.depth += 1
            return
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((name, attrs.get("value") or default))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = [name, None, None]
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "form":
            self.depth -= 1
            self.in_form = self.depth > 0
        elif tag == "template":
            self.in_template -= 1
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # As browsers do: a newline right after <textarea> is not part of the value.
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            value = text.strip() if value is None else value
            if self.select[1] is None:
                self.select[1] = value
            if selected:
                self.select[2] = value
            self.option = None
        elif tag == "select" and self.select is not None:
            name, first, chosen = self.select
            if chosen is not None or first is not None:
                self.fields.append((name, chosen if chosen is not None else first))
            self.select = None


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    reader.close()
    return reader.fields


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else None


class LoopbackCookieJar(RequestsCookieJar):
    """Keeps the secure cookies (session, CSRF) as the browser behind the TLS proxy does, and
    sends them over the plain loopback connection: their secure flag is dropped on arrival.
    (A cookie policy would not do: requests copies the cookies into a new jar per request.)"""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class KxevalUser(HttpUser):
    abstract = True
    username = None

    def on_start(self):
        origin = "https://" + urlsplit(self.host).netloc
        # What the TLS proxy in front of gunicorn adds in production, and what a browser sends
        # with a form: Django's CSRF check compares the Origin with the (https) host.
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin})
        self.client.cookies = LoopbackCookieJar()
        self.log_in()

    def log_in(self):
        """The login form, once per user (django-axes counts failed logins, not good ones)."""
        with self.client.get("/login/", name="GET /login/", catch_response=True) as response:
            token = csrf_token(response.text)
            if response.status_code != 200 or token is None:
                response.failure(f"login page: {response.status_code}, token {token!r}")
                raise StopUser()
        self.fetch_static(response.text)
        with self.client.post(
            "/login/", name="POST /login/", allow_redirects=False, catch_response=True,
            data={"csrfmiddlewaretoken": token, "username": self.username,
                  "password": PASSWORD, "next": ""},
        ) as response:
            if response.status_code != 302:
                response.failure(f"{self.username} not logged in: {response.status_code}")
                raise StopUser()

    def fetch_static(self, html):
        """The stylesheets and scripts of a first page: a browser with an empty cache."""
        for path in sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))):
            self.page(path, "GET /static/[file]")

    def page(self, path, name, expect=200):
        """GET `path`; anything but `expect` is a failure. Returns the response."""
        with self.client.get(path, name=name, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} for {path}")
        return response


class EditorUser(KxevalUser):
    """A 填报人: opens the pages of the unit's draft, saves 二、收支情况 with a changed amount and
    the narrative with a changed sentence, runs 检查 and now and then previews the PDF."""

    weight = 10
    wait_time = between(3, 10)

    def on_start(self):
        number = (next(_editor_numbers) - 1) % UNITS + 1
        self.username = f"lt_filler{number:03d}"
        super().on_start()
        with self.client.get("/", name="GET /", catch_response=True) as response:
            rows = re.findall(r"<tr>(.*?)</tr>", response.text, flags=re.S)
            drafts = [re.search(r'href="/reports/(\d+)/"', row) for row in rows
                      if f"<td>{YEAR}</td>" in row and "status-draft" in row]
            if not drafts or drafts[0] is None:
                response.failure(f"{self.username} has no {YEAR} draft: run loadtestdata")
                raise StopUser()
        self.report = int(drafts[0].group(1))
        self.page(f"/reports/{self.report}/", "GET /reports/[id]/")
        first = self.page(f"/reports/{self.report}/cover/", "GET /reports/[id]/[section]/")
        self.sections = [slug for slug in dict.fromkeys(
            re.findall(rf'href="/reports/{self.report}/([a-z_-]+)/"', first.text)
        ) if slug not in NOT_SECTIONS]
        user_ready(self.environment)

    @task(8)
    def open_section(self):
        slug = random.choice(self.sections)
        self.page(f"/reports/{self.report}/{slug}/", "GET /reports/[id]/[section]/")

    @task(4)
    def save_amount(self):
        """二、收支情况: the 财政拨款 figure of the office, changed by up to 0.50 万元."""
        def change(fields):
            for index, (name, value) in enumerate(fields):
                if name == AMOUNT_FIELD:
                    amount = Decimal(value or "0") + Decimal(random.randint(-50, 50)) / 100
                    fields[index] = (name, str(max(amount, Decimal("0"))))
                    return
            raise LookupError(AMOUNT_FIELD)

        self.save_section("finance", change)

    @task(2)
    def save_narrative(self):
        """五、评价报告综述: one paragraph rewritten."""
        def change(fields):
            narrative = [i for i, (name, _) in enumerate(fields) if name.startswith("narrative-")]
            index = random.choice(narrative)
            name, text = fields[index]
            sentence = f"（第 {random.randint(1, 999)} 次修改）"
            fields[index] = (name, re.sub(r"（第 \d+ 次修改）$", "", text) + sentence)

        self.save_section("narrative", change)

    @task(2)
    def check(self):
        self.page(f"/reports/{self.report}/check/", "GET /reports/[id]/check/")

    @task(1)
    def report_page(self):
        self.page(f"/reports/{self.report}/", "GET /reports/[id]/")

    @tag("pdf")
    @task(1)
    def preview_pdf(self):
        self.page(f"/reports/{self.report}/pdf/", "GET /reports/[id]/pdf/")

    def save_section(self, slug, change):
        """Open the page, change what a person would, post the form back with the
        lock_version the page was opened at, and follow the redirect."""
        global stale_saves
        path = f"/reports/{self.report}/{slug}/"
        response = self.page(path, "GET /reports/[id]/[section]/")
        if response.status_code != 200:
            return
        fields = form_fields(response.text, "section-form")
        change(fields)
        fields.append(("save", ""))
        with self.client.post(path, data=fields, name="POST /reports/[id]/[section]/",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code == 409:
                stale_saves += 1
                response.success()  # someone else saved first: refused as it should be
                return
            if response.status_code != 302:
                response.failure(f"save {slug}: {response.status_code}")
                return
        self.page(response.headers["Location"], "GET /reports/[id]/[section]/")


class ReviewerUser(KxevalUser):
    """A 审核人: the desk with filters, sorting and search; a submitted report's page and its
    sections; now and then the .xlsx export."""

    fixed_count = REVIEWERS
    wait_time = between(2, 6)

    FILTERS = (
        "?status=submitted",
        "?status=draft&sort=-updated",
        "?sort=-score",
        "?sort=status",
        "?sort=-findings",
        "?q=科学技术协会",
        "?q=LT001",
        "?form=f1-yueyang-2021&sort=-submitted",
        f"?year={YEAR - 1}&status=submitted&sort=-submitted",
    )

    def on_start(self):
        self.username = f"lt_reviewer{(next(_reviewer_numbers) - 1) % max(REVIEWERS, 1) + 1}"
        super().on_start()
        self.page("/desk/", "GET /desk/")
        user_ready(self.environment)

    @task(3)
    def desk(self):
        self.page("/desk/", "GET /desk/")

    @task(4)
    def desk_filtered(self):
        self.page("/desk/" + random.choice(self.FILTERS), "GET /desk/?[filter]")

    @task(4)
    def open_submitted(self):
        response = self.page(f"/desk/?year={YEAR - 1}&status=submitted", "GET /desk/?[filter]")
        reports = sorted(set(re.findall(r'href="/reports/(\d+)/"', response.text)))
        if not reports:
            response.failure("no submitted report on the desk: run loadtestdata")
            return
        report = random.choice(reports)
        self.page(f"/reports/{report}/", "GET /reports/[id]/ (审核人)")
        for slug in random.sample(["cover", "overview", "finance", "performance", "evaluators",
                                   "narrative"], 2):
            self.page(f"/reports/{report}/{slug}/", "GET /reports/[id]/[section]/ (审核人)")

    @tag("xlsx")
    @task(1)
    def export_xlsx(self):
        year = random.choice((YEAR, YEAR - 1))
        self.page(f"/desk/export.xlsx?year={year}", "GET /desk/export.xlsx")


class Run:
    """What the summary needs besides locust's stats: the environment, and the stats as they
    stood when the last user had logged in, so that the steady state can be told apart from
    the login rush at the start (a login costs the server a password hash)."""

    environment = None
    ready_users = 0
    ready_at = None  # seconds after the start
    at_ready = None  # {(name, method): (requests, failures, response_times)}


@events.init.add_listener
def keep_environment(environment, **kwargs):
    Run.environment = environment


def user_ready(environment):
    """Called at the end of every user's on_start."""
    Run.ready_users += 1
    if Run.at_ready is None and Run.ready_users >= environment.runner.target_user_count:
        stats = environment.stats
        Run.ready_at = time.time() - stats.start_time
        Run.at_ready = {key: (entry.num_requests, entry.num_failures, dict(entry.response_times))
                        for key, entry in stats.entries.items()}


def print_table(rows):
    """rows: (name, requests, failures, response_times histogram), the total last."""
    width = max(len(name) for name, *_ in rows)
    print(f"{'endpoint':<{width}}  {'requests':>8}  {'failures':>8}  {'p50 ms':>7}  {'p95 ms':>7}")
    for name, requests, failures, times in rows:
        p50, p95 = (calculate_response_time_percentile(times, requests, percent)
                    for percent in (0.5, 0.95))
        print(f"{name:<{width}}  {requests:>8}  {failures:>8}  {p50:>7.0f}  {p95:>7.0f}")


@events.quit.add_listener
def print_summary(exit_code, **kwargs):
    """p50/p95 per endpoint and the failures, after locust's own tables: for the whole run,
    then for the time after every user had logged in."""
    stats = Run.environment.stats
    entries = sorted(stats.entries.items(), key=lambda item: item[0])
    total = ("total", stats.total.num_requests, stats.total.num_failures,
             stats.total.response_times)
    duration = (stats.last_request_timestamp or 0) - stats.start_time
    print(f"\n== whole run, {duration:.0f} s ==")
    print_table([(entry.name, entry.num_requests, entry.num_failures, entry.response_times)
                 for _, entry in entries] + [total])
    if duration > 0:
        print(f"throughput: {stats.total.num_requests / duration:.1f} requests/s")
    if Run.at_ready is None:
        print("(not every user logged in: no figures for after the logins)")
    else:
        rows, all_times, all_requests, all_failures = [], {}, 0, 0
        for key, entry in entries:
            requests, failures, times = Run.at_ready.get(key, (0, 0, {}))
            times = diff_response_time_dicts(entry.response_times, times)
            requests, failures = entry.num_requests - requests, entry.num_failures - failures
            if requests:
                rows.append((entry.name, requests, failures, times))
            all_requests, all_failures = all_requests + requests, all_failures + failures
            for ms, count in times.items():
                all_times[ms] = all_times.get(ms, 0) + count
        steady = duration - Run.ready_at
        print(f"\n== after every user had logged in: from {Run.ready_at:.0f} s on, "
              f"{steady:.0f} s ==")
        print_table(rows + [("total", all_requests, all_failures, all_times)])
        if steady > 0:
            print(f"throughput: {all_requests / steady:.1f} requests/s")
    print(f"failures: {stats.total.num_failures}; stale saves refused (409, not failures): "
          f"{stale_saves}")
