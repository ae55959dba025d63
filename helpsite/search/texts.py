"""Texts of the search form per language, from data/ui/search/<lang>.yml."""
from __future__ import annotations

import os

from ..ui import load_ui
from ..yamlpos import DataError, load_located, read_text

# Number forms beyond 'one' and 'other' (Unicode CLDR plural categories); the browser picks one
# with Intl.PluralRules, and falls back to count_other when a language has no text for it.
EXTRA_COUNTS = ("count_zero", "count_two", "count_few", "count_many")
NEEDS_QUERY = ("none", "count_one", "count_other") + EXTRA_COUNTS
# 'one', 'two' and 'zero' may spell the number out ("En sida", "صفحتان"); the others cannot.
NEEDS_NUMBER = ("count_few", "count_many", "count_other")


def load_search_texts(lang: str, folder: str, source: str) -> dict:
    """The search texts for `lang` (data/ui/search/<lang>.yml), checked against the `source` language's
    keys; a missing, unknown or malformed key is a DataError."""
    texts = load_ui(lang, folder, source)
    path = os.path.join(folder, f"{lang}.yml")
    allowed = set(load_ui(source, folder, source)) | set(EXTRA_COUNTS)
    located = load_located(read_text(path), path)
    for key, value in texts.items():
        if key not in allowed:
            raise DataError(path, located.line(key), f"unknown search text '{key}'")
        if key in NEEDS_QUERY and "{q}" not in value:
            raise DataError(path, located.line(key), f"'{key}' must contain {{q}} (the words the visitor typed)")
        if key in NEEDS_NUMBER and "{n}" not in value:
            raise DataError(path, located.line(key), f"'{key}' must contain {{n}} (the number of pages)")
    return texts
