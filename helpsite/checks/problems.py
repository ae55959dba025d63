"""One finding of the checks, printed as `path:line: error|warning: message`."""
from __future__ import annotations

from dataclasses import dataclass

from ..yamlpos import DataError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    severity: str        # "error" stops a merge and a release; "warning" only informs
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, "error", message)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, "warning", message)


def from_data_error(exc: DataError, path: str) -> Problem:
    """A DataError raised on an absolute path, reported with the repository-relative path."""
    return error(path, exc.line, exc.message)
