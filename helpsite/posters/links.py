"""The addresses a poster prints and encodes: the deployed site_url plus the language path.

The QR code holds the full address (scheme and all, so a phone opens it directly); the printed
address is the shortest form a person can type: no "https://", no trailing slash.
"""
from __future__ import annotations

import re

from ..site import Language, normalise_site_url

# Where a printed address may go on to the next line: after a "/" (not inside "//") and before a
# "." (a line ending in "." reads like the end of a sentence). Never at a "-": a hyphen at the end
# of a line looks like a word divided in two, and a reader would leave it out.
BREAK_RE = re.compile(r"(?<=/)(?!/)|(?<=[^.])(?=\.)")
# A piece longer than this (a long host name) may itself break, at a hyphen or, failing that,
# anywhere: it would not fit the narrowest line (a card's, at the smallest size) in one piece.
PIECE_MAX = 24
# Above these lengths the printed address is set smaller (poster.css, .address--long and
# .address--longer), so a long real address takes at most a few lines and never spills.
LONG, LONGER = 30, 44


def start_url(site_url: str, lang: Language) -> str:
    """The address a language's QR code encodes, e.g. https://stod.example.se/en/."""
    return normalise_site_url(site_url) + lang.prefix


def short_address(site_url: str, lang: Language) -> str:
    """The printed address, e.g. stod.example.se/en (http:// is kept: browsers would try https)."""
    url = start_url(site_url, lang).rstrip("/")
    return url.removeprefix("https://")


def address_chunks(address: str) -> list[str]:
    """The pieces a printed address is broken into: 'a.se/stod-vid-vald/en' -> ['a', '.se/', 'stod-vid-vald/', 'en']."""
    return [chunk for chunk in BREAK_RE.split(address) if chunk]


def address_size(address: str) -> str:
    """'', 'long' or 'longer': which type size step poster.css gives the printed address."""
    return "longer" if len(address) > LONGER else "long" if len(address) > LONG else ""
