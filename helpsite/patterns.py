"""Patterns and tables that more than one module needs, defined once.

Reading a built page: its <html lang>, its CSP meta tag; telling a site path from an address with
a scheme; the name of a content-hashed asset; the content type of a file; and how to start the
system's Chromium (tests, benchmark).
"""
from __future__ import annotations

import re

# <html … lang="sv" …> of a built page.
HTML_LANG_RE = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
# The page's CSP meta tag as our template writes it: (before the policy)(the policy)(after).
CSP_META_RE = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.I)
# A URL that starts with a scheme (https:, tel:, mailto:, javascript:, …), not a path on the site.
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")      # group 1: the scheme
# A file name with a content hash before its extension (site.0123abcdef.css): cacheable for a year.
FINGERPRINTED = r"\.[0-9a-f]{8,}\.[a-z0-9.]+$"
FINGERPRINTED_RE = re.compile(FINGERPRINTED)

# Content types by extension (IIS refuses a file whose extension it does not know).
MIME = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
    ".ico": "image/x-icon", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf", ".gz": "application/gzip", ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
}

# Debian's Chromium, headless as root, with nothing that would call other hosts.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
