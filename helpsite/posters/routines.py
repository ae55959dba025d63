"""Staff routines to print: per kind of workplace, an A4 routine ("if someone tells you …") and a
pocket card, in every site language, from posters/routines/<lang>.yml and the contacts data.

A language without its own routines file prints the default language's text, marked with that
language's `lang` (a visible fallback: never an empty or silently missing sheet). Numbers and
service names come from data/contacts.yml, so a changed number changes every routine.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from markupsafe import Markup

from ..ui import is_untranslated_copy
from ..yamlpos import DataError, file_stamp, load_located, read_text
from . import qr

FOLDER = ("posters", "routines")
STEPS = (3, 8)                 # a routine a person can take in at a glance
STEP_MAX = 110                 # characters: one printed line or two
KINDS = ("routine", "pocket")  # A4 sheet, A6 pocket card
QR_MM = {"routine": 30}          # the pocket card has no room for one: the A4 routine carries it
STAFF_PAGE = "personal/"


@dataclass(frozen=True)
class Routine:
    lang: object               # the site language it is printed for
    text_lang: object          # the language its text is in (the default one when it falls back)
    workplace: str             # key in the file: bibliotek, kulturskolan, ...
    title: str
    steps: tuple
    report: str
    numbers: tuple             # (name, number or web address, tel or None) from the contacts data


def _read(path: str, shown: str):
    located = load_located(read_text(path), shown)
    if not isinstance(located.data, dict) or not located.data:
        raise DataError(shown, 1, "expected one entry per workplace (bibliotek:, kulturskolan:, …)")
    return located


def _routine(located, shown, key, lang, text_lang, services, chain: list) -> Routine:
    item = located.data[key]
    where = located.line(key)
    if not isinstance(item, dict):
        raise DataError(shown, where, f"'{key}' needs title, steps, report and contacts")
    for field in ("title", "report"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise DataError(shown, located.line(key, field), f"'{key}' needs a text '{field}'")
    steps = item.get("steps")
    if not isinstance(steps, list) or not STEPS[0] <= len(steps) <= STEPS[1]:
        raise DataError(shown, located.line(key, "steps"), f"'{key}': 'steps' must list {STEPS[0]} to {STEPS[1]} lines")
    for i, step in enumerate(steps):
        if not isinstance(step, str) or not step.strip() or len(step) > STEP_MAX:
            raise DataError(shown, located.line(key, "steps", i),
                            f"'{key}': each step is a text of at most {STEP_MAX} characters")
    numbers = []
    for i, ident in enumerate(item.get("contacts") or []):
        service = services.get(ident)
        if service is None:
            raise DataError(shown, located.line(key, "contacts", i), f"'{ident}' is not a service in data/contacts.yml")
        name = service.text_in("name", [text_lang, *(lang for lang in chain if lang != text_lang)])[0]
        # A service without a verified number is printed with its web address, never with a guess.
        display = service.phones[0].display if service.phones else (service.web or "")
        numbers.append((name, display, service.phones[0].tel if service.phones else None))
    return Routine(lang, text_lang, key, item["title"].strip(), tuple(s.strip() for s in steps),
                   item["report"].strip(), tuple(numbers))


def all_routines(site) -> list[Routine]:
    """Every workplace's routine in every site language; DataError on a mistake in a file."""
    folder = site.path(*FOLDER)
    paths = {lang.code: os.path.join(folder, f"{lang.code}.yml") for lang in site.languages}
    key = ("routines", file_stamp(site.contacts_path), *(file_stamp(p) for p in paths.values()))
    return site.cached(key, lambda: _load(site, paths))


def _load(site, paths: dict) -> list[Routine]:
    default = site.default
    base_path = paths[default.code]
    base = _read(base_path, site.display(base_path))
    services = site.contacts()
    out = []
    for lang in site.languages:
        own = os.path.exists(paths[lang.code]) and not is_untranslated_copy(paths[lang.code])
        path = paths[lang.code] if own else base_path
        located = _read(path, site.display(path)) if own else base
        for key in base.data:
            if key not in located.data:
                raise DataError(site.display(path), 1, f"'{key}' is missing (every language has every workplace "
                                                       f"of {os.path.basename(base_path)})")
            out.append(_routine(located, site.display(path), key, lang, lang if own else default, services,
                                site.chain(lang.code)))
    return out


def qr_block(site_url: str | None, lang, kind: str, title: str) -> dict | None:
    if not site_url or kind not in QR_MM:
        return None
    url = site_url + lang.prefix + STAFF_PAGE
    return {"svg": Markup(qr.svg(url, QR_MM[kind], f"{title}: {url}")), "url": url,
            "address": url.removeprefix("https://").rstrip("/")}


def name(routine: Routine, kind: str) -> str:
    return f"{kind}-{routine.workplace}-{routine.lang.code}"
