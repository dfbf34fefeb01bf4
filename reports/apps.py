from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "绩效自评报告"

    def ready(self):
        from reports import system_checks  # noqa: F401  (registers the checks)
        from reports.families import load

        load()  # each family module registers its family
