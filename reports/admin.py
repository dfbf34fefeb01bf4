from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from reports.models import Bureau, FormVersion, Institution, Report, Unit, User


class InstitutionInline(admin.TabularInline):
    model = Institution
    extra = 0


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ("name", "region")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "budget_code", "bureau")
    list_filter = ("bureau",)
    inlines = [InstitutionInline]


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ("code", "family", "name")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "form_version", "status", "updated_at")
    list_filter = ("year", "status", "form_version")
    list_select_related = ("unit", "form_version")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("单位与角色", {"fields": ("role", "unit", "bureau", "phone")}),)
    list_display = ("username", "first_name", "role", "unit", "bureau")
