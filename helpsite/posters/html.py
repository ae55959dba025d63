"""Poster HTML from the templates in posters/templates: the same HTML becomes the PDF (WeasyPrint)
and the printable page in the built site (the browser), so the two never drift apart.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass

import jinja2
from markupsafe import Markup

from . import qr
from . import routines as staff
from .content import PosterText
from .links import PIECE_MAX, address_chunks, address_size, short_address, start_url

POSTERS_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "posters"))
TEMPLATES_DIR = os.path.join(POSTERS_DIR, "templates")
CSS_FILE = "poster.css"
KINDS = ("a4", "a3", "strips", "cards")       # per language; plus one multilingual poster
MULTI = "multilingual"
# Printed width of the QR symbol (without its quiet zone) in mm. 25 mm is the floor the design
# asks for (cards keep 1 mm for printers that shrink a little); posters are read from further
# away, so their codes are larger. A3 is A4 times √2.
QR_SYMBOL_MM = {"a4": 50, "a3": 71, "strips": 36, "cards": 26}
STRIP_COUNT = 6                # poster.css lays out six strips across A4
CARD_COLUMNS, CARD_ROWS = 2, 5                 # 85 × 55 mm cards on A4, see poster.css
END_PUNCTUATION = (".", "!", "?", "؟", "…")
# The multilingual poster holds every language on one sheet. The first row that has room for the
# number of languages gives the sheet, the columns of the grid and the printed QR symbol (mm):
# one language per row while the codes can stay large, two columns beyond three languages, four
# on A3 beyond six. The poster tests lay out every row at its largest count and check that it fits.
# Thirteen or more languages would need a new row (sixteen do not fit four columns of A3).
MULTI_LAYOUTS = (
    # (at most this many languages, sheet, columns, QR symbol mm)
    (3, "a4", 1, 45),
    (6, "a4", 2, 32),
    (12, "a3", 4, 36),
)


@dataclass(frozen=True)
class MultiLayout:
    sheet: str            # "a4" or "a3" (poster.css: .poster--sheet-a3)
    columns: int          # poster.css: .langs--cols-N
    symbol_mm: float


@dataclass(frozen=True)
class Document:
    name: str             # file name without extension: "sv-a4", "ar-cards", "multilingual"
    kind: str
    lang: object          # site.Language of the document
    title: str
    html: str


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False)
    # macros.html prints addresses in pieces that may go on to the next line (links.py says where).
    env.globals.update(address_chunks=address_chunks, address_size=address_size, piece_max=PIECE_MAX)
    return env


def sentences(*parts: str) -> str:
    """Join short facts as sentences: 'Bris. Dygnet runt, alla dagar. Det är gratis.'"""
    return " ".join(p if p.endswith(END_PUNCTUATION) else p + "." for p in parts if p)


def _numbers(numbers) -> list[dict]:
    return [{**asdict(n), "facts_line": sentences(n.short, *n.facts)} for n in numbers]


def qr_block(t: PosterText, site_url: str | None, symbol_mm: float, scan_key: str = "scan") -> dict:
    """The QR code, the text beside it and the short address; empty without a site_url."""
    if not site_url:
        return {"svg": None, "address": None, "url": None, "scan": t.texts[scan_key]}
    url = start_url(site_url, t.lang)
    title = f"{t.texts['qr_title']}: {url}"
    return {"svg": Markup(qr.svg(url, symbol_mm, title)), "url": url,
            "address": short_address(site_url, t.lang), "scan": t.texts[scan_key]}


def _common(t: PosterText, kind: str, css: str, csp: str | None, back: dict | None, icon: str | None) -> dict:
    back_info = None
    if back and t.lang.code in back:
        back_info = {"href": back[t.lang.code], "text": t.texts["back"], "hint": t.texts["print_hint"]}
    return {"lang": t.lang, "kind": kind, "css": css, "csp": csp, "back": back_info, "icon": icon,
            "site_version": os.environ.get("SITE_VERSION", "")}


def language_documents(t: PosterText, site_url: str | None, css: str = CSS_FILE, csp: str | None = None,
                       back: dict | None = None, icon: str | None = None) -> list[Document]:
    """A4 and A3 posters, the tear-off sheet and the card sheet for one language."""
    env, docs = _env(), []
    for kind in KINDS:
        template = {"a4": "poster.html", "a3": "poster.html"}.get(kind, f"{kind}.html")
        title = f"{t.headline} – {t.texts['kind_' + kind]}"
        html = env.get_template(template).render(
            **_common(t, kind, css, csp, back, icon), title=title, t=t, numbers=_numbers(t.numbers),
            code=qr_block(t, site_url, QR_SYMBOL_MM[kind]), strip_count=STRIP_COUNT, columns=CARD_COLUMNS, rows=CARD_ROWS)
        docs.append(Document(f"{t.lang.code}-{kind}", kind, t.lang, title, html))
    return docs


def routine_documents(routines, site_url: str | None, css: str = CSS_FILE, csp: str | None = None,
                      back: dict | None = None, icon: str | None = None) -> list[Document]:
    """An A4 routine and an A6 pocket card per workplace and language (helpsite.posters.routines)."""
    env, docs = _env(), []
    for r in routines:
        for kind in staff.KINDS:
            back_info = back.get(r.lang.code) if back else None
            html = env.get_template("routine.html").render(
                lang=r.lang, kind=kind, css=css, csp=csp, back=back_info, icon=icon,
                site_version=os.environ.get("SITE_VERSION", ""), title=r.title, r=r,
                code=staff.qr_block(site_url, r.lang, kind, r.title))
            docs.append(Document(staff.name(r, kind), kind, r.lang, r.title, html))
    return docs


def multi_layout(count: int) -> MultiLayout:
    """The sheet, columns and QR size for `count` languages (MULTI_LAYOUTS)."""
    # Beyond the last row the largest layout is used; the fit check says if it no longer holds them.
    row = next((row for row in MULTI_LAYOUTS if count <= row[0]), MULTI_LAYOUTS[-1])
    return MultiLayout(*row[1:])


def distinct_headlines(texts: list[PosterText]) -> list[PosterText]:
    """The first language with each headline: an edition (or a language without a site_name of its
    own) shares its headline with another, and the poster prints each headline once."""
    seen, out = set(), []
    for t in texts:
        if t.headline not in seen:
            seen.add(t.headline)
            out.append(t)
    return out


def multilingual_document(texts: list[PosterText], site_url: str | None, css: str = CSS_FILE,
                          csp: str | None = None, back: dict | None = None, icon: str | None = None) -> Document:
    """One sheet with a QR code per language, each labelled in its own language and script."""
    first = texts[0]      # the default language: the document's own language and title
    layout = multi_layout(len(texts))
    cells = [{"lang": t.lang, "code": qr_block(t, site_url, layout.symbol_mm, "multi_scan")} for t in texts]
    title = f"{first.headline} – {first.texts['kind_multi']}"
    html = _env().get_template("multi.html").render(
        **_common(first, MULTI, css, csp, back, icon), title=title, cells=cells, layout=layout,
        headlines=distinct_headlines(texts))
    return Document(MULTI, MULTI, first.lang, title, html)
