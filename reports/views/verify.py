"""Public verification of an approved PDF: /verify/<code> needs no login.

Anyone holding a printed or e-mailed copy can look up the code printed on its pages, see which
report it is, and upload the PDF to learn whether it is, byte for byte, the approved one.
"""

import hashlib

from django.shortcuts import get_object_or_404, render

from reports.models import ApprovedPdf

MAX_UPLOAD = 50 * 1024 * 1024


def verify(request, code):
    approved = get_object_or_404(
        ApprovedPdf.objects.select_related("report__unit", "report__form_version"),
        code=code.upper(), state=ApprovedPdf.State.READY,
    )
    result = None
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            result = {"ok": False, "message": "请选择要校验的 PDF 文件。"}
        elif upload.size > MAX_UPLOAD:
            result = {"ok": False, "message": "文件过大，不是本系统生成的审定 PDF。"}
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            ok = digest.hexdigest() == approved.sha256
            result = {
                "ok": ok,
                "sha256": digest.hexdigest(),
                "message": "校验通过：该文件与审定的 PDF 完全一致。" if ok
                else "校验不通过：该文件与审定的 PDF 不一致，可能被修改过。",
            }
    return render(request, "reports/verify.html", {"approved": approved, "result": result})
