"""The approved PDF: rendered once by a background task, stored with its hash, stamped with its
verification code on every page, and checkable by anyone at /verify/<code>/."""

import hashlib
import io
import re
import subprocess
from datetime import timedelta
from decimal import Decimal as D

import pytest
import zxingcpp
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from reports import pdf, services, tasks
from reports.models import ApprovedPdf, Report, User
from reports.views import verify
from tests.pdfs import page_texts

# The worker commits and closes its database connection between tasks, as in production; a
# test that runs it cannot be wrapped in one transaction.
worker_test = pytest.mark.django_db(transaction=True)

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def immediate(settings, media):
    """Tasks run as soon as they are queued, as with KXEVAL_TASKS=immediate."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def queued(settings, media):
    """Tasks wait in the database for a worker, as by default."""
    settings.TASKS = DATABASE


@pytest.fixture
def submitted(demo):
    """The demo's 2022 report of 岳阳县科学技术协会, submitted and waiting for review."""
    return Report.objects.get(unit__budget_code="505001", year=2022)


@pytest.fixture
def approve(django_capture_on_commit_callbacks):
    """Approve a report as the reviewer 张三 would, running what is queued after commit."""
    def approve(report):
        with django_capture_on_commit_callbacks(execute=True):
            services.approve_report(report, User.objects.get(username="zhangsan"), "同意")
        return ApprovedPdf.objects.get(report=report)
    return approve


@pytest.fixture
def approved(immediate, submitted, approve):
    return approve(submitted)


def canonical_name(approved):
    """approved/<year>/<code>.pdf: where the first run stores the file."""
    return approved.file.field.generate_filename(approved, f"{approved.code}.pdf")


def stored_bytes(approved):
    with approved.file.open("rb") as stored:
        return stored.read()


