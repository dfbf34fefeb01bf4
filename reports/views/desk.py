"""The reviewer's desk: the bureau's reports of a year in one table, its approved PDFs as one
.zip and the table as .xlsx. The filter and the queries are in reports/desk.py; unit staff get a
404 as for any page that is not theirs."""

import re
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from reports import desk as desks
from reports.models import Report


def _desk(request):
    desk = desks.Desk.for_user(request.user, request.GET)
    if desk is None:
        raise Http404("没有审核台")
    return desk


@login_required
def desk(request):
    desk = _desk(request)
    page = Paginator(desk.reports(), desks.PER_PAGE).get_page(request.GET.get("page"))
    total, counts = desk.status_counts()
    return render(request, "reports/desk.html", {
        "desk": desk,
        "page": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number)),
        "rows": desks.rows(page.object_list),
        "total": total,
        "counts": counts,
        "sorts": desk.sort_columns(),
        # The filters' choices as (value, label)
        "bureau_options": [(bureau.pk, bureau.name) for bureau in desk.bureaus],
        "year_options": [(year, year) for year in desk.years],
        "statuses": Report.Status.choices,
        "form_options": [(version.code, version.name) for version in desk.versions],
    })


@login_required
def desk_zip(request):
    desk = _desk(request)
    reports = desk.approved_pdfs()
    if not reports:
        # An empty archive looks like a failed download; say so on the desk instead.
        messages.info(request, "所选范围内没有已生成审定 PDF 的报告，没有可下载的文件。")
        return redirect(reverse("desk") + _query(request))
    response = StreamingHttpResponse(desks.stream_zip(reports), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, desk.archive_name("-审定PDF.zip")
    )
    return _download_started(request, response)


@login_required
def desk_xlsx(request):
    desk = _desk(request)
    # Spooled to disk past 1 MB; the write-only workbook keeps no rows in memory either.
    target = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    desks.write_xlsx(desk.reports().iterator(chunk_size=500), target)
    target.seek(0)
    return _download_started(request, FileResponse(
        target, as_attachment=True, filename=desk.archive_name(".xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ))


DOWNLOAD_TOKEN = re.compile(r"[A-Za-z0-9]{1,32}")


def _download_started(request, response):
    """Tell the desk's script that a download it is waiting for has begun (progress.js): the
    link carries a token, the response sets a cookie holding it. The .zip is then built while
    it downloads, in the browser's own download bar."""
    token = request.GET.get("download_token", "")
    if DOWNLOAD_TOKEN.fullmatch(token):
        response.set_cookie("kxeval_download", token, max_age=300, samesite="Strict",
                            secure=request.is_secure())
    return response


def _query(request):
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("download_token", None)
    return f"?{query.urlencode()}" if query else ""
