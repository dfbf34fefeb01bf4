"""Write a unit's reports of one year as one PDF, without the web server.

For printing a batch, or checking the printed layout after a change of the templates.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import limits, pdf
from reports.models import Report, Unit


class Command(BaseCommand):
    help = "把某单位某年度的自评报告导出为一个 PDF 文件（按表单版本代码排序）"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位的预算编码或单位名称")
        parser.add_argument("--year", required=True, type=int, help="年度，例如 2021")
        parser.add_argument("--output", required=True, help="要写入的 PDF 文件路径")
        parser.add_argument("--form", help="只导出这个表单版本（版本代码，即 reports/versions/ 中的文件名）")

    def handle(self, *args, unit, year, output, form=None, **options):
        path = Path(output)
        # Checked before the rendering, which takes a while.
        if not path.parent.is_dir():
            raise CommandError(f"无法写入 {path}：目录 {path.parent} 不存在。")

        # A budget code first: it is what the 财政局 files by, and a name could look like one.
        found = (
            Unit.objects.filter(budget_code=unit).first()
            or Unit.objects.filter(name=unit).first()
        )
        if found is None:
            raise CommandError(f"找不到单位“{unit}”：请填写预算编码（例如 505001）或单位全称。")

        reports = (
            Report.objects.filter(unit=found, year=year)
            .select_related("unit__bureau", "form_version")
            .order_by("form_version__code")
        )
        if form:
            reports = reports.filter(form_version__code=form)
        # The order the package is filed in: the 部门整体 report before the projects.
        reports = sorted(reports, key=lambda r: (r.spec.print_order, r.form_version.code))
        if not reports:
            which = f"表单“{form}”的" if form else ""
            raise CommandError(f"{found.name}（{found.budget_code}）没有 {year} 年度{which}报告。")

        try:
            document = pdf.render_document(reports)
        except limits.ReportTooLarge as error:
            raise CommandError(str(error)) from None
        data = document.write_pdf()
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {path}：{exc.strerror or exc}") from None

        self.stdout.write(self.style.SUCCESS(
            f"已写入 {path}：{found.name} {year} 年度，{len(reports)} 份报告，"
            f"共 {len(document.pages)} 页，{len(data) / 1024:.0f} KB"
        ))
