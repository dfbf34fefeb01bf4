"""The review workflow: 草稿 → 已提交 → 已退回 → 已提交 … → 已通过, who may do what, the history,
the reviewer's comments and re-scores, concurrent edits and the diff between submissions."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from reports import history, services
from reports.models import ApprovedPdf, FormVersion, Report, ReportEvent, ReviewComment, User


@pytest.fixture(autouse=True)
def tasks_in_memory(settings, tmp_path):
    """Approval queues the PDF task; store it without running it (the PDF has its own tests)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path


def user(username):
    return User.objects.get(username=username)


def report_of(year):
    return Report.objects.get(unit__budget_code="505001", year=year)


@pytest.fixture
def draft(demo):
    return report_of(2021)


@pytest.fixture
def submitted(demo):
    return report_of(2022)


def post(client, username, name, report, data=None):
    client.force_login(user(username))
    return client.post(reverse(name, args=[report.pk]), data or {})


# ---- transitions, allowed and refused, per role


def test_filler_submits_a_complete_draft(client, draft, django_capture_on_commit_callbacks):
    response = post(client, "xuyuanshan", "report_submit", draft, {"comment": "请审核"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Report.Status.SUBMITTED
    assert draft.submitted_at is not None
    event = draft.events.get()
    assert (event.action, event.from_status, event.to_status, event.actor.username, event.comment) == (
        "submit", "draft", "submitted", "xuyuanshan", "请审核",
    )
    assert event.revision is not None


def test_submission_is_refused_while_the_check_finds_errors(client, draft):
    draft.contact_person = ""
    draft.save()

    response = post(client, "xuyuanshan", "report_submit", draft)
    page = client.get(response["Location"]).content.decode()

    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    assert "检查发现 1 处问题，请先修改后再提交。" in page
    assert not draft.events.exists()


@pytest.mark.parametrize("username", ["zhangsan", "zhaoliu", "wangwu", "lisi"])
def test_only_the_units_staff_submit(client, draft, username):
    response = post(client, username, "report_submit", draft)

    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    assert response.status_code in (302, 404)


@pytest.mark.parametrize("name", ["report_approve", "report_return"])
@pytest.mark.parametrize("username", ["xuyuanshan", "huguangxia", "zhaoliu", "wangwu"])
def test_only_the_bureaus_reviewers_approve_or_return(client, submitted, name, username):
    post(client, username, name, submitted, {"comment": "意见"})

    submitted.refresh_from_db()
    assert submitted.status == Report.Status.SUBMITTED
    assert not submitted.events.exclude(action="submit").exists()


def test_reviewer_returns_with_comments_and_the_unit_edits_again(client, submitted):
    client.force_login(user("zhangsan"))
    client.post(reverse("report_comment", args=[submitted.pk]), {
        "section": "overview", "field": "id_report-contact_phone", "text": "联系电话请填写办公电话",
    })
    response = client.post(reverse("report_return", args=[submitted.pk]),
                           {"comment": "请按意见修改"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.RETURNED
    event = submitted.events.last()
    assert (event.action, event.actor.username, event.comment) == ("return", "zhangsan", "请按意见修改")
    assert list(event.comments.values_list("field", "text")) == [
        ("id_report-contact_phone", "联系电话请填写办公电话"),
    ]
    assert submitted.editable_by(user("xuyuanshan"))


def test_unit_sees_the_reviewers_comment_beside_the_field_after_the_return(client, submitted):
    reviewer = user("zhangsan")
    services.add_comment(submitted, reviewer, "overview", "id_report-contact_phone", "请填写办公电话")

    client.force_login(user("xuyuanshan"))
    before = client.get(reverse("report_section", args=[submitted.pk, "overview"]))
    services.return_report(submitted, reviewer, "")
    after = client.get(reverse("report_section", args=[submitted.pk, "overview"]))

    assert before.context["comment_markers"] == []
    assert after.context["comment_markers"] == [
        {"field": "id_report-contact_phone", "text": "请填写办公电话"},
    ]
    assert 'id="id_report-contact_phone"' in after.content.decode()
    assert '<a href="#id_report-contact_phone">请填写办公电话</a>' in after.content.decode()


def test_return_needs_a_comment(client, submitted):
    post(client, "zhangsan", "report_return", submitted, {"comment": "  "})

    submitted.refresh_from_db()
    assert submitted.status == Report.Status.SUBMITTED


def test_approval_is_final_and_queues_the_pdf(client, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "zhangsan", "report_approve", submitted, {"comment": "同意"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.APPROVED
    assert submitted.approved_at is not None
    approved = ApprovedPdf.objects.get(report=submitted)
    assert approved.state == ApprovedPdf.State.PENDING
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", approved.code)

    post(client, "zhangsan", "report_return", submitted, {"comment": "再看看"})
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.APPROVED


@pytest.mark.parametrize("year", [2020, 2022])
def test_submitted_and_approved_reports_cannot_be_edited_by_anyone(client, demo, year):
    report = report_of(year)
    for username in ("xuyuanshan", "huguangxia", "zhangsan", "admin"):
        assert not report.editable_by(user(username))
        client.force_login(user(username))
        response = client.post(reverse("report_section", args=[report.pk, "overview"]),
                               {"report-contact_person": "改过"})
        assert response.status_code == 404
    report.refresh_from_db()
    assert report.contact_person == "徐远山"


def test_resubmission_after_return(client, demo):
    returned = report_of(2019)
    post(client, "xuyuanshan", "report_submit", returned)

    returned.refresh_from_db()
    assert returned.status == Report.Status.SUBMITTED
    assert list(returned.events.values_list("action", flat=True)) == ["submit", "return", "submit"]


def test_report_page_shows_the_history(client, demo):
    returned = report_of(2019)
    client.force_login(user("xuyuanshan"))

    page = client.get(reverse("report_detail", args=[returned.pk])).content.decode()

    assert "张三 <strong>退回</strong>（已提交 → 已退回）" in page
    assert "请补充专项支出的具体用途后重新提交。" in page
    assert "徐远山 <strong>提交</strong>（草稿 → 已提交）" in page


def test_head_confirmation_is_required_when_the_version_asks(client, draft):
    version = draft.form_version
    version.settings = {**version.settings, "head_confirmation": True}
    version.save()

    post(client, "xuyuanshan", "report_submit", draft)
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT

    post(client, "huguangxia", "report_confirm", draft)
    post(client, "xuyuanshan", "report_submit", draft)
    draft.refresh_from_db()
    assert draft.status == Report.Status.SUBMITTED
    assert list(draft.events.values_list("action", "actor__username")) == [
        ("confirm", "huguangxia"), ("submit", "xuyuanshan"),
    ]


def test_a_save_after_the_heads_confirmation_needs_a_new_one(draft):
    version = draft.form_version
    version.settings = {**version.settings, "head_confirmation": True}
    version.save()
    services.confirm_report(draft, user("huguangxia"))
    assert not services.needs_head_confirmation(draft)

    draft.lock_version += 1  # what any save does
    draft.save()

    assert services.needs_head_confirmation(draft)
    with pytest.raises(services.WorkflowError):
        services.submit_report(draft, user("xuyuanshan"))


def test_submission_emails_the_reviewers_and_return_emails_the_unit(draft, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    User.objects.filter(username="zhangsan").update(email="zhangsan@example.invalid")
    User.objects.filter(username="xuyuanshan").update(email="xu@example.invalid")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(draft, user("xuyuanshan"))
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(draft, user("zhangsan"), "请修改")

    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["zhangsan@example.invalid"], "【待审核】岳阳县科学技术协会 2021 年度部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）"),
        (["xu@example.invalid"], "【已退回】2021 年度部门（单位）整体支出绩效评价自评报告（岳阳县，2021 年版）"),
    ]
    assert "请修改" in mailoutbox[1].body


# ---- re-scoring


def test_reviewer_rescores_an_indicator_and_the_units_score_stays(client, demo):
    report = Report.objects.get(unit__budget_code="317001", year=2024)
    report.narrative = {**report.narrative, "general_basic": "基本支出 64.29 万元。"}
    report.save()
    services.submit_report(report, user("lisi"))
    row = report.indicatorrows.get(group="quantity")

    client.force_login(user("wangwu"))
    refused = client.post(reverse("report_rescore", args=[report.pk]),
                          {"row": row.pk, "review_score": "8", "review_reason": ""})
    client.post(reverse("report_rescore", args=[report.pk]),
                {"row": row.pk, "review_score": "8", "review_reason": "活动数量证明材料不全"})

    assert refused.status_code == 302
    row.refresh_from_db()
    assert (row.score, row.review_score, row.review_reason) == (D("10.00"), D("8.00"), "活动数量证明材料不全")
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "活动数量证明材料不全" in page
    report.refresh_from_db()
    assert (report.total_score, report.review_total) == (D("97.69"), D("95.69"))
    desk = client.get(reverse("desk"), {"year": 2024}).content.decode()
    assert "审核 95.69" in desk


def test_review_score_above_the_weight_is_refused(client, demo):
    report = Report.objects.get(unit__budget_code="317001", year=2024)
    report.narrative = {**report.narrative, "general_basic": "基本支出 64.29 万元。"}
    report.save()
    services.submit_report(report, user("lisi"))
    row = report.indicatorrows.get(group="quantity")

    with pytest.raises(services.WorkflowError, match="审核得分不能高于分值"):
        services.rescore(report, user("wangwu"), row, D("11"), "")


# ---- concurrent edits


def overview_data(client, report):
    response = client.get(reverse("report_section", args=[report.pk, "overview"]))
    forms = response.context["forms"]
    data = {"lock_version": str(response.context["report"].lock_version)}
    for name, field in forms.fields.fields.items():
        value = forms.fields[name].value()
        data[forms.fields.add_prefix(name)] = "" if value is None else str(value)
    tasks = forms.tables["tasks"][0]
    data.update({
        f"{tasks.prefix}-TOTAL_FORMS": str(len(tasks.forms)),
        f"{tasks.prefix}-INITIAL_FORMS": str(len(tasks.forms)),
    })
    for form in tasks.forms:
        data[f"{form.prefix}-id"] = str(form.instance.pk)
        data[f"{form.prefix}-text"] = form.instance.text
        data[f"{form.prefix}-position"] = str(form.instance.position)
    return data


def test_second_save_of_a_stale_page_is_refused_and_shows_what_changed(client, draft):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(user("xuyuanshan"))
    second.force_login(user("sunqi"))
    mine, theirs = overview_data(first, draft), overview_data(second, draft)

    mine["report-contact_person"] = "徐远山（改）"
    assert first.post(reverse("report_section", args=[draft.pk, "overview"]), mine).status_code == 302

    theirs["report-duties"] = "孙七写的职能职责"
    response = second.post(reverse("report_section", args=[draft.pk, "overview"]), theirs)

    assert response.status_code == 409
    draft.refresh_from_db()
    assert (draft.contact_person, draft.duties.startswith("组织学术交流")) == ("徐远山（改）", True)
    page = response.content.decode()
    assert "保存未成功" in page
    assert "孙七写的职能职责" in page  # nothing typed is lost
    changes = response.context["conflict"]["changes"]
    assert [(c.table, c.kind, c.fields) for c in changes] == [
        ("报告", "changed", [("联系人", "徐远山", "徐远山（改）")]),
    ]


def test_saving_again_after_the_refusal_is_a_deliberate_overwrite(client, draft):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(user("xuyuanshan"))
    second.force_login(user("sunqi"))
    mine, theirs = overview_data(first, draft), overview_data(second, draft)
    mine["report-contact_person"] = "甲"
    first.post(reverse("report_section", args=[draft.pk, "overview"]), mine)
    theirs["report-contact_person"] = "乙"
    refused = second.post(reverse("report_section", args=[draft.pk, "overview"]), theirs)

    theirs["lock_version"] = str(refused.context["report"].lock_version)
    accepted = second.post(reverse("report_section", args=[draft.pk, "overview"]), theirs)

    assert (refused.status_code, accepted.status_code) == (409, 302)
    draft.refresh_from_db()
    assert draft.contact_person == "乙"


# ---- what changed between two submissions


def test_reviewer_sees_field_and_row_changes_since_the_previous_submission(client, demo):
    returned = report_of(2019)
    filler = user("xuyuanshan")
    returned.contact_phone = "0730-1234567"
    returned.lock_version += 1
    returned.save()
    returned.taskrows.filter(position=4).delete()
    returned.taskrows.create(position=5, text="新增：开展科普讲座")
    goal = returned.goalrows.get(position=2)
    goal.actual = "全市科协系统考核排名第一。"
    goal.save()
    services.snapshot(returned, filler, "保存")
    services.submit_report(returned, filler)

    client.force_login(user("zhangsan"))
    response = client.get(reverse("report_changes", args=[returned.pk]))

    changes = [(c.table, c.row, c.kind, c.fields) for c in response.context["changes"]]
    assert ("报告", "", "changed", [("联络电话", "13800000000", "0730-1234567")]) in changes
    assert ("目标完成情况", "全市科协系统工作考核进入前三名。", "changed",
            [("实际完成", "全市科协系统工作考核排名第二。", "全市科协系统考核排名第一。")]) in changes
    assert ("年度主要工作任务", "反映科技工作者意见，维护其合法权益。", "removed", []) in changes
    assert ("年度主要工作任务", "新增：开展科普讲座", "added",
            [("任务内容", "（空）", "新增：开展科普讲座")]) in changes
    assert len(changes) == 4


def test_changes_page_without_a_previous_submission(client, submitted):
    client.force_login(user("zhangsan"))
    response = client.get(reverse("report_changes", args=[submitted.pk]))

    assert response.context["changes"] == []
    assert "这份报告只提交过一次" in response.content.decode()


def test_every_save_keeps_a_version(client, draft):
    data_client = client
    data_client.force_login(user("xuyuanshan"))
    before = history.latest_revision(draft)
    data = overview_data(data_client, draft)
    data["report-contact_person"] = "丙"
    data_client.post(reverse("report_section", args=[draft.pk, "overview"]), data)

    after = history.latest_revision(draft)
    assert after.pk != before.pk
    assert [(c.table, c.fields) for c in history.diff_revisions(before, after)] == [
        ("报告", [("联系人", "徐远山", "丙")]),
    ]


def test_comments_are_only_for_submitted_reports_of_the_reviewers_bureau(draft, submitted):
    with pytest.raises(services.WorkflowError):
        services.add_comment(draft, user("zhangsan"), "overview", "", "意见")
    with pytest.raises(services.WorkflowError):
        services.add_comment(submitted, user("wangwu"), "overview", "", "意见")
    assert not ReviewComment.objects.exists()
    assert ReportEvent.objects.filter(report=submitted).count() == 1


def test_comment_on_a_field_of_an_f3_project_page_reaches_that_project_only(client, demo):
    """The reviewer comments through the project's own page; the unit sees it beside that field
    of that project's page, not on the other projects' pages, and the report page links to it."""
    report = Report.objects.get(unit__budget_code="128001", form_version__family="F3")
    services.submit_report(report, user("zhengshi"), "")
    first, second = report.projects.order_by("position")[:2]
    page = reverse("project_section", args=[report.pk, first.pk, "table"])

    client.force_login(user("wujiu"))
    reviewer_page = client.get(page).content.decode()
    assert f'name="project" value="{first.pk}"' in reviewer_page
    response = client.post(reverse("report_comment", args=[report.pk]), {
        "section": "table", "project": str(first.pk), "field": "id_project-actual_overall",
        "text": "请写明机器人竞赛的参赛人数。", "back": "section",
    })
    assert response.status_code == 302
    assert response.url == page
    # A project that is not one of the report's is not a target.
    forged = client.post(reverse("report_comment", args=[report.pk]), {
        "section": "table", "project": "999999", "field": "", "text": "x"})
    assert forged.status_code == 404
    services.return_report(report, user("wujiu"), "请按意见修改。")

    client.force_login(user("zhengshi"))
    mine = client.get(page)
    assert mine.context["comment_markers"] == [
        {"field": "id_project-actual_overall", "text": "请写明机器人竞赛的参赛人数。"}]
    theirs = client.get(reverse("project_section", args=[report.pk, second.pk, "table"]))
    assert theirs.context["comment_markers"] == []
    detail = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert f'href="{page}#id_project-actual_overall"' in detail
    assert f"{first.name} · 项目绩效目标自评表 · 栏目" in detail


def test_the_report_page_has_a_score_card_only_for_forms_that_score(demo, client):
    """F2 and F3's 2023 version score; F1, F4 and F3's 2021 version do not (their card was
    empty)."""
    client.force_login(user("admin"))
    zhengshi = user("zhengshi")
    f3_scored = services.create_report(zhengshi.unit, 2023,
                                       FormVersion.objects.get(code="f3-sichuan-2023"), zhengshi)
    reports = {
        "F1": Report.objects.get(unit__budget_code="505001", year=2021),
        "F2": Report.objects.get(unit__budget_code="317001", year=2024),
        "F3 2021": Report.objects.get(form_version__code="f3-sichuan-2021"),
        "F3 2023": f3_scored,
        "F4": Report.objects.get(form_version__code="f4-sichuan-2021"),
    }

    cards = {
        name: "评分（自评得分 / 审核得分）" in client.get(
            reverse("report_detail", args=[report.pk])).content.decode()
        for name, report in reports.items()
    }

    assert cards == {"F1": False, "F2": True, "F3 2021": False, "F3 2023": True, "F4": False}
