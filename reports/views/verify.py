"""Public verification of an approved PDF: /verify/<code> needs no login.

Anyone holding a printed or e-mailed copy can look up the code printed on its pages, see which
report it is, and upload the PDF to learn whether it is, byte for byte, the approved one.
"""

import hashlib

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from reports.models import ApprovedPdf

# An approved PDF is well under a megabyte; anything this large is something else.
MAX_UPLOAD = 50 * 1024 * 1024


class UploadLimit(FileUploadHandler):
    """Stops storing an upload once it passes MAX_UPLOAD, before it is written to disk.

    Django would otherwise stream any upload above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary
    file whatever its size, and the view would see its size only then. The rest of the request
    is still read (and dropped), so that the browser receives the page saying why.
    """

    exceeded = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The whole request: the file, the CSRF token and the multipart boundaries.
        self.exceeded = content_length > MAX_UPLOAD + 64 * 1024

    def new_file(self, *args, **kwargs):
        if self.exceeded:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_UPLOAD:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt
def verify(request, code):
    # The upload handlers must be in place before anything reads the request body, the CSRF
    # check included; so the check is made by _verify, after this (Django's documented way).
    limit = UploadLimit(request)
    request.upload_handlers.insert(0, limit)
    return _verify(request, code, limit)


@csrf_protect
def _verify(request, code, limit):
    approved = get_object_or_404(
        ApprovedPdf.objects.select_related("report__unit", "report__form_version"),
        code=code.strip().upper(),
    )
    ready = approved.state == ApprovedPdf.State.READY
    result, status = None, 200
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if limit.exceeded:
            message = f"文件过大（超过 {MAX_UPLOAD // 2**20} MB），不是本系统生成的审定 PDF。"
            result, status = {"ok": False, "message": message}, 413
        elif not ready:
            result, status = {"ok": False, "message": "审定 PDF 尚未生成，请稍后再来校验。"}, 409
        elif upload is None:
            result, status = {"ok": False, "message": "请选择要校验的 PDF 文件。"}, 400
        else:
            result = check_upload(upload, approved)
    return render(request, "reports/verify.html",
                  {"approved": approved, "ready": ready, "result": result}, status=status)


def check_upload(upload, approved):
    """Whether `upload` is, byte for byte, the approved PDF: the result shown on the page."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    ok = digest.hexdigest() == approved.sha256
    return {
        "ok": ok,
        "sha256": digest.hexdigest(),
        "message": "校验通过：该文件与审定的 PDF 完全一致。" if ok
        else "校验不通过：该文件与审定的 PDF 不一致，可能被修改过。",
    }
