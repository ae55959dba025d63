"""The addresses a poster prints and encodes: the deployed site_url plus the language path.

The QR code holds the full address (scheme and all, so a phone opens it directly); the printed
address is the shortest form a person can type: no "https://", no trailing slash.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..siteconfig import Language, language_prefix


class SiteUrlError(ValueError):
    """The site address is missing or is not an absolute http(s) address."""


def normalise_site_url(site_url: str | None) -> str:
    """site_url with exactly one trailing slash; raises SiteUrlError when unusable."""
    url = (site_url or "").strip()
    if not url:
        raise SiteUrlError("site_url is not set")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SiteUrlError(f"site_url '{url}' must be an absolute address like https://stod.example.se/")
    return url.rstrip("/") + "/"


def start_url(site_url: str, lang: Language) -> str:
    """The address a language's QR code encodes, e.g. https://stod.example.se/en/."""
    return normalise_site_url(site_url) + language_prefix(lang)


def short_address(site_url: str, lang: Language) -> str:
    """The printed address, e.g. stod.example.se/en (http:// is kept: browsers would try https)."""
    url = start_url(site_url, lang).rstrip("/")
    return url.removeprefix("https://")
