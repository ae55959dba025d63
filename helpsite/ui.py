"""Interface texts per language (data/ui/<lang>.yml and other per-language text folders).

A language's file may be incomplete while it is being translated: every text it lacks comes
from its fallback language (mkdocs.yml, the language's `extra: fallback:`, by default the
default language), and so on down the chain. A text taken from a language whose `lang` differs
from the page's is a `Borrowed` string: it knows its language, so the page can mark it
(`<span lang="sv">`) and never claims Swedish words are Finnish.
"""
from __future__ import annotations

import os
from html import escape

from .yamlpos import DataError, load_located, read_text

UNTRANSLATED_MARK = "# UNTRANSLATED"      # first line of a copy nobody has translated yet


class Borrowed(str):
    """A text from another language than the one asked for, with that language's lang and dir."""

    lang: str
    dir: str

    def __new__(cls, text: str, lang: str, direction: str):
        obj = super().__new__(cls, text)
        obj.lang, obj.dir = lang, direction
        return obj


def text_html(text: str) -> str:
    """A text as HTML: escaped, and wrapped in its own language when it is borrowed."""
    if isinstance(text, Borrowed):
        return f'<span lang="{text.lang}" dir="{text.dir}">{escape(text)}</span>'
    return escape(text)


def fill(text: str, **values: str) -> str:
    """`text` with its {placeholders} filled in, still marked with its language if borrowed."""
    out = text
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return Borrowed(out, text.lang, text.dir) if isinstance(text, Borrowed) else out


def is_untranslated_copy(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().startswith(UNTRANSLATED_MARK)
    except (OSError, UnicodeDecodeError):
        return False


def load_ui(chain: list, folder: str) -> dict:
    """The texts of `chain[0]` (a Language), each missing one taken from the next language in
    `chain` (ending with the default language, whose file holds every key)."""
    reference_path = os.path.join(folder, f"{chain[-1].code}.yml")
    if not os.path.exists(reference_path):
        raise DataError(reference_path, 1, "the default language's texts are missing")
    reference = read_texts(reference_path)
    wanted = chain[0]
    out: dict = {}
    for lang in chain:
        path = os.path.join(folder, f"{lang.code}.yml")
        if lang is not chain[-1] and (not os.path.exists(path) or is_untranslated_copy(path)):
            continue
        texts = reference if lang is chain[-1] else read_texts(path)
        for key in reference:
            if key in texts and key not in out:
                out[key] = texts[key] if lang.lang == wanted.lang else Borrowed(texts[key], lang.lang, lang.dir)
    return out


def own_keys(lang, folder: str) -> set:
    """The keys a language's own file has (none for a missing or untranslated copy)."""
    path = os.path.join(folder, f"{lang.code}.yml")
    if not os.path.exists(path) or is_untranslated_copy(path):
        return set()
    return set(read_texts(path))


def read_texts(path: str) -> dict:
    located = load_located(read_text(path), path)
    if located.data is None:
        return {}
    if not isinstance(located.data, dict):
        raise DataError(path, 1, "expected 'key: text' lines")
    for key, value in located.data.items():
        if not isinstance(value, str) or not value.strip():
            raise DataError(path, located.line(key), f"'{key}' must be a non-empty text")
    return located.data
