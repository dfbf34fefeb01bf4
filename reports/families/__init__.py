"""The official form families, one module each (f1.py …), declared as data and small classes.

A family knows its sections (one edit page each, in the paper form's order), its indicator
groups, its narrative outline, every setting a version may give with its type and default
(`Option`), its 检查 rules, whether it scores, and its PDF template. A form version
(models.FormVersion, shipped as reports/versions/<code>.toml) picks the family and gives the
settings that differ from its defaults; a report may change the ones it owns on its cover.
Code that needs to know how a report looks asks `report.spec` and `report.option(...)`, never
the family's or version's code.

Adding a version of an existing family is a version file; adding a family is a module here
whose Family subclass is decorated with `@register`.
"""

from reports.families.base import (
    COMMON_SETTINGS,
    NARRATIVE_FIGURES,
    SCORING_SETTINGS,
    Family,
    Group,
    Heading,
    Option,
    Section,
    VersionSettingsError,
)
from reports.families.registry import FAMILIES, family_for, load, register

__all__ = [
    "COMMON_SETTINGS", "FAMILIES", "NARRATIVE_FIGURES", "SCORING_SETTINGS", "Family", "Group",
    "Heading", "Option", "Section", "VersionSettingsError", "family_for", "load", "register",
]
