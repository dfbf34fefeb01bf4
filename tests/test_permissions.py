"""Every URL of the application, requested by every kind of user, with the demo's objects.

TABLE below says, for each URL pattern, method and object, what each role gets. The walk builds
the concrete URLs from the demo: each report in each state and of each bureau, each section of
its form and of its projects, the units and users of both 岳阳 bureaus (and of the other bureau,
named in the URL of this one), the approved PDF's verification code. Every POST is one that
would succeed for a role allowed to make it; after it the database is compared, table by table,
with the database before it, then rolled back.

A URL pattern without a row fails test_every_url_pattern_has_a_row, and a demo report the walk
does not request fails test_table_covers_every_demo_report: nothing new goes unchecked.

Outcomes:
    LOG   302 to the login page
    OK    200, nothing changed
    NF    404, nothing changed: another unit's or bureau's object, or an action not for them
    NA    405: a GET on a POST-only view
    BAD   400: the form is refused beside its fields, nothing changed
    MOV   302 to another page of the application, nothing changed (a GET that redirects)
    REF   302 back to the report with an error message, nothing changed (a workflow step the
          user may see but not take)
    DONE  the POST did what it says (200 or 302, and the database changed)
"""

import hashlib
import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import CheckboxInput
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from reports import pdf, services
from reports.demo import fill_yueyang_2021
from reports.forms import SectionForms
from reports.models import ApprovedPdf, Bureau, FormVersion, Report, Unit, User

LOG, OK, NF, NA, BAD, MOV, REF, DONE = "LOG", "OK", "NF", "NA", "BAD", "MOV", "REF", "DONE"
GET, POST = "GET", "POST"

ROLES = {
    "anonymous": None,
    "filler": "xuyuanshan",  # 岳阳县科学技术协会
    "filler2": "sunqi",  # the same unit
    "head": "huguangxia",  # its 单位负责人
    "reviewer": "zhangsan",  # 岳阳县财政局
    "admin": "zhaoliu",  # 岳阳县财政局
    "reviewer_yx": "wangwu",  # 岳阳市云溪区财政局
    "filler_yx": "lisi",  # 岳阳市云溪区科学技术协会
    "admin_yx": "zhouba",  # 岳阳市云溪区财政局
    "superuser": "admin",
}

# The demo reports: 岳阳县科学技术协会 (F1) in every state, 云溪区 (F2) in draft, 泸县 (F3 and
# F4, a bureau none of the roles but the superuser belongs to) in draft.
REPORTS = {
    "yy2019": ("505001", 2019, "F1"),  # returned
    "yy2020": ("505001", 2020, "F1"),  # approved, its PDF stored
    "yy2021": ("505001", 2021, "F1"),  # draft
    "yy2022": ("505001", 2022, "F1"),  # submitted
    "yx2024": ("317001", 2024, "F2"),  # draft
    "lx2021f3": ("128001", 2021, "F3"),  # draft, with four projects
    "lx2021f4": ("128001", 2021, "F4"),  # draft
}
YY = ("yy2019", "yy2020", "yy2021", "yy2022")
YY_EDITABLE = ("yy2019", "yy2021")
YY_LOCKED = ("yy2020", "yy2022")
YY_NOT_SUBMITTED = ("yy2019", "yy2020", "yy2021")
# Another unit of 岳阳县财政局 (not the demo's; made by `world`): a draft and a submitted report.
YYO = ("yyo2021", "yyo2022")
YX = ("yx2024",)
LX = ("lx2021f3", "lx2021f4")
ALL = YY + YYO + YX + LX

