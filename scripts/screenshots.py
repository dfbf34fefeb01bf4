"""Screenshots of the main pages for docs/screenshots/ (shown in the README).

Start the application with its demo data (`make run`, or `make demo` and runserver), then:

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Needs the test requirements (Playwright) and Debian's Chromium (/usr/bin/chromium), both of
which `make test` installs. Pages are taken as the demo users see them, at 1366×768 (the tablet
shot at 768×1024); the PDF page is rendered by pdftoppm.
"""

import pathlib
import subprocess
import sys
import tempfile

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = pathlib.Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 768, "height": 1024}


def login(browser, username, viewport=LAPTOP):
    page = browser.new_context(viewport=viewport, locale="zh-CN",
                               accept_downloads=True).new_page()
    page.goto(f"{BASE}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("kxeval2021")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def report_url(page, unit, year, form_family=""):
    """The report page of the demo report of `unit` and `year`, found on the report list."""
    page.goto(f"{BASE}/")
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=str(year), exact=True))
    if form_family:
        row = row.filter(has_text=form_family)
    href = row.get_by_role("link", name=unit).first.get_attribute("href")
    return BASE + href.rstrip("/")


def shot(page, name, full_page=False):
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / f"{name}.png", full_page=full_page)
    print(OUT / f"{name}.png")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)

        page = browser.new_context(viewport=LAPTOP, locale="zh-CN").new_page()
        page.goto(f"{BASE}/login/")
        shot(page, "01-login")

        clerk = login(browser, "xuyuanshan")
        shot(clerk, "02-report-list")
        f1 = report_url(clerk, "岳阳县科学技术协会", 2021)
        clerk.goto(f"{f1}/finance/")
        shot(clerk, "03-f1-finance")
        clerk.goto(f"{f1}/narrative/")
        shot(clerk, "04-f1-narrative")
        with clerk.expect_download() as download:
            clerk.goto(f"{f1}/")
            clerk.get_by_role("link", name="下载 PDF（草稿）").click()
        with tempfile.TemporaryDirectory() as tmp:
            pdf = pathlib.Path(tmp) / "report.pdf"
            download.value.save_as(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf),
                            str(pathlib.Path(tmp) / "page")], check=True)
            for number in (1, 3):
                source = pathlib.Path(tmp) / f"page-{number}.png"
                source.replace(OUT / f"06-pdf-page-{number}.png")
                print(OUT / f"06-pdf-page-{number}.png")

        f2_clerk = login(browser, "lisi")
        f2 = report_url(f2_clerk, "岳阳市云溪区科学技术协会", 2024)
        f2_clerk.goto(f"{f2}/table/")
        shot(f2_clerk, "07-f2-scored-table")
        f2_clerk.goto(f"{f2}/check/")  # its narrative keeps the filed 57.98 + 5.11 ≠ 64.29
        shot(f2_clerk, "05-check")

        f3_clerk = login(browser, "zhengshi")
        f3 = report_url(f3_clerk, "泸县科学技术协会", 2021, "项目支出")
        f3_clerk.goto(f"{f3}/projects/")
        f3_clerk.get_by_role("link", name="自评表").first.click()
        shot(f3_clerk, "08-f3-project-table")
        f4 = report_url(f3_clerk, "泸县科学技术协会", 2021, "整体支出")
        f3_clerk.goto(f"{f4}/figures/")
        shot(f3_clerk, "09-f4-figures")

        reviewer = login(browser, "zhangsan")
        reviewer.goto(f"{BASE}/desk/?year=2022")
        shot(reviewer, "10-desk")
        reviewer.goto(report_url(reviewer, "岳阳县科学技术协会", 2022) + "/")
        shot(reviewer, "11-review")

        tablet = login(browser, "xuyuanshan", TABLET)
        tablet.goto(f"{f1}/performance/")
        shot(tablet, "12-tablet-performance")
        browser.close()


if __name__ == "__main__":
    main()