def download(client, report):
    response = client.get(reverse("approved_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def queued_task(approved):
    """The task that renders `approved` (the demo's own approval queued one too)."""
    return DBTaskResult.objects.get(args_kwargs__args=[approved.pk])


def set_running(task_result, started_ago):
    DBTaskResult.objects.filter(pk=task_result.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - started_ago,
        worker_ids=["killed-worker"],
    )


# Approval and storage ------------------------------------------------------------------------


def test_approval_stores_the_pdf_and_its_hash(approved, submitted):
    approved.refresh_from_db()
    data = stored_bytes(approved)

    assert approved.state == ApprovedPdf.State.READY
    assert approved.sha256 == hashlib.sha256(data).hexdigest()
    assert approved.size == len(data)
    assert approved.file.name == canonical_name(approved)
    assert data.startswith(b"%PDF-")
    assert approved.rendered_at is not None
    assert approved.error == ""


def test_downloading_twice_gives_the_stored_bytes(approved, submitted, client):
    client.force_login(User.objects.get(username="xuyuanshan"))

    first = download(client, submitted)
    second = download(client, submitted)

    assert first == second == stored_bytes(approved)
    assert hashlib.sha256(first).hexdigest() == approved.sha256


def test_running_the_task_again_changes_nothing(approved, media):
    before = ApprovedPdf.objects.get(pk=approved.pk)
    data = stored_bytes(before)

    assert tasks.render_approved_pdf.call(approved.pk) == before.sha256

    after = ApprovedPdf.objects.get(pk=approved.pk)
    assert (after.file.name, after.sha256, after.size, after.rendered_at) == (
        before.file.name, before.sha256, before.size, before.rendered_at
    )
    assert stored_bytes(after) == data
    assert [path.name for path in media.rglob("*.pdf")] == [f"{approved.code}.pdf"]


def test_a_failed_render_is_recorded_and_a_later_run_retries(
    settings, immediate, submitted, approve, media, tmp_path
):
    # Storage that cannot be written: MEDIA_ROOT is a file.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked

    approved = approve(submitted)

    approved.refresh_from_db()
    assert approved.state == ApprovedPdf.State.FAILED
    assert approved.error.startswith(("NotADirectoryError: ", "FileExistsError: "))
    assert approved.sha256 == "" and approved.file.name == ""
    with pytest.raises(OSError):
        tasks.render_approved_pdf.call(approved.pk)

    settings.MEDIA_ROOT = media
    sha256 = tasks.render_approved_pdf.call(approved.pk)

    approved.refresh_from_db()
    assert approved.state == ApprovedPdf.State.READY
    assert approved.error == ""
    assert approved.sha256 == sha256 == hashlib.sha256(stored_bytes(approved)).hexdigest()


@worker_test
def test_a_rerun_after_a_half_written_file_ends_ready_and_consistent(
    queued, submitted, approve, media
):
    approved = approve(submitted)
    # A worker killed while writing: part of a PDF at the file's name, the row still PENDING.
    half = media / canonical_name(approved)
    half.parent.mkdir(parents=True)
    half.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    ApprovedPdf.objects.filter(pk=approved.pk).update(file=canonical_name(approved))

    call_command("worker", once=True, verbosity=0)

    approved.refresh_from_db()
    data = stored_bytes(approved)
    assert approved.state == ApprovedPdf.State.READY
    assert approved.file.name != canonical_name(approved)
    assert approved.sha256 == hashlib.sha256(data).hexdigest()
    assert approved.size == len(data)
    assert data.rstrip().endswith(b"%%EOF")


# What the pages carry ------------------------------------------------------------------------


def test_every_page_carries_the_verification_code(approved):
    approved.refresh_from_db()
    pages = page_texts(stored_bytes(approved))

    assert len(pages) >= 5  # the cover and the form's pages
    stamped = [text for text in pages if f"校验码 {approved.code}" in text]
    assert len(stamped) == len(pages)


def test_the_qr_code_holds_the_verify_address_of_the_site(settings, approved, submitted):
    settings.SITE_URL = "https://kxeval.example.cn/"
    url = f"https://kxeval.example.cn/verify/{approved.code}/"

    html = pdf.render_html(submitted, approved)

    assert pdf.verify_url(approved) == url
    # One running element, repeated in the footer of every page by the renderer.
    assert html.count("<svg") == 1
    assert str(pdf.qr_svg(url)) in html
    assert re.match(r'<svg viewBox="0 0 \d+ \d+" class="stamp-qr"><path ', str(pdf.qr_svg(url)))


def test_the_printed_qr_code_reads_as_the_verify_address(settings, immediate, submitted,
                                                         approve, tmp_path):
    """Scanned off the page as a phone would: the QR code printed on page 1 is the address."""
    settings.SITE_URL = "https://kxeval.example.cn/"
    approved = approve(submitted)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", approved.file.path,
                    str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    codes = zxingcpp.read_barcodes(Image.open(page))
    assert [code.text for code in codes] == [f"https://kxeval.example.cn/verify/{approved.code}/"]


def test_the_stamp_belongs_to_its_report(approved, demo):
    other = Report.objects.get(unit__budget_code="505001", year=2021)

    with pytest.raises(ValueError):
        pdf.render_report(other, approved=approved)


def test_an_approved_pdf_is_never_made_without_its_code(settings, approved, submitted):
    # A form's PDF template that forgot {% include "reports/pdf/_stamp.html" %}.
    settings.TEMPLATES = [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
            submitted.spec.pdf_template: "<html><body>{{ report.unit.name }}</body></html>",
        })]},
    }]

    with pytest.raises(ImproperlyConfigured, match="_stamp.html"):
        pdf.render_report(submitted, approved=approved)


