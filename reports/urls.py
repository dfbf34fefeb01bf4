from django.urls import path

from reports.views import editing, review
from reports.views import desk

urlpatterns = [
    path("", editing.report_list, name="report_list"),
    path("reports/new/", editing.report_new, name="report_new"),
    path("reports/<int:pk>/", review.report_detail, name="report_detail"),
    path("reports/<int:pk>/check/", editing.report_check, name="report_check"),
    path("reports/<int:pk>/pdf/", editing.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/approved.pdf", review.approved_pdf, name="approved_pdf"),
    path("reports/<int:pk>/approved-status/", review.approved_pdf_status,
         name="approved_pdf_status"),
    path("reports/<int:pk>/submit/", review.report_submit, name="report_submit"),
    path("reports/<int:pk>/confirm/", review.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/return/", review.report_return, name="report_return"),
    path("reports/<int:pk>/approve/", review.report_approve, name="report_approve"),
    path("reports/<int:pk>/comment/", review.report_comment, name="report_comment"),
    path("reports/<int:pk>/rescore/", review.report_rescore, name="report_rescore"),
    path("reports/<int:pk>/changes/", review.report_changes, name="report_changes"),
    path("reports/<int:pk>/<slug:slug>/", editing.report_section, name="report_section"),
    path("reports/<int:pk>/projects/<int:project_pk>/<slug:slug>/", editing.project_section,
         name="project_section"),
    path("reports/<int:pk>/<slug:slug>/preview/", editing.report_preview, name="report_preview"),
    # The reviewer's desk (reports/views/desk.py)
    path("desk/", desk.desk, name="desk"),
    path("desk/approved.zip", desk.desk_zip, name="desk_zip"),
    path("desk/export.xlsx", desk.desk_xlsx, name="desk_xlsx"),
]

# The 财政局管理员's pages (reports/views/manage.py): units, 二级机构, users, the forms of a year.
from reports.views import manage  # noqa: E402

urlpatterns += [
    path("manage/", manage.manage_home, name="manage_home"),
    path("manage/<int:bureau>/units/", manage.manage_units, name="manage_units"),
    path("manage/<int:bureau>/units/new/", manage.manage_unit_new, name="manage_unit_new"),
    path("manage/<int:bureau>/units/<int:unit>/", manage.manage_unit_edit,
         name="manage_unit_edit"),
    path("manage/<int:bureau>/units/<int:unit>/institutions/", manage.manage_unit_institutions,
         name="manage_unit_institutions"),
    path("manage/<int:bureau>/users/", manage.manage_users, name="manage_users"),
    path("manage/<int:bureau>/users/new/", manage.manage_user_new, name="manage_user_new"),
    path("manage/<int:bureau>/users/<int:user>/", manage.manage_user_edit,
         name="manage_user_edit"),
    path("manage/<int:bureau>/users/<int:user>/password/", manage.manage_user_password,
         name="manage_user_password"),
    path("manage/<int:bureau>/users/<int:user>/active/", manage.manage_user_active,
         name="manage_user_active"),
    path("manage/<int:bureau>/years/", manage.manage_years, name="manage_years"),
    path("manage/<int:bureau>/years/<int:year>/", manage.manage_year, name="manage_year"),
]
