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
from pathlib import Path

from django.db import transaction

from reports.families import FAMILIES, VersionSettingsError
from reports.families.base import listed
from reports.models import FormVersion, Report

VERSIONS_DIR = Path(__file__).resolve().parent / "versions"
FILE_KEYS = ("family", "name", "settings")
NAME_MAX_LENGTH = 100  # FormVersion.name


@dataclass(frozen=True)
class VersionFile:
    code: str
    family: str
    name: str
    settings: dict
    path: Path


def read(path):
    """The VersionFile at `path`, validated; VersionSettingsError naming the file otherwise."""
    path = Path(path)
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise VersionSettingsError(f"{where}：不是有效的 TOML 文件（{error}）") from error
    unknown = [key for key in data if key not in FILE_KEYS]
    if unknown:
        raise VersionSettingsError(f"{where}：没有“{unknown[0]}”这一项。可用的项：{listed(FILE_KEYS)}")
    family = data.get("family")
    if family not in FAMILIES:
        raise VersionSettingsError(
            f"{where}：family 应为表单类别之一：{listed(FAMILIES)}，现为 {family!r}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX_LENGTH:
        raise VersionSettingsError(f"{where}：name 应为版本的名称（1 至 {NAME_MAX_LENGTH} 字）")
    settings = FAMILIES[family].clean_settings(data.get("settings", {}), where)
    return VersionFile(path.stem, family, name.strip(), settings, path)


def read_all(directory=VERSIONS_DIR):
    """Every version file of `directory`, by code."""
    return [read(path) for path in sorted(Path(directory).glob("*.toml"))]


def structural_changes(spec, old_settings, new_settings):
    """The structural settings whose value a change of settings would change, as Options."""
    return [
        option for option in spec.settings
        if option.structure(old_settings.get(option.name, option.default))
        != option.structure(new_settings.get(option.name, option.default))
    ]


@transaction.atomic
def sync(directory=VERSIONS_DIR):
    """Make every version file a FormVersion: new ones created, changed ones updated.

    Returns the lines that say what changed. VersionSettingsError, with nothing written, for a file
    that is not valid or for a structural change (or another family) of a version in use.
    """
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
                raise VersionSettingsError(
                    f"{file.path.name}：已有 {used} 份报告使用版本 {file.code}，不能把表单类别由 "
                    f"{version.family} 改为 {file.family}；请用新的版本代码另建一个文件"
                )
            changes.append(f"表单类别 {version.family} → {file.family}")
        spec = FAMILIES[file.family]
        if used and version.family == file.family:
            structural = structural_changes(spec, version.settings, file.settings)
            if structural:
                labels = "、".join(f"“{option.label}”（{option.name}）" for option in structural)
                raise VersionSettingsError(
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
