"""E-mails of the workflow: to the reviewers on submission, to the unit on return and approval.

The console backend prints them by default; SMTP is a matter of settings (DJANGO_EMAIL_*).
Called from services through transaction.on_commit only.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from reports.models import User


def _link(report):
    return settings.SITE_URL.rstrip("/") + reverse("report_detail", args=[report.pk])


def _send(subject, body, users):
    recipients = sorted({user.email for user in users if user.email})
    if recipients:
        send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients])


def report_submitted(report, event):
    reviewers = User.objects.filter(
        role=User.Role.REVIEWER, bureau_id=report.unit.bureau_id, is_active=True
    )
    _send(
        f"【待审核】{report.unit.name} {report.year} 年度{report.form_version.name}",
        f"{report.unit.name} 已于 {event.created_at:%Y-%m-%d %H:%M} 提交 {report.year} 年度"
        f"{report.form_version.name}，请审核：\n{_link(report)}\n",
        reviewers,
    )


def _unit_users(report):
    return User.objects.filter(unit_id=report.unit_id, is_active=True)


def report_returned(report, event):
    comments = "\n".join(f"- {comment.text}" for comment in event.comments.all())
    _send(
        f"【已退回】{report.year} 年度{report.form_version.name}",
        f"{report.unit.bureau.name}退回了 {report.year} 年度{report.form_version.name}。\n"
        f"意见：{event.comment or '见各栏目'}\n{comments}\n请修改后重新提交：\n{_link(report)}\n",
        _unit_users(report),
    )


def report_approved(report, event):
    _send(
        f"【已通过】{report.year} 年度{report.form_version.name}",
        f"{report.unit.bureau.name}已审核通过 {report.year} 年度{report.form_version.name}。"
        f"审定的 PDF 可在此下载：\n{_link(report)}\n",
        _unit_users(report),
    )
