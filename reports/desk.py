"""The reviewer's desk: every report of a 财政局 for one year in one table.

`Desk.for_user` reads the filter from the GET parameters (year, status, form, q, sort and, for
superusers, bureau) against the reports the user may see; the page, the .zip of approved PDFs
and the .xlsx export all ask the same Desk, so they always list the same reports.

A page costs the same number of queries whatever the number of rows: the years, the form
versions, the per-status counts (one aggregate), the paginator's count and the rows with their
unit and form version. The grade is computed in Python from the stored 总分.
"""

import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from reports import calc
from reports.models import ApprovedPdf, Bureau, FormVersion, Report, User

PER_PAGE = 50
DESK_ROLES = (User.Role.REVIEWER, User.Role.BUREAU_ADMIN)

# Workflow order, so that sorting by 状态 follows the report's life rather than the alphabet.
STATUS_ORDER = Case(
    *(When(status=status, then=Value(index)) for index, status in enumerate(
        (Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.SUBMITTED,
         Report.Status.APPROVED)
    )),
    default=Value(99),
    output_field=IntegerField(),
)

# sort parameter -> the column it orders by. "unit" orders by 预算编码: the codes are how the
# 财政局 lists its units, and they sort the same on every database (names in Chinese do not).
SORTS = {
    "unit": F("unit__budget_code"),
    "form": F("form_version__code"),
    "status": STATUS_ORDER,
    "updated": F("updated_at"),
    "submitted": F("submitted_at"),
    "score": F("total_score"),
    "findings": F("finding_count"),
}
DEFAULT_SORT = "unit"
TIEBREAK = ("unit__budget_code", "form_version__code", "pk")


def desk_scope(user):
    """The reports the desk may show `user`, or None when the user has no desk.

    Reviewers and bureau admins see their bureau's reports (Report.objects.visible_to);
    superusers see every bureau's. Unit staff have no desk.
    """
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Report.objects.visible_to(user)
    if user.role in DESK_ROLES and user.bureau_id and not user.unit_id:
        return Report.objects.visible_to(user)
    return None


def grade_for(report):
    """评价等次 of the stored 总分, in the wording the report's own page uses; no query.

    report.option reads the report's options, then the version's settings, then the family's
    default (Family.version_default), all already loaded with the row.
    """
    if report.total_score is None:
        return None
    try:
        wording = report.option("grade_wording")
    except LookupError:  # a family without the option, or one not supported yet
        wording = "long"
    return calc.grade(report.total_score, wording)


@dataclass(frozen=True)
class Row:
    """A line of the desk's table: the report with its 总分 as printed and its grade."""

    report: Report
    score_text: str
    grade: str | None


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@dataclass
class Desk:
    user: User
    scope: object  # the user's reports, narrowed to the chosen bureau for superusers
    years: list
    year: int
    status: str
    form: str
    q: str
    sort: str
    bureau: int | None
    versions: list
    bureaus: list

    @classmethod
    def for_user(cls, user, params):
        """The desk for `user` with the filter of `params` (a QueryDict); None without a desk.

        Unknown values are ignored rather than refused: a stale bookmark shows the whole year.
        """
        scope = desk_scope(user)
        if scope is None:
            return None
        bureau, bureaus = None, []
        if user.is_superuser:
            bureaus = list(Bureau.objects.order_by("name"))
            bureau = _int(params.get("bureau"))
            if bureau not in {b.pk for b in bureaus}:
                bureau = None
            if bureau is not None:
                scope = scope.filter(unit__bureau_id=bureau)
        years = list(scope.order_by("-year").values_list("year", flat=True).distinct())
        year = _int(params.get("year"))
        if year is None:
            year = years[0] if years else timezone.localdate().year
        if year not in years:
            years = sorted({*years, year}, reverse=True)
        status = params.get("status", "")
        if status not in Report.Status.values:
            status = ""
        versions = list(FormVersion.objects.order_by("family", "code"))
        form = params.get("form", "")
        if form not in {version.code for version in versions}:
            form = ""
        sort = params.get("sort", "")
        if sort.removeprefix("-") not in SORTS:
            sort = DEFAULT_SORT
        return cls(user=user, scope=scope, years=years, year=year, status=status, form=form,
                   q=params.get("q", "").strip()[:100], sort=sort, bureau=bureau,
                   versions=versions, bureaus=bureaus)

    @property
    def year_reports(self):
        return self.scope.filter(year=self.year)

    def reports(self):
        """The filtered, sorted reports with the unit and form version of each."""
        reports = self.year_reports.select_related("unit__bureau", "form_version")
        if self.status:
            reports = reports.filter(status=self.status)
        if self.form:
            reports = reports.filter(form_version__code=self.form)
        if self.q:
            reports = reports.filter(Q(unit__name__icontains=self.q)
                                     | Q(unit__budget_code__icontains=self.q))
        column = SORTS[self.sort.removeprefix("-")]
        # Reports without a 总分 or not yet submitted go last in both directions, on SQLite and
        # PostgreSQL alike (they disagree on where NULL sorts by default).
        if self.sort.startswith("-"):
            primary = column.desc(nulls_last=True)
        else:
            primary = column.asc(nulls_last=True)
        return reports.order_by(primary, *TIEBREAK)

    def status_counts(self):
        """[(status, label, count)] for the whole year, whatever the other filters; one query."""
        counts = self.year_reports.aggregate(
            total=Count("pk"),
            **{status: Count("pk", filter=Q(status=status)) for status in Report.Status.values},
        )
        return counts["total"], [
            (status, label, counts[status]) for status, label in Report.Status.choices
        ]

    def sort_columns(self):
        """For each sortable column: the sort value its header link sets and its aria-sort."""
        current, descending = self.sort.removeprefix("-"), self.sort.startswith("-")
        columns = {}
        for key in SORTS:
            if key == current:
                columns[key] = {
                    "param": key if descending else f"-{key}",
                    "aria": "descending" if descending else "ascending",
                    "arrow": "↓" if descending else "↑",
                }
            else:
                # Figures and dates are most useful largest/newest first.
                first = key if key in ("unit", "form", "status") else f"-{key}"
                columns[key] = {"param": first, "aria": None, "arrow": ""}
        return columns

    def approved_pdfs(self):
        """The stored PDFs of the approved reports in the filter, in table order."""
        reports = self.reports().filter(status=Report.Status.APPROVED,
                                        approved_pdf__state=ApprovedPdf.State.READY)
        return list(reports.select_related("approved_pdf"))

    @property
    def scope_name(self):
        """Whose reports the desk shows: the chosen 财政局, all of them, or the reviewer's own."""
        if self.bureau is not None:
            return next(b.name for b in self.bureaus if b.pk == self.bureau)
        if self.user.is_superuser:
            return "全部财政局"
        return self.user.bureau.name

    def archive_name(self, extension):
        parts = [self.scope_name, str(self.year)]
        if self.status:
            parts.append(Report.Status(self.status).label)
        if self.form:
            parts.append(self.form)
        return "-".join(parts) + extension