def test_draft_pdf_is_marked_on_every_page_and_the_approved_one_is_not(approved, submitted):
    draft = Report.objects.get(unit__budget_code="505001", year=2021)
    client = Client()
    client.force_login(User.objects.get(username="xuyuanshan"))

    response = client.get(reverse("report_pdf", args=[draft.pk]))

    assert draft.status == Report.Status.DRAFT
    draft_pages = page_texts(response.content)
    assert [text.count("草稿 / 未审核") for text in draft_pages] == [1] * len(draft_pages)
    for text in page_texts(stored_bytes(ApprovedPdf.objects.get(pk=approved.pk))):
        assert "草稿" not in text and "未审核" not in text
    submitted.refresh_from_db()
    assert "未审核" not in " ".join(page_texts(pdf.render_report(submitted)))


def test_submitted_report_is_not_yet_approved_either(submitted):
    pages = page_texts(pdf.render_report(submitted))

    assert all("草稿 / 未审核" in text for text in pages)


# The worker ----------------------------------------------------------------------------------


@worker_test
def test_the_report_page_waits_for_the_pdf_then_offers_it(queued, submitted, approve):
    approved = approve(submitted)
    client = Client()
    client.force_login(User.objects.get(username="xuyuanshan"))
    refresh = '<meta http-equiv="refresh" content="5">'

    waiting = client.get(reverse("report_detail", args=[submitted.pk])).content.decode()
    call_command("worker", once=True, verbosity=0)
    ready = client.get(reverse("report_detail", args=[submitted.pk])).content.decode()

    assert refresh in waiting and "审定 PDF 正在生成" in waiting
    assert reverse("approved_pdf", args=[submitted.pk]) not in waiting
    assert refresh not in ready and "审定 PDF 正在生成" not in ready
    assert reverse("approved_pdf", args=[submitted.pk]) in ready
    approved.refresh_from_db()
    assert f"校验码 <strong>{approved.code}</strong>" in ready
    assert approved.sha256 in ready


@worker_test
def test_a_task_left_running_by_a_dead_worker_is_run_again(
    settings, queued, submitted, approve
):
    approved = approve(submitted)
    task_result = queued_task(approved)
    set_running(task_result, timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS + 60))

    call_command("worker", once=True, verbosity=0)

    task_result.refresh_from_db()
    approved.refresh_from_db()
    assert task_result.status == TaskResultStatus.SUCCESSFUL
    assert task_result.worker_ids[0] == "killed-worker" and len(task_result.worker_ids) == 2
    assert approved.state == ApprovedPdf.State.READY
    assert task_result.return_value == approved.sha256


@worker_test
def test_a_task_started_recently_is_left_to_its_worker(settings, queued, submitted, approve):
    approved = approve(submitted)
    task_result = queued_task(approved)
    set_running(task_result, timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS - 60))

    call_command("worker", once=True, verbosity=0)

    task_result.refresh_from_db()
    approved.refresh_from_db()
    assert task_result.status == TaskResultStatus.RUNNING
    assert task_result.worker_ids == ["killed-worker"]
    assert approved.state == ApprovedPdf.State.PENDING


# /verify/<code>/ -----------------------------------------------------------------------------


def verify_url(approved):
    return reverse("verify", args=[approved.code])


def upload(client, approved, data):
    return client.post(verify_url(approved), {"pdf": io.BytesIO(data)})


def test_verify_page_shows_the_report_without_login(client, approved, submitted):
    approved.refresh_from_db()
    submitted.refresh_from_db()

    response = client.get(verify_url(approved))

    assert response.status_code == 200
    page = response.content.decode()
    approved_at = timezone.localtime(submitted.approved_at).strftime("%Y-%m-%d %H:%M")
    for shown in ("岳阳县科学技术协会", "505001", "<dd class=\"col-sm-9\">2022</dd>",
                  submitted.form_version.name, approved_at, approved.code, approved.sha256):
        assert shown in page
    assert 'name="pdf"' in page


def test_the_code_is_found_in_lower_case_too(client, approved):
    response = client.get(reverse("verify", args=[approved.code.lower()]))

    assert response.status_code == 200
    assert response.context["approved"] == approved