# A row: URL pattern name, method, the objects it is requested with (for report_section,
# report_preview and project_section: with every section of the form), then the outcome for
# each role in the order of ROLES.
# fmt: off
TABLE = [
    # name                      method targets              anon filler sunqi head rev  admin rev_yx lisi adm_yx super
    ("report_list",              GET,  ["-"],               LOG, OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK),
    ("report_new",               GET,  ["-"],               LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_new",               POST, ["unit yy"],         LOG, DONE, DONE, DONE, BAD, BAD, BAD, BAD, BAD, DONE),
    ("report_new",               POST, ["unit yx"],         LOG, BAD, BAD, BAD, BAD, BAD, BAD, DONE, BAD, DONE),

    # Reading a report: its unit, its bureau's reviewers and admin, superusers; others 404.
    ("report_detail",            GET,  YY,                  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_detail",            GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_detail",            GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("report_detail",            GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("report_section",           GET,  YY,                  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_section",           GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_section",           GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("report_section",           GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("report_section",           GET,  ["yy2021 nosuch"],   LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_check",             GET,  YY,                  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_check",             GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_check",             GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("report_check",             GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("report_pdf",               GET,  YY_EDITABLE + ("yy2022",), LOG, OK, OK, OK, OK, OK, NF, NF, NF, OK),
    ("report_pdf",               GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    # An approved report's PDF is the stored one: the draft URL sends there.
    ("report_pdf",               GET,  ["yy2020"],          LOG, MOV, MOV, MOV, MOV, MOV, NF,  NF,  NF,  MOV),
    ("report_pdf",               GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("report_pdf",               GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("report_changes",           GET,  YY,                  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_changes",           GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    ("report_changes",           GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("report_changes",           GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("approved_pdf",             GET,  ["yy2020"],          LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("approved_pdf",             GET,  ["yy2019", "yy2021", "yy2022", *YYO, *YX, *LX],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    # Where the approved PDF stands (the report page asks while it is rendered): whoever reads it.
    ("approved_pdf_status",      GET,  YY,                  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("approved_pdf_status",      GET,  YYO,                 LOG, NF,  NF,  NF,  OK,  OK,  NF,  NF,  NF,  OK),
    ("approved_pdf_status",      GET,  YX,                  LOG, NF,  NF,  NF,  NF,  NF,  OK,  OK,  OK,  OK),
    ("approved_pdf_status",      GET,  LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),

    # Editing: the unit's staff, while the report is a draft or returned; nobody else, ever.
    ("report_section",           POST, YY_EDITABLE,         LOG, DONE, DONE, DONE, NF, NF,  NF,  NF,  NF,  NF),
    ("report_section",           POST, YY_LOCKED,           LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_section",           POST, YYO,                 LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_section",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  DONE, NF, NF),
    ("report_section",           POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_preview",           GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_preview",           POST, YY_EDITABLE,         LOG, OK,  OK,  OK,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_preview",           POST, YY_LOCKED,           LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_preview",           POST, YYO,                 LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("report_preview",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  OK,  NF,  NF),
    ("report_preview",           POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    # A project's pages (F3): a 2023 project report of 岳阳县科学技术协会, and 泸县's.
    ("project_section",          GET,  ["yy2023 project"],  LOG, OK,  OK,  OK,  OK,  OK,  NF,  NF,  NF,  OK),
    ("project_section",          POST, ["yy2023 project"],  LOG, DONE, DONE, DONE, NF, NF,  NF,  NF,  NF,  NF),
    ("project_section",          GET,  ["lx2021f3 project"], LOG, NF, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK),
    ("project_section",          POST, ["lx2021f3 project"], LOG, NF, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    # A project named under another report of the same unit.
    ("project_section",          GET,  ["yy2021 project of yy2023"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("project_section",          POST, ["yy2021 project of yy2023"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),

    # The workflow: who may take each step; a step the user may see but not take is refused.
    ("report_submit",            GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_submit",            POST, YY_EDITABLE,         LOG, DONE, DONE, DONE, REF, REF, NF, NF,  NF,  REF),
    ("report_submit",            POST, YY_LOCKED,           LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_submit",            POST, YYO,                 LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    # The demo's 2024 report still has 检查 errors: its own filler's submit is refused too.
    ("report_submit",            POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_submit",            POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    ("report_confirm",           GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_confirm",           POST, YY_EDITABLE,         LOG, REF, REF, DONE, REF, REF, NF,  NF,  NF,  REF),
    ("report_confirm",           POST, YY_LOCKED,           LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_confirm",           POST, YYO,                 LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    ("report_confirm",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_confirm",           POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    ("report_return",            GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_return",            POST, ["yy2022"],          LOG, REF, REF, REF, DONE, REF, NF, NF,  NF,  DONE),
    ("report_return",            POST, YY_NOT_SUBMITTED,    LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_return",            POST, ["yyo2021"],         LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    ("report_return",            POST, ["yyo2022"],         LOG, NF,  NF,  NF,  DONE, REF, NF,  NF,  NF,  DONE),
    ("report_return",            POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_return",            POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    ("report_approve",           GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_approve",           POST, ["yy2022"],          LOG, REF, REF, REF, DONE, REF, NF, NF,  NF,  DONE),
    ("report_approve",           POST, YY_NOT_SUBMITTED,    LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_approve",           POST, ["yyo2021"],         LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    ("report_approve",           POST, ["yyo2022"],         LOG, NF,  NF,  NF,  DONE, REF, NF,  NF,  NF,  DONE),
    ("report_approve",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_approve",           POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    ("report_comment",           GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_comment",           POST, ["yy2022"],          LOG, REF, REF, REF, DONE, REF, NF, NF,  NF,  DONE),
    ("report_comment",           POST, YY_NOT_SUBMITTED,    LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_comment",           POST, ["yyo2021"],         LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    ("report_comment",           POST, ["yyo2022"],         LOG, NF,  NF,  NF,  DONE, REF, NF,  NF,  NF,  DONE),
    ("report_comment",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_comment",           POST, LX,                  LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    ("report_rescore",           GET,  ALL,                 LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("report_rescore",           POST, ["yy2022"],          LOG, REF, REF, REF, DONE, REF, NF, NF,  NF,  DONE),
    ("report_rescore",           POST, YY_NOT_SUBMITTED,    LOG, REF, REF, REF, REF, REF, NF,  NF,  NF,  REF),
    ("report_rescore",           POST, ["yyo2021"],         LOG, NF,  NF,  NF,  REF, REF, NF,  NF,  NF,  REF),
    ("report_rescore",           POST, ["yyo2022"],         LOG, NF,  NF,  NF,  DONE, REF, NF,  NF,  NF,  DONE),
    ("report_rescore",           POST, YX,                  LOG, NF,  NF,  NF,  NF,  NF,  REF, REF, REF, REF),
    ("report_rescore",           POST, ["lx2021f3"],        LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  REF),
    # A row of another bureau's report, named through a report the reviewer may score.
    ("report_rescore",           POST, ["yy2022 row of yx2024"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),

    # The reviewer's desk: the bureau's reviewers and admins, superusers; unit staff 404.
    ("desk",                     GET,  ["-", "year 2020"],  LOG, NF,  NF,  NF,  OK,  OK,  OK,  NF,  OK,  OK),
    ("desk_xlsx",                GET,  ["-", "year 2020"],  LOG, NF,  NF,  NF,  OK,  OK,  OK,  NF,  OK,  OK),
    # No approved PDF in the year shown: back to the desk with a message.
    ("desk_zip",                 GET,  ["-"],               LOG, NF,  NF,  NF,  MOV, MOV, MOV, NF,  MOV, MOV),
    ("desk_zip",                 GET,  ["year 2020"],       LOG, NF,  NF,  NF,  OK,  OK,  MOV, NF,  MOV, OK),

    # Public verification of an approved PDF: anyone, logged in or not; it writes nothing.
    ("verify",                   GET,  ["code ready"],      OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK),
    ("verify",                   GET,  ["code unknown"],    NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("verify",                   POST, ["code ready"],      OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK),
    ("login",                    GET,  ["-"],               OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK),
    ("logout",                   GET,  ["-"],               NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),

    # 管理: the bureau's admin and superusers; everyone else, and any other bureau's object, 404.
    ("manage_home",              GET,  ["-"],               LOG, NF,  NF,  NF,  NF,  MOV, NF,  NF,  MOV, OK),
    ("manage_units",             GET,  ["yy"],              LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_units",             GET,  ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_unit_new",          GET,  ["yy"],              LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_unit_new",          GET,  ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_unit_new",          POST, ["yy"],              LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_unit_new",          POST, ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_unit_edit",         GET,  ["yy unit yy"],      LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_unit_edit",         GET,  ["yx unit yx"],      LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_unit_edit",         GET,  ["yy unit yx", "yx unit yy"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_unit_edit",         POST, ["yy unit yy"],      LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_unit_edit",         POST, ["yx unit yx"],      LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_unit_edit",         POST, ["yy unit yx", "yx unit yy"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_unit_institutions", GET,  ["yy unit yy"],      LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_unit_institutions", GET,  ["yx unit yx"],      LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_unit_institutions", GET,  ["yy unit yx", "yx unit yy"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_unit_institutions", POST, ["yy unit yy"],      LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_unit_institutions", POST, ["yx unit yx"],      LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_unit_institutions", POST, ["yy unit yx", "yx unit yy"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_users",             GET,  ["yy"],              LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_users",             GET,  ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_user_new",          GET,  ["yy"],              LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_user_new",          GET,  ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_user_new",          POST, ["yy"],              LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_user_new",          POST, ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    # Users: sunqi is 岳阳县's, lisi 云溪区's; the superuser account is nobody's to manage here.
    ("manage_user_edit",         GET,  ["yy sunqi"],        LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_user_edit",         GET,  ["yx lisi"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_user_edit",         GET,  ["yy lisi", "yx sunqi", "yy admin"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_user_edit",         POST, ["yy sunqi"],        LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_user_edit",         POST, ["yx lisi"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_user_edit",         POST, ["yy lisi", "yx sunqi", "yy admin"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_user_password",     GET,  ["yy sunqi"],        LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_user_password",     GET,  ["yx lisi"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_user_password",     GET,  ["yy lisi", "yx sunqi", "yy admin"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_user_password",     POST, ["yy sunqi"],        LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_user_password",     POST, ["yx lisi"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_user_password",     POST, ["yy lisi", "yx sunqi", "yy admin"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_user_active",       GET,  ["yy sunqi"],        LOG, NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA,  NA),
    ("manage_user_active",       POST, ["yy sunqi"],        LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_user_active",       POST, ["yx lisi"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
    ("manage_user_active",       POST, ["yy lisi", "yx sunqi", "yy admin"],
                                                            LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_years",             GET,  ["yy"],              LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_years",             GET,  ["yx"],              LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_year",              GET,  ["yy 2030"],         LOG, NF,  NF,  NF,  NF,  OK,  NF,  NF,  NF,  OK),
    ("manage_year",              GET,  ["yx 2030"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  OK,  OK),
    ("manage_year",              GET,  ["yy 1999"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF,  NF),
    ("manage_year",              POST, ["yy 2030"],         LOG, NF,  NF,  NF,  NF,  DONE, NF, NF,  NF,  DONE),
    ("manage_year",              POST, ["yx 2030"],         LOG, NF,  NF,  NF,  NF,  NF,  NF,  NF,  DONE, DONE),
]
# fmt: on

# Patterns the walk leaves out: the Django admin (superusers only, Django's own checks).
SKIPPED_PREFIXES = ("admin/",)
# Requested for each section of the report's form: of the report, or of one of its projects.
EACH_SECTION = {"report_section": "sections", "report_preview": "sections",
                "project_section": "project_sections"}
PDF_BYTES = b"%PDF-1.4\n% kxeval permission walk\n%%EOF\n"
NEW_PASSWORD = "Kx-2030-permission"


def url_patterns(patterns=None, prefix=""):
    """(name or route, route) of every URL pattern of the project, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        elif getattr(pattern.callback, "__name__", "") == "serve":  # static files in DEBUG
            continue
        else:
            yield pattern.name or route, route


def test_every_url_pattern_has_a_row():
    patterns = dict(url_patterns())
    rows = {row[0] for row in TABLE}
    missing = sorted(f"{name} ({route})" for name, route in patterns.items() if name not in rows)
    assert not missing, (
        "URL patterns without a row in tests/test_permissions.py TABLE — say what every role "
        "gets from them: " + ", ".join(missing)
    )
    stale = rows - set(patterns)
    assert not stale, f"rows for URL patterns that no longer exist: {sorted(stale)}"


def test_table_rows_have_an_outcome_for_every_role():
    for row in TABLE:
        assert len(row) == 3 + len(ROLES), row[:3]


# ---- the demo objects behind the table's targets


@dataclass
class Target:
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    objects: dict = field(default_factory=dict)


@pytest.fixture
def world(demo, settings, tmp_path):
    """The targets of the table, with the approved 2020 report's PDF stored and ready."""
    settings.MEDIA_ROOT = tmp_path
    reports = {
        key: Report.objects.get(unit__budget_code=code, year=year, form_version__family=family)
        for key, (code, year, family) in REPORTS.items()
    }
    approved = reports["yy2020"].approved_pdf
    approved.file.save("yy2020.pdf", ContentFile(PDF_BYTES), save=False)
    approved.state = ApprovedPdf.State.READY
    approved.sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    approved.size = len(PDF_BYTES)
    approved.save()

    # Another unit of 岳阳县财政局, with a draft and a submitted report: its bureau's reviewers
    # read and review them, the demo unit's staff do not see them.
    other_unit = Unit.objects.create(bureau=reports["yy2021"].unit.bureau,
                                     name="岳阳县老科技工作者协会", budget_code="505009")
    for key, year in (("yyo2021", 2021), ("yyo2022", 2022)):
        report = services.create_report(other_unit, year, reports["yy2021"].form_version, None)
        fill_yueyang_2021(report)
        reports[key] = Report.objects.get(pk=report.pk)
    Report.objects.filter(pk=reports["yyo2022"].pk).update(status=Report.Status.SUBMITTED)
    reports["yyo2022"].refresh_from_db()

    # A project report (F3) of 岳阳县科学技术协会 too, with the first project of 泸县's, so that
    # the project pages are walked by a unit's own staff and reviewers.
    lx_project = reports["lx2021f3"].projects.first()
    f3_report = services.create_report(reports["yy2021"].unit, 2023,
                                       reports["lx2021f3"].form_version,
                                       User.objects.get(username="xuyuanshan"))
    project = f3_report.projects.create(name=lx_project.name)
    f3_report.spec.on_project_create(f3_report, project)

    yy, yx = Bureau.objects.get(name="岳阳县财政局"), Bureau.objects.get(name="岳阳市云溪区财政局")
    units = {"yy": Unit.objects.get(budget_code="505001"),
             "yx": Unit.objects.get(budget_code="317001")}
    bureaus = {"yy": yy, "yx": yx}
    users = {name: User.objects.get(username=name) for name in ("sunqi", "lisi", "admin")}

    targets = {"-": Target(), "year 2020": Target(query="?year=2020")}
    for key, report in reports.items():
        targets[key] = Target({"pk": report.pk}, objects={"report": report})
    targets["yy2021 nosuch"] = Target({"pk": reports["yy2021"].pk, "slug": "nosuch"},
                                      objects={"report": reports["yy2021"]})
    targets["yy2023 project"] = Target({"pk": f3_report.pk, "project_pk": project.pk},
                                       objects={"report": f3_report, "project": project})
    targets["lx2021f3 project"] = Target(
        {"pk": reports["lx2021f3"].pk, "project_pk": lx_project.pk},
        objects={"report": reports["lx2021f3"], "project": lx_project},
    )
    targets["yy2021 project of yy2023"] = Target(
        {"pk": reports["yy2021"].pk, "project_pk": project.pk},
        objects={"report": reports["yy2021"], "project": project},
    )
    targets["yy2022 row of yx2024"] = Target(
        {"pk": reports["yy2022"].pk},
        objects={"report": reports["yy2022"], "row": reports["yx2024"].indicatorrows.first()},
    )
    for key, unit in units.items():
        targets[f"unit {key}"] = Target(objects={"unit": unit})
    for key, bureau in bureaus.items():
        objects = {"bureau": bureau, "unit": units[key]}
        targets[key] = Target({"bureau": bureau.pk}, objects=objects)
        for year in (2030, 1999):
            targets[f"{key} {year}"] = Target({"bureau": bureau.pk, "year": year}, objects=objects)
        for unit_key, unit in units.items():
            targets[f"{key} unit {unit_key}"] = Target({"bureau": bureau.pk, "unit": unit.pk},
                                                       objects={"bureau": bureau, "unit": unit})
        for name, user in users.items():
            targets[f"{key} {name}"] = Target({"bureau": bureau.pk, "user": user.pk},
                                              objects={"bureau": bureau, "user": user})
    targets["code ready"] = Target({"code": approved.code})
    targets["code unknown"] = Target({"code": "NOSUCHCODE"})
    return targets


# ---- what each POST sends: what would succeed for a role allowed to send it


def section_data(report, section, project=None):
    """The section's form exactly as it stands, as the page would post it unchanged."""
    forms = SectionForms(report, section, project=project)
    data = {"lock_version": str(report.lock_version)}
    bound_forms = [*forms.forms()]
    for formset in forms.formsets():
        bound_forms += [formset.management_form, *formset.forms]
    for form in bound_forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
                continue
            value = bound.field.widget.format_value(value)
            data[bound.html_name] = "" if value is None else value
    return data


def institutions_data(unit):
    rows = list(unit.institutions.all())
    data = {"institutions-TOTAL_FORMS": str(len(rows) + 1),
            "institutions-INITIAL_FORMS": str(len(rows)),
            "institutions-MIN_NUM_FORMS": "0", "institutions-MAX_NUM_FORMS": "200"}
    for index, row in enumerate([*rows, None]):
        data[f"institutions-{index}-id"] = str(row.pk) if row else ""
        data[f"institutions-{index}-name"] = row.name if row else "新增机构"
        data[f"institutions-{index}-position"] = str(index)
    return data


def user_edit_data(user):
    return {"username": user.username, "first_name": "改了名字", "role": user.role,
            "unit": user.unit_id or "", "phone": "", "email": ""}


def first_slug(report):
    return report.spec.sections[0].slug


BODIES = {
    "report_new": lambda o: {"unit": o["unit"].pk, "year": 2030,
                             "form_version": FormVersion.objects.order_by("code").first().pk},
    "report_submit": lambda o: {"comment": "请审核"},
    "report_confirm": lambda o: {},
    "report_return": lambda o: {"comment": "请补充专项支出的用途。"},
    "report_approve": lambda o: {"comment": "同意。"},
    "report_comment": lambda o: {"section": first_slug(o["report"]), "field": "",
                                 "text": "请核对。"},
    "report_rescore": lambda o: {
        "row": (o.get("row") or o["report"].indicatorrows.first()).pk,
        "review_score": "1", "review_reason": "未达到目标值。",
    },
    "verify": lambda o: {"pdf": SimpleUploadedFile("report.pdf", PDF_BYTES)},
    "manage_unit_new": lambda o: {"name": "新建的单位", "budget_code": "909090"},
    "manage_unit_edit": lambda o: {"name": o["unit"].name + "（改名）",
                                   "budget_code": o["unit"].budget_code},
    "manage_unit_institutions": lambda o: institutions_data(o["unit"]),
    "manage_user_new": lambda o: {
        "username": "xinyonghu", "first_name": "新用户", "role": "filler", "unit": o["unit"].pk,
        "phone": "", "email": "", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    },
    "manage_user_edit": lambda o: user_edit_data(o["user"]),
    "manage_user_password": lambda o: {"new_password1": NEW_PASSWORD,
                                       "new_password2": NEW_PASSWORD},
    "manage_user_active": lambda o: {"active": "0"},
    "manage_year": lambda o: {"form_versions": [FormVersion.objects.order_by("code").first().pk]},
}


@dataclass
class Case:
    name: str
    method: str
    url: str
    label: str
    expected: dict
    body: object = None  # the data, or a function of the target's objects returning it
    objects: dict = field(default_factory=dict)

    def data(self):
        return self.body(self.objects) if callable(self.body) else self.body


def cases(targets):
    for name, method, target_names, *outcomes in TABLE:
        expected = dict(zip(ROLES, outcomes, strict=True))
        for target_name in target_names:
            target = targets[target_name]
            report, project = target.objects.get("report"), target.objects.get("project")
            sections = [None]
            if name in EACH_SECTION and "slug" not in target.kwargs:
                sections = getattr(report.spec, EACH_SECTION[name])
            for section in sections:
                slug = section.slug if section else None
                kwargs = dict(target.kwargs, **({"slug": slug} if slug else {}))
                url = reverse(name, kwargs=kwargs) + target.query
                label = f"{name} [{target_name}{' ' + slug if slug else ''}]"
                body = None
                if method == POST:
                    if name in EACH_SECTION:
                        body = section_data(report, section, project)
                    else:
                        body = BODIES[name]
                yield Case(name, method, url, label, expected, body, target.objects)


# ---- the walk


def snapshot(models=None):
    """Every row of every table (of `models`), but sessions and the time of the last login."""
    state = {}
    for model in models or SNAPSHOT_MODELS.values():
        rows = list(model.objects.order_by("pk").values())
        if model is User:
            for row in rows:
                row.pop("last_login")
        state[model._meta.label] = rows
    return state


SNAPSHOT_MODELS = {
    model._meta.db_table: model
    for model in apps.get_models(include_auto_created=True)
    if model._meta.label != "sessions.Session"
}
WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "CREATE", "DROP", "ALTER")


class Writes:
    """The tables a request wrote to, seen in the SQL it ran (connection.execute_wrapper).

    Only those tables are compared with the snapshot taken before the walk: the walk compares
    what it compared before, whole rows, without reading the whole database after every POST.
    A write it cannot name a table for (none today) makes the whole database compared.
    """

    def __init__(self):
        self.tables, self.unnamed = set(), False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        # Whether rows were touched is left to the comparison: before its rows are fetched, an
        # INSERT … RETURNING reports no row count.
        if sql.lstrip()[:8].upper().startswith(WRITE_VERBS):
            match = WRITE.match(sql)
            if match:
                self.tables.add(match[1])
            else:
                self.unnamed = True
        return result

    def changed_tables(self, before):
        models = None if self.unnamed else [
            SNAPSHOT_MODELS[table] for table in self.tables if table in SNAPSHOT_MODELS
        ]
        if models == []:
            return []
        after = snapshot(models)
        return sorted(label for label in after if before[label] != after[label])


# The views that lay out a PDF, and the stand-in WeasyPrint they reach in the walk.
RENDERING = {"report_pdf"}
STAND_IN_PDF = b"%PDF-1.7\n% permission walk: the rendering was reached\n%%EOF\n"


@pytest.fixture
def renders(monkeypatch):
    """The HTML of every PDF laid out during the test, with WeasyPrint replaced by a stand-in.

    The PDF views are walked up to the layout (their templates rendered, their limits checked)
    and answer STAND_IN_PDF; the rendering itself is tested in test_pdf*.py.
    """
    htmls = []

    class StandInDocument:
        def write_pdf(self):
            return STAND_IN_PDF

    def layout(batch, fetcher=None):
        htmls.extend(batch)
        return StandInDocument()

    monkeypatch.setattr(pdf, "layout", layout)
    return htmls


def outcome(case, response, changed, rendered):
    status = response.status_code
    if changed:
        return DONE if status in (200, 302) else f"{status} with the database changed ({changed})"
    if rendered and status != 200:
        return f"{status} after laying out a PDF"
    if case.name in RENDERING and status == 200:
        report = case.objects["report"]
        if (len(rendered) != 1 or report.unit.name not in rendered[0]
                or response.content != STAND_IN_PDF):
            return f"200 without laying out the report's PDF once ({len(rendered)} layouts)"
    if status == 302:
        if response.url.startswith(reverse("login")):
            return LOG
        if case.method == GET:
            return MOV
        levels = [message.level for message in response.wsgi_request._messages]
        return REF if messages.ERROR in levels else "302 without changing anything or saying why"
    return {200: OK, 400: BAD, 404: NF, 405: NA}.get(status, str(status))


def login(client, role):
    if ROLES[role] is not None:
        client.force_login(User.objects.get(username=ROLES[role]))


@pytest.mark.parametrize("role", list(ROLES))
def test_every_url_for(role, world, renders):
    client = Client(raise_request_exception=False)
    login(client, role)
    before = snapshot()
    failures = []
    for case in cases(world):
        renders.clear()
        writes = Writes()
        with transaction.atomic(), connection.execute_wrapper(writes):
            if case.method == GET:
                response = client.get(case.url)
            else:
                response = client.post(case.url, case.data())
            if response.streaming:
                # Read to the end: the test client closes the response (and its file) then.
                b"".join(response.streaming_content)
            changed = writes.changed_tables(before)
            transaction.set_rollback(True)
        got = outcome(case, response, changed, list(renders))
        if got != case.expected[role]:
            failures.append(f"{case.method} {case.url} {case.label}: expected "
                            f"{case.expected[role]}, got {got}")
    assert not failures, f"{role} ({ROLES[role]}):\n" + "\n".join(failures)


def test_submitted_report_section_post_by_its_filler_changes_nothing(world):
    """The table's rule, spelled out once: the 2022 report is submitted; its own filler's POST
    of a section with changed figures is a 404 and the report stays as it was."""
    report = world["yy2022"].objects["report"]
    client = Client()
    login(client, "filler")
    data = section_data(report, report.spec.section("overview"))
    data["report-contact_person"] = "改过的联系人"
    before = (report.status, report.lock_version, report.contact_person)
    response = client.post(reverse("report_section", args=[report.pk, "overview"]), data)
    report.refresh_from_db()
    assert response.status_code == 404
    assert (report.status, report.lock_version, report.contact_person) == before


def test_table_covers_every_demo_report(demo):
    """The walk requests every demo report: a report added to the demo needs its rows here."""
    covered = {(code, year, family) for code, year, family in REPORTS.values()}
    in_demo = set(Report.objects.values_list("unit__budget_code", "year", "form_version__family"))
    assert in_demo - covered == set(), "demo reports the permission table does not request"


def test_rescore_with_a_row_that_is_not_a_number_is_not_found(world):
    report = world["yy2022"].objects["report"]
    client = Client(raise_request_exception=False)
    login(client, "reviewer")
    response = client.post(reverse("report_rescore", args=[report.pk]),
                           {"row": "budget", "review_score": "1", "review_reason": "x"})
    assert response.status_code == 404
