"""The addresses a poster prints and encodes: the deployed site_url plus the language path.

The QR code holds the full address (scheme and all, so a phone opens it directly); the printed
address is the shortest form a person can type: no "https://", no trailing slash.
"""
from __future__ import annotations

from ..site import Language, normalise_site_url


def start_url(site_url: str, lang: Language) -> str:
    """The address a language's QR code encodes, e.g. https://stod.example.se/en/."""
    return normalise_site_url(site_url) + lang.prefix


def short_address(site_url: str, lang: Language) -> str:
    """The printed address, e.g. stod.example.se/en (http:// is kept: browsers would try https)."""
    url = start_url(site_url, lang).rstrip("/")
    return url.removeprefix("https://")
