"""What changed between two stored versions of a report, field by field and row by row.

Each save and workflow step stores a django-reversion revision holding the report and all its
rows (models.REPORT_ROWS, BudgetExecution). A diff compares two such revisions: the report's
own fields, then every table — rows added, removed, and changed with the old and new value of
each changed field.
"""

from dataclasses import dataclass, field

from django.apps import apps
from reversion.models import Version

from reports.models import Report

# Bookkeeping fields nobody typed: never listed as changes.
IGNORED = {
    "id", "report", "position", "lock_version", "updated_at", "updated_by", "created_at",
    "status", "submitted_at", "approved_at", "head_confirmed_version", "finding_count",
    "total_score",
}
ROW_LABEL_FIELDS = ("name", "text", "target")


@dataclass
class Change:
    table: str
    row: str
    kind: str  # "changed", "added", "removed"
    fields: list = field(default_factory=list)  # (label, old, new)

    @property
    def kind_label(self):
        return {"changed": "修改", "added": "新增", "removed": "删除"}[self.kind]


def _versions(revision):
    """{(model, pk): field_dict} of every object stored in `revision`."""
    found = {}
    for version in revision.version_set.select_related("content_type"):
        model = apps.get_model(version.content_type.app_label, version.content_type.model)
        found[(model, version.object_id)] = version.field_dict
    return found


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _shown(value):
    if value is None or value == "":
        return "（空）"
    if isinstance(value, dict):
        return "；".join(f"{key}：{item}" for key, item in value.items()) or "（空）"
    if isinstance(value, (list, tuple)):
        return "、".join(str(item) for item in value) or "（空）"
    return str(value)


def _row_label(values):
    for name in ROW_LABEL_FIELDS:
        text = str(values.get(name) or "").strip()
        if text:
            return text[:30] + ("…" if len(text) > 30 else "")
    return "（空行）"


def narrative_titles(report):
    """The heading of every narrative paragraph of the report and its projects, by key."""
    spec = report.spec
    return spec.narrative_titles(report, (*spec.sections, *spec.project_sections))


def _field_changes(model, old, new, titles=None):
    changes = []
    for name in sorted(set(old) | set(new), key=lambda n: list(new).index(n) if n in new else 999):
        if name in IGNORED or name.removesuffix("_id") in IGNORED:
            continue
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name == "narrative":
            for key in sorted(set(before or {}) | set(after or {})):
                if (before or {}).get(key, "") != (after or {}).get(key, ""):
                    changes.append(((titles or {}).get(key, f"文字部分·{key}"),
                                    _shown((before or {}).get(key)),
                                    _shown((after or {}).get(key))))
            continue
        changes.append((_label(model, name), _shown(before), _shown(after)))
    return changes


def diff_revisions(old_revision, new_revision, titles=None):
    """The list of Change from `old_revision` to `new_revision` (both of the same report).

    `titles` names narrative paragraphs by their headings (see narrative_titles)."""
    old, new = _versions(old_revision), _versions(new_revision)
    changes = []
    for (model, pk), values in new.items():
        if model is Report:
            before = old.get((model, pk), {})
            fields = _field_changes(model, before, values, titles)
            if fields:
                changes.append(Change("报告", "", "changed", fields))
    tables = {}
    for key in set(old) | set(new):
        if key[0] is not Report:
            tables.setdefault(key[0], set()).add(key)
    for model, keys in tables.items():
        table = str(model._meta.verbose_name)
        ordered = sorted(keys, key=lambda k: ((new.get(k) or old.get(k)).get("position", 0), k[1]))
        for key in ordered:
            before, after = old.get(key), new.get(key)
            if before is None:
                fields = _field_changes(model, {}, after, titles)
                changes.append(Change(table, _row_label(after), "added", fields))
            elif after is None:
                changes.append(Change(table, _row_label(before), "removed"))
            else:
                fields = _field_changes(model, before, after, titles)
                if fields:
                    changes.append(Change(table, _row_label(after), "changed", fields))
    return changes


def revision_at(report, lock_version):
    """The stored revision of `report` as it was at `lock_version`, or None."""
    for version in Version.objects.get_for_object(report).select_related("revision")[:200]:
        if version.field_dict.get("lock_version") == lock_version:
            return version.revision
    return None


def latest_revision(report):
    version = Version.objects.get_for_object(report).select_related("revision").first()
    return version.revision if version else None


def submissions(report):
    """The report's submission events, newest first, each with the revision submitted."""
    return list(report.events.filter(action="submit").exclude(revision=None).order_by("-created_at", "-id"))


def changes_since_previous_submission(report):
    """(latest submission, previous submission, changes) or None when there is no previous."""
    submitted = submissions(report)
    if len(submitted) < 2:
        return None
    latest, previous = submitted[0], submitted[1]
    return latest, previous, diff_revisions(previous.revision, latest.revision,
                                           narrative_titles(report))
