"""The help services in data/contacts.yml: load, validate, and look up by id.

Pages never type a phone number; they name a service by id and the build renders it from here,
so one change in the data file changes every page, card and poster.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .phone_numbers import NumberError, read_number
from .ui import is_untranslated_copy
from .yamlpos import DataError, load_located, read_text

READERS = ("children", "young", "adults", "older", "worried", "uses-violence",
           "professionals", "employees", "everyone")
TOPICS = ("close-relationships", "honour", "prostitution-trafficking", "sexual-violence", "any")
GROUPS = ("emergency", "national", "young", "local", "professionals")
TEXT_FIELDS = ("name", "purpose", "hours", "anonymity_note", "languages")
KEYS = set(TEXT_FIELDS) | {"id", "phones", "free", "on_phone_bill", "anonymous", "web", "chat",
                           "readers", "topics", "group", "sources", "checked"}
REQUIRED = ("id", "name", "purpose", "readers", "topics", "group", "sources", "checked")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECKED_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
WEB_RE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(?:/[A-Za-z0-9._~/-]*)?$")


@dataclass(frozen=True)
class Phone:
    # Both come from one parse of the written number (helpsite.phone_numbers), so what is
    # printed is what is dialled.
    display: str          # as shown, e.g. "020-50 50 50"
    tel: str              # for tel: links: E.164 (+4620505050) or a Swedish short number (112)
    note: dict
    written: str = ""     # as in the data file (texts files name the phone by it)


@dataclass(frozen=True)
class Service:
    id: str
    texts: dict           # field -> {lang: text}
    phones: tuple
    free: bool | None
    on_phone_bill: bool | None
    anonymous: bool | None
    web: str | None
    chat: bool
    readers: tuple
    topics: tuple
    group: str
    sources: tuple        # ({"url":..., "date":...}, ...)
    checked: str          # YYYY-MM or YYYY-MM-DD
    line: int             # where the entry starts in the data file

    def text(self, field: str, lang: str) -> str | None:
        return self.texts.get(field, {}).get(lang)

    def text_in(self, field: str, chain: list):
        """(text, Language) from the first language of `chain` that has one, or (None, None)."""
        return first_text(self.texts.get(field, {}), chain)

    def checked_date(self) -> dt.date:
        year, month, *day = (int(part) for part in self.checked.split("-"))
        return dt.date(year, month, day[0] if day else 1)


def tel_target(number: str) -> str | None:
    """The tel: target for a Swedish number as written, or None if it must not be published."""
    try:
        return read_number(number).tel
    except NumberError:
        return None


class _Entry:
    """Validation of one service entry, reporting every problem with its line."""

    def __init__(self, located, index, path, default_lang):
        self.loc, self.index, self.path, self.default = located, index, path, default_lang
        self.raw = located.data["services"][index]

    def fail(self, message, *keys):
        ident = self.raw.get("id") if isinstance(self.raw, dict) else None
        where = f"service '{ident}'" if ident else f"service #{self.index + 1}"
        raise DataError(self.path, self.loc.line("services", self.index, *keys), f"{where}: {message}")

    def text(self, key, required):
        value = self.raw.get(key)
        if value is None:
            if required:
                self.fail(f"'{key}' is missing", key)
            return None
        if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
            self.fail(f"'{key}' must map each language code to a text, e.g. {key}: {{sv: ..., en: ...}}", key)
        if self.default not in value:
            self.fail(f"'{key}' has no text in the default language '{self.default}'", key)
        return {lang: " ".join(text.split()) for lang, text in value.items()}

    def flag(self, key):
        value = self.raw.get(key)
        if value is not None and not isinstance(value, bool):
            self.fail(f"'{key}' must be true or false (or left out when not verified)", key)
        return value

    def choices(self, key, allowed):
        value = self.raw.get(key)
        if not isinstance(value, list) or not value:
            self.fail(f"'{key}' must be a list with at least one of: {', '.join(allowed)}", key)
        for i, item in enumerate(value):
            if item not in allowed:
                self.fail(f"'{key}' has unknown value '{item}'; use one of: {', '.join(allowed)}", key, i)
        return tuple(value)

    def phones(self):
        out = []
        for i, item in enumerate(self.raw.get("phones") or []):
            if not isinstance(item, dict) or not isinstance(item.get("number"), str):
                self.fail("each phone needs a 'number' written as text, e.g. number: \"020-50 50 50\"", "phones", i)
            try:
                parsed = read_number(item["number"])
            except NumberError as exc:
                self.fail(str(exc), "phones", i, "number")
            note = item.get("note")
            if note is not None and not isinstance(note, dict):
                self.fail("a phone 'note' must map each language code to a text", "phones", i, "note")
            out.append(Phone(parsed.display, parsed.tel, dict(note or {}), item["number"]))
        return tuple(out)

    def sources(self):
        value = self.raw.get("sources")
        if not isinstance(value, list) or not value:
            self.fail("'sources' must list at least one {url, date} where the facts were read", "sources")
        for i, src in enumerate(value):
            if not isinstance(src, dict) or not str(src.get("url", "")).startswith(("https://", "http://")):
                self.fail("each source needs a 'url' starting with https://", "sources", i)
            if "date" not in src:
                self.fail("each source needs the 'date' of the page (or \"undated\")", "sources", i)
        return tuple({"url": s["url"], "date": str(s["date"])} for s in value)

    def build(self) -> Service:
        if not isinstance(self.raw, dict):
            self.fail("each entry must be a mapping of keys (id, name, purpose, ...)")
        for key in self.raw:
            if key not in KEYS:
                self.fail(f"unknown key '{key}'; allowed keys: {', '.join(sorted(KEYS))}", key)
        for key in REQUIRED:
            if key not in self.raw:
                self.fail(f"'{key}' is missing")
        ident = self.raw["id"]
        if not isinstance(ident, str) or not ID_RE.match(ident):
            self.fail("'id' must be lowercase ASCII letters and digits joined by hyphens", "id")
        checked = str(self.raw["checked"])
        if not CHECKED_RE.match(checked):
            self.fail("'checked' must be a date like 2025-12 or 2025-12-01", "checked")
        web = self.raw.get("web")
        if web is not None and (not isinstance(web, str) or not WEB_RE.match(web)):
            self.fail("'web' must be a host and optional path without https://, e.g. bris.se", "web")
        if self.raw["group"] not in GROUPS:
            self.fail(f"'group' must be one of: {', '.join(GROUPS)}", "group")
        texts = {key: self.text(key, key in REQUIRED) for key in TEXT_FIELDS}
        return Service(
            id=ident, texts={k: v for k, v in texts.items() if v}, phones=self.phones(),
            free=self.flag("free"), on_phone_bill=self.flag("on_phone_bill"),
            anonymous=self.flag("anonymous"), web=web, chat=bool(self.flag("chat")),
            readers=self.choices("readers", READERS), topics=self.choices("topics", TOPICS),
            group=self.raw["group"], sources=self.sources(), checked=checked,
            line=self.loc.line("services", self.index),
        )


def parse_contacts(text: str, path: str, default_lang: str) -> dict:
    """Parse and validate the contacts file text; returns {id: Service} in file order."""
    located = load_located(text, path)
    if not isinstance(located.data, dict) or not isinstance(located.data.get("services"), list):
        raise DataError(path, 1, "the file must have a top-level 'services:' list")
    services: dict = {}
    for index in range(len(located.data["services"])):
        service = _Entry(located, index, path, default_lang).build()
        if service.id in services:
            raise DataError(path, service.line, f"service id '{service.id}' is used twice "
                            f"(first at line {services[service.id].line})")
        services[service.id] = service
    return services


def first_text(by_lang: dict, chain: list):
    """(text, Language) of the first language in `chain` that `by_lang` has a text for."""
    for lang in chain:
        if lang.code in by_lang:
            return by_lang[lang.code], lang
    return None, None


def load_contacts(path: str, default_lang: str, texts_dir: str | None = None) -> dict:
    """The services in `path`, with the texts of further languages from `texts_dir`/<code>.yml."""
    services = parse_contacts(read_text(path), path, default_lang)
    if texts_dir and os.path.isdir(texts_dir):
        for name in sorted(os.listdir(texts_dir)):
            path = os.path.join(texts_dir, name)
            if name.endswith(".yml") and not is_untranslated_copy(path):
                add_texts(services, path, name[:-4])
    return services


def add_texts(services: dict, path: str, code: str) -> None:
    """Merge one language's service texts (data/contact-texts/<code>.yml) into `services`.

    The file holds only words: `id: {name, purpose, hours, anonymity_note, languages,
    phone_notes: {number as written: note}}`. Facts stay in data/contacts.yml, so a translator
    can never change a number; every id, field and number must exist there already.
    """
    located = load_located(read_text(path), path)
    if located.data is None:
        return
    if not isinstance(located.data, dict):
        raise DataError(path, 1, "expected one entry per service id: 'id:' followed by its texts")
    for ident, fields in located.data.items():
        where = located.line(ident)
        service = services.get(ident)
        if service is None:
            raise DataError(path, where, f"unknown service id '{ident}' (see data/contacts.yml)")
        if not isinstance(fields, dict):
            raise DataError(path, where, f"'{ident}' must be followed by its texts (name: ..., purpose: ...)")
        for field, value in fields.items():
            line = located.line(ident, field)
            if field == "phone_notes":
                _add_notes(service, value, code, path, line)
                continue
            if field not in TEXT_FIELDS or field not in service.texts:
                raise DataError(path, line, f"service '{ident}' has no '{field}' to translate; "
                                            f"texts here: {', '.join(sorted(service.texts))}, phone_notes")
            if code in service.texts[field]:
                raise DataError(path, line, f"service '{ident}': '{field}' in '{code}' is also in data/contacts.yml; "
                                            f"keep it in one place")
            if not isinstance(value, str) or not value.strip():
                raise DataError(path, line, f"service '{ident}': '{field}' must be a non-empty text")
            service.texts[field][code] = " ".join(value.split())


def _add_notes(service, value, code: str, path: str, line: int) -> None:
    if not isinstance(value, dict):
        raise DataError(path, line, "'phone_notes' maps each number, as written in data/contacts.yml, to its note")
    for number, note in value.items():
        phone = next((p for p in service.phones if p.note and number in (p.written, p.display)), None)
        if phone is None:
            raise DataError(path, line, f"service '{service.id}' has no phone '{number}' with a note")
        if not isinstance(note, str) or not note.strip():
            raise DataError(path, line, f"service '{service.id}': the note for '{number}' must be a non-empty text")
        phone.note[code] = " ".join(note.split())


def is_stale(service: Service, today: dt.date, months: int = 12) -> bool:
    """True when the entry was last checked more than `months` months before `today`."""
    checked = service.checked_date()
    age = (today.year - checked.year) * 12 + (today.month - checked.month)
    return age > months or (age == months and today.day > checked.day)


def texts_skeleton(services: dict, source: str) -> str:
    """A texts file for a new language: every service's texts in the `source` language, to be
    translated in place (scripts.new_language writes it, marked untranslated)."""
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = []
    for service in services.values():
        out.append(f"{service.id}:")
        out += [f"  {field}: {quoted(service.texts[field][source])}" for field in TEXT_FIELDS if field in service.texts]
        notes = [(p.written, p.note[source]) for p in service.phones if source in p.note]
        if notes:
            out.append("  phone_notes:")
            out += [f"    {quoted(number)}: {quoted(note)}" for number, note in notes]
    return "\n".join(out) + "\n"
