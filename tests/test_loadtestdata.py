"""`manage.py loadtestdata`: one unit, 填报人 and draft per editor of the load test."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import InstitutionRow, Report, User


def loadtestdata(*args):
    out = StringIO()
    call_command("loadtestdata", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_each_filler_has_own_unit_and_draft_and_a_submitted_report():
    loadtestdata("--units", "3", "--reviewers", "2", "--year", "2021")

    fillers = User.objects.filter(username__startswith="lt_filler").order_by("username")
    assert [f.username for f in fillers] == ["lt_filler001", "lt_filler002", "lt_filler003"]
    assert len({filler.unit_id for filler in fillers}) == 3
    for filler in fillers:
        draft = Report.objects.get(unit=filler.unit, year=2021)
        assert draft.status == Report.Status.DRAFT
        assert draft.editable_by(filler)
        office = InstitutionRow.objects.get(report=draft, position=0)
        assert office.income_public_finance == D("73.03")  # the demo report's figure
        assert Report.objects.get(unit=filler.unit, year=2020).status == Report.Status.SUBMITTED
    # Nobody else's draft is theirs to edit: saves never meet on one lock_version.
    other = Report.objects.get(unit=fillers[1].unit, year=2021)
    assert not other.editable_by(fillers[0])

    reviewer = User.objects.get(username="lt_reviewer2")
    assert reviewer.role == User.Role.REVIEWER
    assert Report.objects.visible_to(reviewer).filter(status=Report.Status.SUBMITTED).count() == 3


@pytest.mark.django_db
def test_users_log_in_through_the_login_form_with_the_password(client):
    loadtestdata("--units", "1", "--reviewers", "1", "--password", "lt-secret-9")

    response = client.post("/login/", {"username": "lt_filler001", "password": "lt-secret-9"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"].username == "lt_filler001"


@pytest.mark.django_db
def test_running_again_adds_nothing_and_reset_restores_the_figures():
    loadtestdata("--units", "2", "--reviewers", "1")
    draft = Report.objects.get(unit__budget_code="LT0001", year=2021)
    InstitutionRow.objects.filter(report=draft, position=0).update(income_public_finance=D("1"))

    out = loadtestdata("--units", "2", "--reviewers", "1")
    assert "新建报告 0 份" in out
    assert Report.objects.filter(unit__budget_code__startswith="LT").count() == 4
    assert User.objects.filter(username__startswith="lt_").count() == 3
    office = InstitutionRow.objects.get(report__unit__budget_code="LT0001", report__year=2021,
                                        position=0)
    assert office.income_public_finance == D("1")

    loadtestdata("--units", "2", "--reviewers", "1", "--reset")
    office = InstitutionRow.objects.get(report__unit__budget_code="LT0001", report__year=2021,
                                        position=0)
    assert office.income_public_finance == D("73.03")
    assert Report.objects.filter(unit__budget_code__startswith="LT").count() == 4


@pytest.mark.django_db
def test_no_units_is_refused():
    with pytest.raises(CommandError):
        loadtestdata("--units", "0")
