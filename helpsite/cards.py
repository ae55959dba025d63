"""HTML for help services: contact cards, inline phone links and the grouped directory."""
from __future__ import annotations

import re
from html import escape

from .contacts import GROUPS, READERS, TOPICS, first_text
from .ui import text_html as ui_html

PARA_CONTACT_RE = re.compile(r"<p>\s*\{\{\s*contact\s+([a-z0-9-]+)\s*\}\}\s*</p>")
PARA_DIRECTORY_RE = re.compile(r"<p>\s*\{\{\s*directory\s*\}\}\s*</p>")
PHONE_RE = re.compile(r"\{\{\s*phone\s+([a-z0-9-]+)\s*\}\}")
HEADING_RE = re.compile(r"<h([1-6])\b")


NUMBER_RUN_RE = re.compile(r"\+?\d(?:[\d\s\u2013-]*\d)?")


def ltr(text: str) -> str:
    """Numbers and addresses stay left-to-right and readable inside right-to-left text."""
    return f'<bdi dir="ltr">{escape(text)}</bdi>'


def text_html(text: str) -> str:
    """Escape a data text and isolate its digit runs (112, 21–06), so they read right in Arabic."""
    out, last = [], 0
    for match in NUMBER_RUN_RE.finditer(text):
        out += [escape(text[last:match.start()]), ltr(match.group(0))]
        last = match.end()
    return "".join(out) + escape(text[last:])


def fact_html(text: str, lang, chain: list, ui: dict) -> str:
    """A data text; one that comes from a fallback language is marked with its language and a
    short 'not translated', so a missing translation shows instead of silently dropping a fact."""
    if lang is None or lang.lang == chain[0].lang:
        return text_html(text)
    return (f'<span lang="{lang.lang}" dir="{lang.dir}">{text_html(text)}</span> '
            f'<span class="untranslated">({ui_html(ui["fact_untranslated"])})</span>')


def _field(service, field: str, chain: list, ui: dict) -> str | None:
    text, lang = service.text_in(field, chain)
    return None if text is None else fact_html(text, lang, chain, ui)


def phone_link(phone, ui: dict, with_label: bool = False) -> str:
    label = f'{ui_html(ui["call"])} ' if with_label else ""
    return f'<a class="tel" href="tel:{phone.tel}">{label}{ltr(phone.display)}</a>'


def _facts(service, chain: list, ui: dict) -> list[str]:
    facts = []
    hours = _field(service, "hours", chain, ui)
    if hours:
        facts.append(f'{ui_html(ui["hours"])}: {hours}')
    if service.free:
        facts.append(ui_html(ui["free"]))
    if service.on_phone_bill is False:
        facts.append(ui_html(ui["not_on_bill"]))
    note = _field(service, "anonymity_note", chain, ui)
    if service.anonymous is False:
        facts.append(" ".join(filter(None, (ui_html(ui["not_anonymous"]), note))))
    elif note or service.anonymous:
        # A note says more than the stock sentence (e.g. how anonymous), so it replaces it.
        facts.append(note or ui_html(ui["anonymous"]))
    languages = _field(service, "languages", chain, ui)
    if languages:
        facts.append(languages)
    if service.chat:
        facts.append(ui_html(ui["chat"]))
    if service.web:
        facts.append(f'{ui_html(ui["web"])}: <a href="https://{escape(service.web)}" rel="noreferrer noopener">'
                     f'{ltr(service.web)}</a>')
    return facts


def card(service, chain: list, ui: dict, level: int = 3, with_sources: bool = False) -> str:
    """One service as a card in `chain[0]`'s language (texts it lacks from the rest of `chain`);
    `level` is its heading level so the page outline stays in order."""
    level = min(max(level, 2), 6)
    parts = [f'<div class="contact" data-contact="{service.id}">',
             f'<h{level} class="contact__name">{_field(service, "name", chain, ui)}</h{level}>',
             f'<p class="contact__purpose">{_field(service, "purpose", chain, ui)}</p>']
    for phone in service.phones:
        text, lang = first_text(phone.note, chain)
        note = f' <span class="contact__note">{fact_html(text, lang, chain, ui)}</span>' if text else ""
        parts.append(f'<p class="contact__phone">{phone_link(phone, ui, with_label=True)}{note}</p>')
    facts = _facts(service, chain, ui)
    if facts:
        parts.append('<ul class="contact__facts">' + "".join(f"<li>{f}</li>" for f in facts) + "</ul>")
    if with_sources:
        links = ", ".join(
            f'<a href="{escape(s["url"])}" rel="noreferrer noopener">{ltr(_host(s["url"]))}</a> '
            f'({ltr(s["date"]) if s["date"] != "undated" else ui_html(ui["undated"])})'
            for s in service.sources)
        parts.append(f'<p class="contact__checked">{ui_html(ui["checked"])}: {ltr(service.checked)}. '
                     f'{ui_html(ui["sources"])}: {links}</p>')
    parts.append("</div>")
    return "".join(parts)


def _host(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def directory(services: dict, chain: list, ui: dict) -> str:
    """Every service grouped, then quick lists by reader and by kind of violence."""
    out = []
    for group in GROUPS:
        members = [s for s in services.values() if s.group == group]
        if not members:
            continue
        out.append(f'<h2 id="{group}">{ui_html(ui["group_" + group])}</h2>')
        out.extend(f'<section id="{s.id}" class="directory__item">{card(s, chain, ui, 3, with_sources=True)}</section>'
                   for s in members)
    for title, key, values, field in (("for_readers", "reader_", READERS, "readers"),
                                      ("for_topics", "topic_", TOPICS, "topics")):
        out.append(f'<h2 id="{field}">{ui_html(ui[title])}</h2>')
        for value in values:
            members = [s for s in services.values() if value in getattr(s, field)]
            if not members:
                continue
            links = "".join(f'<li><a href="#{s.id}">{_field(s, "name", chain, ui)}</a></li>' for s in members)
            out.append(f'<h3 id="{field}-{value}">{ui_html(ui[key + value])}</h3><ul>{links}</ul>')
    return "\n".join(out)


def render_html(html: str, services: dict, chain: list, ui: dict) -> str:
    """Replace the directives left in a page's HTML by cards, phone links and the directory, in
    `chain[0]`'s language (see site.chain)."""
    def contact(match):
        levels = HEADING_RE.findall(html, 0, match.start())
        return card(services[match[1]], chain, ui, int(levels[-1]) + 1 if levels else 2)

    html = PARA_DIRECTORY_RE.sub(lambda m: directory(services, chain, ui), html)
    html = PARA_CONTACT_RE.sub(contact, html)
    return PHONE_RE.sub(lambda m: phone_link(services[m[1]].phones[0], ui), html)