def rows(reports):
    return [Row(report, calc.plain(report.total_score), grade_for(report)) for report in reports]


# ---- approved PDFs as one streamed .zip

CHUNK = 64 * 1024


def _safe(text):
    return "".join("-" if char in '/\\:*?"<>|' or ord(char) < 32 else char for char in text)


def pdf_name(report):
    """{预算编码}-{单位名称}-{year}-{form code}.pdf"""
    unit = report.unit
    return _safe(f"{unit.budget_code}-{unit.name}-{report.year}-{report.form_version.code}.pdf")


class _Drain:
    """A write-only file for ZipFile whose bytes are taken out after each write.

    It has no tell() or seek(), so ZipFile writes sizes and CRCs in data descriptors after
    each member instead of going back to the member's header: nothing is held but one chunk.
    """

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        """The bytes written since the last take, as a list of one chunk (empty if none)."""
        data = b"".join(self.chunks)
        self.chunks.clear()
        return [data] if data else []


def _zip_time(moment):
    local = timezone.localtime(moment) if moment else timezone.localtime()
    return max(local.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def stream_zip(reports):
    """Yield a .zip of the reports' stored approved PDFs, chunk by chunk.

    PDFs are already compressed, so members are stored as they are (ZIP_STORED). Non-ASCII
    names get the UTF-8 flag from zipfile. A file missing from storage is listed in
    缺少的文件.txt instead of ending the download half-way.
    """
    sink = _Drain()
    missing = []
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for report in reports:
            approved = report.approved_pdf
            name = pdf_name(report)
            try:
                source = approved.file.open("rb")
            except (FileNotFoundError, ValueError):
                missing.append(name)
                continue
            info = zipfile.ZipInfo(name, date_time=_zip_time(approved.rendered_at))
            info.compress_type = zipfile.ZIP_STORED
            with source, archive.open(info, mode="w") as member:
                while data := source.read(CHUNK):
                    member.write(data)
                    yield from sink.take()
            yield from sink.take()
        if missing:
            archive.writestr("缺少的文件.txt", "存储中找不到以下审定 PDF：\n" + "\n".join(missing))
    yield from sink.take()


# ---- the table as .xlsx

XLSX_HEADERS = ("预算编码", "单位名称", "年度", "表单代码", "表单名称", "状态", "最后修改",
                "提交时间", "总分", "审核总分", "评价等次", "检查问题数")
XLSX_WIDTHS = (12, 30, 8, 20, 50, 10, 18, 18, 8, 10, 10, 12)
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def _local(moment):
    """Excel has no time zones: the local (Asia/Shanghai) wall time, as the page shows it."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


def xlsx_values(report):
    """One exported row: numbers as numbers, times as naive local datetimes."""
    return [
        report.unit.budget_code,
        report.unit.name,
        report.year,
        report.form_version.code,
        report.form_version.name,
        report.get_status_display(),
        _local(report.updated_at),
        _local(report.submitted_at),
        report.total_score,
        report.review_total,
        grade_for(report),
        report.finding_count,
    ]


def write_xlsx(reports, target):
    """Write the table of `reports` (an iterable) to the file `target`, row by row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审核台")
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in XLSX_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for report in reports:
        cells = []
        for value in xlsx_values(report):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)
