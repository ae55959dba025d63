"""HTML for help services: contact cards, inline phone links and the grouped directory."""
from __future__ import annotations

import re
from html import escape

from .contacts import GROUPS, READERS, TOPICS

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


def phone_link(phone, ui: dict, with_label: bool = False) -> str:
    label = f'{escape(ui["call"])} ' if with_label else ""
    return f'<a class="tel" href="tel:{phone.tel}">{label}{ltr(phone.display)}</a>'


def _facts(service, lang: str, ui: dict) -> list[str]:
    facts = []
    if service.text("hours", lang):
        facts.append(f'{escape(ui["hours"])}: {text_html(service.text("hours", lang))}')
    if service.free:
        facts.append(escape(ui["free"]))
    if service.on_phone_bill is False:
        facts.append(escape(ui["not_on_bill"]))
    note = service.text("anonymity_note", lang)
    if service.anonymous is False:
        facts.append(text_html(" ".join(filter(None, (ui["not_anonymous"], note)))))
    elif note or service.anonymous:
        # A note says more than the stock sentence (e.g. how anonymous), so it replaces it.
        facts.append(text_html(note or ui["anonymous"]))
    if service.text("languages", lang):
        facts.append(text_html(service.text("languages", lang)))
    if service.chat:
        facts.append(escape(ui["chat"]))
    if service.web:
        facts.append(f'{escape(ui["web"])}: <a href="https://{escape(service.web)}" rel="noreferrer noopener">'
                     f'{ltr(service.web)}</a>')
    return facts


def card(service, lang: str, ui: dict, level: int = 3, with_sources: bool = False) -> str:
    """One service as a card; `level` is its heading level so the page outline stays in order."""
    level = min(max(level, 2), 6)
    parts = [f'<div class="contact" data-contact="{service.id}">',
             f'<h{level} class="contact__name">{text_html(service.text("name", lang))}</h{level}>',
             f'<p class="contact__purpose">{text_html(service.text("purpose", lang))}</p>']
    for phone in service.phones:
        note = f' <span class="contact__note">{text_html(phone.note[lang])}</span>' if phone.note else ""
        parts.append(f'<p class="contact__phone">{phone_link(phone, ui, with_label=True)}{note}</p>')
    facts = _facts(service, lang, ui)
    if facts:
        parts.append('<ul class="contact__facts">' + "".join(f"<li>{f}</li>" for f in facts) + "</ul>")
    if with_sources:
        links = ", ".join(
            f'<a href="{escape(s["url"])}" rel="noreferrer noopener">{ltr(_host(s["url"]))}</a> '
            f'({ltr(s["date"]) if s["date"] != "undated" else escape(ui["undated"])})'
            for s in service.sources)
        parts.append(f'<p class="contact__checked">{escape(ui["checked"])}: {ltr(service.checked)}. '
                     f'{escape(ui["sources"])}: {links}</p>')
    parts.append("</div>")
    return "".join(parts)


def _host(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def directory(services: dict, lang: str, ui: dict) -> str:
    """Every service grouped, then quick lists by reader and by kind of violence."""
    out = []
    for group in GROUPS:
        members = [s for s in services.values() if s.group == group]
        if not members:
            continue
        out.append(f'<h2 id="{group}">{escape(ui["group_" + group])}</h2>')
        out.extend(f'<section id="{s.id}" class="directory__item">{card(s, lang, ui, 3, with_sources=True)}</section>'
                   for s in members)
    for title, key, values, field in (("for_readers", "reader_", READERS, "readers"),
                                      ("for_topics", "topic_", TOPICS, "topics")):
        out.append(f'<h2 id="{field}">{escape(ui[title])}</h2>')
        for value in values:
            members = [s for s in services.values() if value in getattr(s, field)]
            if not members:
                continue
            links = "".join(f'<li><a href="#{s.id}">{text_html(s.text("name", lang))}</a></li>' for s in members)
            out.append(f'<h3 id="{field}-{value}">{escape(ui[key + value])}</h3><ul>{links}</ul>')
    return "\n".join(out)


def render_html(html: str, services: dict, lang: str, ui: dict) -> str:
    """Replace the directives left in a page's HTML by cards, phone links and the directory."""
    def contact(match):
        levels = HEADING_RE.findall(html, 0, match.start())
        return card(services[match[1]], lang, ui, int(levels[-1]) + 1 if levels else 2)

    html = PARA_DIRECTORY_RE.sub(lambda m: directory(services, lang, ui), html)
    html = PARA_CONTACT_RE.sub(contact, html)
    return PHONE_RE.sub(lambda m: phone_link(services[m[1]].phones[0], ui), html)
