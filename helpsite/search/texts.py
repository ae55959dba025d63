"""Texts of the search form per language, from data/ui/search/<lang>.yml."""
from __future__ import annotations

import os

from ..ui import is_untranslated_copy, load_ui, read_texts
from ..yamlpos import DataError, load_located, read_text

# Number forms beyond 'one' and 'other' (Unicode CLDR plural categories); the browser picks one
# with Intl.PluralRules, and falls back to count_other when a language has no text for it.
EXTRA_COUNTS = ("count_zero", "count_two", "count_few", "count_many")
NEEDS_QUERY = ("none", "count_one", "count_other") + EXTRA_COUNTS
# 'one', 'two' and 'zero' may spell the number out ("En sida", "صفحتان"); the others cannot.
NEEDS_NUMBER = ("count_few", "count_many", "count_other")


def load_search_texts(chain: list, folder: str) -> dict:
    """The search texts for `chain[0]` (data/ui/search/<code>.yml), missing ones from the languages
    after it in `chain`; an unknown or malformed key is a DataError. The number forms beyond
    'one' and 'other' are the language's own or none (another language's grammar does not fit)."""
    texts = load_ui(chain, folder)
    allowed = set(read_texts(os.path.join(folder, f"{chain[-1].code}.yml"))) | set(EXTRA_COUNTS)
    path = os.path.join(folder, f"{chain[0].code}.yml")
    if not os.path.exists(path) or is_untranslated_copy(path):
        return texts
    located = load_located(read_text(path), path)
    for key in located.data or {}:
        if key not in allowed:
            raise DataError(path, located.line(key), f"unknown search text '{key}'")
        if key in EXTRA_COUNTS:
            texts[key] = located.data[key]
    for key, value in texts.items():
        if key in NEEDS_QUERY and "{q}" not in value:
            raise DataError(path, located.line(key), f"'{key}' must contain {{q}} (the words the visitor typed)")
        if key in NEEDS_NUMBER and "{n}" not in value:
            raise DataError(path, located.line(key), f"'{key}' must contain {{n}} (the number of pages)")
    return texts