def test_verify_accepts_the_approved_file(client, approved):
    approved.refresh_from_db()

    response = upload(client, approved, stored_bytes(approved))

    assert response.status_code == 200
    assert response.context["result"] == {
        "ok": True, "sha256": approved.sha256,
        "message": "校验通过：该文件与审定的 PDF 完全一致。",
    }
    assert "校验通过" in response.content.decode()


def test_verify_rejects_a_copy_with_one_byte_changed(client, approved):
    approved.refresh_from_db()
    data = bytearray(stored_bytes(approved))
    data[len(data) // 2] ^= 0x01

    response = upload(client, approved, bytes(data))

    assert response.status_code == 200
    assert response.context["result"]["ok"] is False
    assert response.context["result"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert "校验不通过" in response.content.decode()


def test_verify_without_a_file_says_so(client, approved):
    response = client.post(verify_url(approved), {})

    assert response.status_code == 400
    assert response.context["result"]["message"] == "请选择要校验的 PDF 文件。"


@pytest.mark.parametrize("size", [
    2**20 + 1,            # the request looks small: the file is cut off while it is read
    2**20 + 200 * 1024,   # the request itself is too large: the file is not read at all
])
def test_verify_refuses_a_huge_upload_before_storing_it(client, approved, monkeypatch, size):
    monkeypatch.setattr(verify, "MAX_UPLOAD", 2**20)

    response = upload(client, approved, b"%PDF-" + b"0" * (size - 5))

    assert response.status_code == 413
    assert response.context["result"] == {
        "ok": False, "message": "文件过大（超过 1 MB），不是本系统生成的审定 PDF。",
    }
    assert response.wsgi_request.FILES == {}


def test_verify_keeps_its_csrf_protection(approved):
    client = Client(enforce_csrf_checks=True)
    approved.refresh_from_db()
    data = stored_bytes(approved)

    refused = client.post(verify_url(approved), {"pdf": io.BytesIO(data)})
    client.get(verify_url(approved))
    token = client.cookies["csrftoken"].value
    accepted = client.post(verify_url(approved),
                           {"csrfmiddlewaretoken": token, "pdf": io.BytesIO(data)})

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.context["result"]["ok"] is True


def test_verify_of_a_pdf_still_being_prepared_says_so(client, queued, submitted, approve):
    approved = approve(submitted)

    page = client.get(verify_url(approved))
    posted = upload(client, approved, b"%PDF-1.7")

    assert page.status_code == 200
    assert "审定 PDF 正在生成" in page.content.decode()
    assert 'name="pdf"' not in page.content.decode()
    assert "岳阳县科学技术协会" in page.content.decode()
    assert posted.status_code == 409
    assert posted.context["result"]["message"] == "审定 PDF 尚未生成，请稍后再来校验。"


def test_verify_of_an_unknown_code_is_404(client, approved):
    assert client.get(reverse("verify", args=["ABCDEFGH23"])).status_code == 404
    assert client.post(reverse("verify", args=["ABCDEFGH23"]), {}).status_code == 404


def test_approved_pdf_ends_with_the_review_record(immediate, yunxi_report,
                                                  django_capture_on_commit_callbacks):
    report = yunxi_report
    report.narrative = {**report.narrative, "general_basic": "基本支出 64.29 万元。"}
    report.save()
    services.submit_report(report, User.objects.get(username="lisi"))
    reviewer = User.objects.get(username="wangwu")
    services.add_comment(report, reviewer, "table", "", "请补充活动的证明材料")
    services.rescore(report, reviewer, report.indicatorrows.get(group="quantity"), D("8"),
                     "证明材料不全")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report, reviewer, "同意")

    last_page = page_texts(stored_bytes(ApprovedPdf.objects.get(report=report)))[-1]
    assert "审核记录" in last_page
    assert "李四 提交" in last_page and "王五 通过 同意" in last_page
    assert "请补充活动的证明材料" in last_page
    assert "精心组织了形式多样" in last_page and "证明材料不全" in last_page
    assert "总分 97.69 95.69" in last_page
