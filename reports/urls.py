from django.urls import path

from reports import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/check/", views.report_check, name="report_check"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/<slug:slug>/", views.report_section, name="report_section"),
    path("reports/<int:pk>/<slug:slug>/preview/", views.report_preview, name="report_preview"),
]
