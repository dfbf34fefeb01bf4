"""Version files written by tests: a copy of the shipped ones to add to or change."""

from reports import versionfiles


def write(directory, code, text):
    path = directory / f"{code}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def shipped_copy(directory):
    """The shipped version files (reports/versions/), copied into `directory`."""
    for path in versionfiles.VERSIONS_DIR.glob("*.toml"):
        write(directory, path.stem, path.read_text(encoding="utf-8"))
    return directory
