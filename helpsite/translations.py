"""Which version of the Swedish page a translation translates: fingerprint, status, stamp, notice.

A translated page records, in its front matter, a fingerprint of the Swedish text it was
translated from (`translation_source: sha256:...`). When the Swedish text changes, the
fingerprint no longer matches and the translation is *outdated*; a page that exists only in
Swedish is *missing* in the other languages. Only what a translator translates counts (title,
description, body); re-wrapping lines or changing the `reviewed` date does not outdate anything.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from html import escape

import yaml

from .checks.pages import split_front_matter
from .ui import text_html
from .yamlpos import read_text

KEY = "translation_source"
STAMP_RE = re.compile(r"^sha256:[0-9a-f]{16}$")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
STATUSES = ("current", "outdated", "missing")
NOTICE_KEYS = ("translation_missing_title", "translation_missing_text", "translation_outdated_title",
               "translation_outdated_text", "translation_outdated_link")


@functools.lru_cache(maxsize=1024)
def _meta(text: str) -> tuple[dict, str]:
    # Cached: the checks and the build ask for the same page's front matter many times (its stamp,
    # its date, its fingerprint for every language). Callers only read the dict.
    yaml_text, body = split_front_matter(text)
    try:
        meta = yaml.safe_load(yaml_text) if yaml_text else {}
    except (yaml.YAMLError, ValueError):
        meta, body = {}, text          # broken front matter: the whole file is what changed
    return (meta if isinstance(meta, dict) else {}), body


def normalise(text: str) -> str:
    """The translatable text of a page, with layout differences taken out."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _meta(unicodedata.normalize("NFC", text))
    parts = [str(meta.get("title", "")), str(meta.get("description", "")), COMMENT_RE.sub(" ", body)]
    return " ".join(" ".join(parts).split())


def fingerprint(text: str) -> str:
    """The stamp for a Swedish page's text: 16 hex digits of SHA-256 (collisions are not a risk here)."""
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def recorded_stamp(text: str) -> str | None:
    value = _meta(text)[0].get(KEY)
    return None if value is None else str(value)


def reviewed(text: str) -> str | None:
    value = _meta(text)[0].get("reviewed")
    return None if value is None else str(value)


def status(source_text: str, translated_text: str | None) -> str:
    """current | outdated | missing. A file that was never stamped is *missing*, not outdated:
    nobody has said it translates the Swedish page (it may be a copy with only its title changed)."""
    if translated_text is None:
        return "missing"
    recorded = recorded_stamp(translated_text)
    if recorded is None:
        return "missing"
    return "current" if recorded == fingerprint(source_text) else "outdated"


@dataclass(frozen=True)
class Translation:
    page: str                 # path below the language folder, e.g. heder.md
    lang: str
    status: str               # current | outdated | missing
    source_reviewed: str | None
    translator_reviewed: bool = False   # a qualified translator has checked it


def read(path: str) -> str:
    return read_text(path)          # a non-UTF-8 file raises DataError with its path and line


_read = read


def source_pages(docs_dir: str, default: str) -> list[str]:
    folder = os.path.join(docs_dir, default)
    found = [os.path.relpath(os.path.join(d, n), folder).replace(os.sep, "/")
             for d, _, names in os.walk(folder) for n in names if n.endswith(".md")]
    return sorted(found)


def table(docs_dir: str, codes: list[str]) -> list[Translation]:
    """The status of every Swedish page in every other language (codes[0] is the source)."""
    default, out = codes[0], []
    for page in source_pages(docs_dir, default):
        source = _read(os.path.join(docs_dir, default, page))
        for code in codes[1:]:
            path = os.path.join(docs_dir, code, page)
            translated = _read(path) if os.path.exists(path) else None
            checked = translated is not None and translator_reviewed(_meta(translated)[0])
            out.append(Translation(page, code, status(source, translated), reviewed(source), checked))
    return out


def stamp_text(text: str, stamp: str) -> str:
    """Set `translation_source` in the front matter, leaving every other line exactly as it was."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        raise ValueError("the page has no front matter (it must start with a line '---')")
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        raise ValueError("the front matter has no closing '---' line")
    newline = lines[0][len(lines[0].rstrip("\r\n")):] or "\n"
    new_line = f"{KEY}: {stamp}{newline}"
    for i in range(1, end):
        if re.match(rf"{KEY}\s*:", lines[i]):
            # Drop continuation lines of an old multi-line value, then put the stamp in its place.
            stop = i + 1
            while stop < end and lines[stop][:1] in (" ", "\t"):
                stop += 1
            return "".join(lines[:i] + [new_line] + lines[stop:])
    return "".join(lines[:end] + [new_line] + lines[end:])


def notice_html(state: str, ui: dict, lang: str, direction: str, source_reviewed: str | None,
                source_url: str, source_lang: str) -> str:
    """The note above a page whose translation is missing or outdated, in the reader's language.

    It carries its own lang/dir: on a missing page it sits inside content marked as Swedish.
    """
    if state == "missing":
        title, text = ui["translation_missing_title"], text_html(ui["translation_missing_text"])
    else:
        date = f'<bdi dir="ltr">{escape(source_reviewed or "?")}</bdi>'
        title = ui["translation_outdated_title"]
        text = (text_html(ui["translation_outdated_text"]).replace("{date}", date) +
                f' <a href="{escape(source_url)}" hreflang="{source_lang}">'
                f'{text_html(ui["translation_outdated_link"])}</a>')
    # data-pagefind-ignore: the notice is not part of what search should find.
    return (f'<div class="admonition warning translation-notice" role="note" lang="{lang}" dir="{direction}" '
            f'data-translation="{state}" data-pagefind-ignore><p class="admonition-title">{text_html(title)}</p>'
            f'<p>{text}</p></div>\n')


REVIEW_KEY = "translator_reviewed"     # front matter: the date a qualified translator checked the page


def translator_reviewed(meta: dict) -> bool:
    """Has a qualified translator checked this translation? (`translator_reviewed: YYYY-MM-DD`)"""
    return bool(str(meta.get(REVIEW_KEY) or "").strip())


def unreviewed_html(ui: dict, lang: str, direction: str) -> str:
    """The note above a translation no qualified translator has checked, in the reader's language."""
    # Short and quiet: it must not push the numbers to call further down the screen.
    return (f'<div class="review-note" role="note" lang="{lang}" dir="{direction}" data-translation="unreviewed" '
            f'data-pagefind-ignore><p><strong>{text_html(ui["unreviewed_title"])}.</strong> '
            f'{text_html(ui["unreviewed_text"])}</p></div>\n')
