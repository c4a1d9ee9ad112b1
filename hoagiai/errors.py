"""The library's own exceptions, each carrying the exit code the CLI maps it to.

The library never prints and never calls sys.exit; `hoagiai.cli` translates these
once, at the boundary (exit codes: CONTRACT §1). Messages are Vietnamese, for the clerk.
"""

from __future__ import annotations


class HoagiaiError(Exception):
    """Base class. `exit_code` is what the command line returns for it."""

    exit_code = 3

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DataProblem(HoagiaiError):
    """The clerk's data has errors (validation errors, or a document blocked by them)."""

    exit_code = 1


class ConfigError(HoagiaiError):
    """Usage or configuration is wrong: bad option, malformed rule file or profile,
    missing inputs folder, broken template. The rules (or setup) are wrong, not the data."""

    exit_code = 2


class RuleFileError(ConfigError):
    """A file in `rules/` is unreadable or does not match its schema.

    `path` is the file, `key` the dotted key path inside it (or None)."""

    def __init__(self, path: str, key: str | None, problem: str):
        where = f"{path}" + (f", khóa `{key}`" if key else "")
        super().__init__(f"Tệp quy tắc {where}: {problem}")
        self.path = path
        self.key = key
        self.problem = problem


class TemplateError(ConfigError):
    """A template is malformed or does not match its context (unknown variable, bad tag)."""


class EnvironmentFailure(HoagiaiError):
    """The machine lacks something needed (e.g. LibreOffice for PDFs) or an internal step failed."""

    exit_code = 3


class RegisterError(HoagiaiError):
    """The document register refused an operation (number reused, issued twice, …)."""

    exit_code = 1
