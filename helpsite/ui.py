"""Interface texts per language (data/ui/<lang>.yml): exit button, labels, notices."""
from __future__ import annotations

import os

from .yamlpos import DataError, load_located, read_text


def load_ui(lang: str, folder: str, source: str) -> dict:
    """The texts for `lang`; any key missing there is an error naming the file."""
    reference = _read(os.path.join(folder, f"{source}.yml"))
    path = os.path.join(folder, f"{lang}.yml")
    if not os.path.exists(path):
        raise DataError(path, 1, f"interface texts for '{lang}' are missing; copy {source}.yml and translate it")
    texts = _read(path)
    missing = [key for key in reference if key not in texts]
    if missing:
        raise DataError(path, 1, f"missing interface texts: {', '.join(missing)}")
    return texts


def _read(path: str) -> dict:
    located = load_located(read_text(path), path)
    if not isinstance(located.data, dict):
        raise DataError(path, 1, "expected 'key: text' lines")
    for key, value in located.data.items():
        if not isinstance(value, str) or not value.strip():
            raise DataError(path, located.line(key), f"'{key}' must be a non-empty text")
    return located.data
