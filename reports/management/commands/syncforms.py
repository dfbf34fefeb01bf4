from django.core.management.base import BaseCommand, CommandError

from reports import versionfiles


class Command(BaseCommand):
    help = "按 reports/versions/ 中的版本文件新增或更新表单版本（不删除版本；已有报告的版本不改结构）"

    def handle(self, *args, **options):
        try:
            lines = versionfiles.sync()
        except versionfiles.VersionSettingsError as error:
            raise CommandError(str(error)) from error
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(
            "表单版本已是最新。" if not lines else f"表单版本已同步（{len(lines)} 项变化）。"
        ))
