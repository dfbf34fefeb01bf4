"""Form versions as data files: `reports/versions/<code>.toml`, validated against their family.

A version file names its family (a key of families.FAMILIES) and its printed name, and gives
only the settings that differ from the family's defaults (the files of reports/versions/):

    family = "<family>"
    name = "部门（单位）整体支出绩效评价自评报告（2017 年版）"

    [settings]
    grade_wording = "short"

`python manage.py syncforms` (run after `migrate` by `make run`, `make serve` and the deploy
steps) makes every file a FormVersion row. It never deletes a version, and it refuses to change
a structural setting (Option.structural: which tables, columns, rows or headings a report has)
of a version that reports use: that takes a new version code. Other settings (wording) change
in place and are listed.
"""

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

VERSIONS_DIR = Path(__file__).resolve().parent / "versions"
FILE_KEYS = ("family", "name", "settings")
NAME_MAX_LENGTH = 100  # FormVersion.name


class VersionFileError(ValueError):
    """A version file or version settings that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class VersionFile:
    code: str
    family: str
    name: str
    settings: dict
    path: Path


def _allowed(values):
    return "、".join(str(value) for value in values)


def clean_settings(spec, settings, where):
    """`settings` checked against the settings `spec` (a Family) declares, as stored.

    VersionFileError names `where`, the key and what is allowed: an unknown key, a value of the
    wrong type, a choice the setting does not have.
    """
    if not isinstance(settings, dict):
        raise VersionFileError(f"{where}：settings 应为一组“设置 = 值”")
    declared = {option.name: option for option in spec.settings}
    cleaned = {}
    for key, value in settings.items():
        option = declared.get(key)
        if option is None:
            raise VersionFileError(
                f"{where}：没有“{key}”这项设置。{spec.code} 可用的设置：{_allowed(declared)}"
            )
        cleaned[key] = clean_value(spec, option, value, f"{where}：设置“{key}”（{option.label}）")
    return cleaned


def clean_value(spec, option, value, where):
    kind = option.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise VersionFileError(f"{where}应为 true 或 false，现为 {value!r}")
        return value
    if kind == "percent":
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise VersionFileError(f"{where}应为百分数，例如 \"90\"，或留空，现为 {value!r}")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not 0 <= number <= 1000:
            raise VersionFileError(f"{where}应为 0 至 1000 之间的百分数，例如 \"90\"，现为 {value!r}")
        return str(value)
    if kind == "list":
        allowed = [key for key, _label in spec.choices_for(option)]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise VersionFileError(f"{where}应为一组代码，例如 [\"{allowed[0]}\"]，现为 {value!r}")
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise VersionFileError(f"{where}中的“{unknown[0]}”不在可选值中：{_allowed(allowed)}")
        return value
    if not isinstance(value, str):
        raise VersionFileError(f"{where}应为文字，现为 {value!r}")
    if kind == "choice":
        allowed = [key for key, _label in option.choices]
        if value not in allowed:
            raise VersionFileError(f"{where}的值“{value}”不在可选值中：{_allowed(allowed)}")
    return value


def read(path):
    """The VersionFile at `path`, validated; VersionFileError naming the file otherwise."""
    from reports.families import FAMILIES

    path = Path(path)
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise VersionFileError(f"{where}：不是有效的 TOML 文件（{error}）") from error
    unknown = [key for key in data if key not in FILE_KEYS]
    if unknown:
        raise VersionFileError(f"{where}：没有“{unknown[0]}”这一项。可用的项：{_allowed(FILE_KEYS)}")
    family = data.get("family")
    if family not in FAMILIES:
        raise VersionFileError(
            f"{where}：family 应为表单类别之一：{_allowed(FAMILIES)}，现为 {family!r}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX_LENGTH:
        raise VersionFileError(f"{where}：name 应为版本的名称（1 至 {NAME_MAX_LENGTH} 字）")
    settings = clean_settings(FAMILIES[family], data.get("settings", {}), where)
    return VersionFile(path.stem, family, name.strip(), settings, path)


def read_all(directory=VERSIONS_DIR):
    """Every version file of `directory`, by code."""
    return [read(path) for path in sorted(Path(directory).glob("*.toml"))]


def structural_changes(spec, old_settings, new_settings):
    """The structural settings whose value a change of settings would change, as Options."""
    return [
        option for option in spec.settings
        if option.structural
        and old_settings.get(option.name, option.default)
        != new_settings.get(option.name, option.default)
    ]


@transaction.atomic
def sync(directory=VERSIONS_DIR):
    """Make every version file a FormVersion: new ones created, changed ones updated.

    Returns the lines that say what changed. VersionFileError, with nothing written, for a file
    that is not valid or for a structural change (or another family) of a version in use.
    """
    from reports.families import FAMILIES
    from reports.models import FormVersion, Report

    files = read_all(directory)
    existing = {version.code: version for version in FormVersion.objects.all()}
    lines = []
    for file in files:
        version = existing.get(file.code)
        if version is None:
            FormVersion.objects.create(code=file.code, family=file.family, name=file.name,
                                       settings=file.settings)
            lines.append(f"新增表单版本 {file.code}：{file.name}")
            continue
        changes = []
        used = Report.objects.filter(form_version=version).count()
        if version.family != file.family:
            if used:
                raise VersionFileError(
                    f"{file.path.name}：已有 {used} 份报告使用版本 {file.code}，不能把表单类别由 "
                    f"{version.family} 改为 {file.family}；请用新的版本代码另建一个文件"
                )
            changes.append(f"表单类别 {version.family} → {file.family}")
        spec = FAMILIES[file.family]
        if used and version.family == file.family:
            structural = structural_changes(spec, version.settings, file.settings)
            if structural:
                labels = "、".join(f"“{option.label}”（{option.name}）" for option in structural)
                raise VersionFileError(
                    f"{file.path.name}：已有 {used} 份报告使用版本 {file.code}，不能修改{labels}："
                    "这会改变已填报告的表格或提纲。请用新的版本代码另建一个文件"
                )
        if version.name != file.name:
            changes.append(f"名称 “{version.name}” → “{file.name}”")
        for option in spec.settings:
            old = version.settings.get(option.name, option.default)
            new = file.settings.get(option.name, option.default)
            if old != new:
                changes.append(f"{option.label}（{option.name}）{old!r} → {new!r}")
        if changes or version.settings != file.settings:
            version.family, version.name, version.settings = file.family, file.name, file.settings
            version.save()
            lines.append(f"更新表单版本 {file.code}：" + "；".join(changes or ["设置的写法"]))
    return lines
