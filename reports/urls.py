from django.urls import path

from reports.views import editing, review

urlpatterns = [
    path("", editing.report_list, name="report_list"),
    path("reports/new/", editing.report_new, name="report_new"),
    path("reports/<int:pk>/", review.report_detail, name="report_detail"),
    path("reports/<int:pk>/check/", editing.report_check, name="report_check"),
    path("reports/<int:pk>/pdf/", editing.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/approved.pdf", review.approved_pdf, name="approved_pdf"),
    path("reports/<int:pk>/submit/", review.report_submit, name="report_submit"),
    path("reports/<int:pk>/confirm/", review.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/return/", review.report_return, name="report_return"),
    path("reports/<int:pk>/approve/", review.report_approve, name="report_approve"),
    path("reports/<int:pk>/comment/", review.report_comment, name="report_comment"),
    path("reports/<int:pk>/rescore/", review.report_rescore, name="report_rescore"),
    path("reports/<int:pk>/changes/", review.report_changes, name="report_changes"),
    path("reports/<int:pk>/<slug:slug>/", editing.report_section, name="report_section"),
    path("reports/<int:pk>/<slug:slug>/preview/", editing.report_preview, name="report_preview"),
]
