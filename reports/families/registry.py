"""The form families by code: each family module registers its class here when it is loaded.

`load()` (called by the app's ready()) imports every module of this package, so that a new
family is a new module and nothing else. Nothing here imports the models: the models ask the
registry for a version's family, and the family modules may use the models freely.
"""

import importlib
import pkgutil

FAMILIES = {}


def register(family_class):
    """Class decorator: the family, one instance, under its code."""
    if family_class.code in FAMILIES:
        raise ValueError(f"表单类别 {family_class.code} 已经登记")
    FAMILIES[family_class.code] = family_class()
    return family_class


def load():
    """Import every family module of this package (they register themselves)."""
    package = importlib.import_module("reports.families")
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"reports.families.{module.name}")


def family_for(form_version):
    try:
        return FAMILIES[form_version.family]
    except KeyError:
        raise LookupError(f"表单类别 {form_version.family} 尚未支持") from None
