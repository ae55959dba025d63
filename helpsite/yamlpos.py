"""Load YAML and remember the line of every value, so errors can say `path:line: message`."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml


class DataError(Exception):
    """An editor's mistake in a data or content file, reported as `path:line: message`."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: error: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Located:
    """Parsed YAML plus the 1-based line of each value, keyed by its path of keys/indexes."""

    data: object
    lines: dict = field(default_factory=dict)

    def line(self, *path) -> int:
        # Fall back to the nearest parent that has a line (a missing key reports its mapping).
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _convert(node, path, lines):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = key_node.value
            out[key] = _convert(value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines) for i, item in enumerate(node.value)]
    # Scalars: let PyYAML's safe constructor decide the type (bool, int, date, str).
    return _scalar(node)


def _scalar(node):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def load_located(text: str, path: str) -> Located:
    """Parse YAML text; a syntax error becomes a DataError with the file and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(path, line, f"this is not valid YAML ({problem})") from None
    if root is None:
        return Located(None, {(): 1})
    lines: dict = {}
    data = _convert(root, (), lines)
    return Located(data, lines)


def file_stamp(path: str) -> tuple:
    """What changes when a data file is edited: lets a long-running build (mkdocs serve) reread it."""
    try:
        stat = os.stat(path)
    except OSError:
        return (path, None)      # missing: the loader reports it with its path
    return (path, stat.st_mtime_ns, stat.st_size)


def read_text(path: str) -> str:
    """Read a UTF-8 file; a file in another encoding gets one clear message."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise DataError(path, 1, "this file is missing; restore it (git checkout -- FILE) or create it") from None
    except UnicodeDecodeError as exc:
        with open(path, "rb") as fh:
            line = fh.read()[: exc.start].count(b"\n") + 1
        raise DataError(path, line, "the file is not UTF-8 text; save it as UTF-8") from None
