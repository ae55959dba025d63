"""Finishing touches on each built page: safe external links and a hash-based CSP."""
from __future__ import annotations

import base64
import hashlib
import re

EXTERNAL_A_RE = re.compile(r'<a\b([^>]*?)\bhref="(https?:|//)([^"]*)"([^>]*)>')
REL_RE = re.compile(r'\srel="([^"]*)"')
INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
CSP_PLACEHOLDER = "__CSP__"

# Everything comes from the site itself; nothing may be framed, posted or loaded from elsewhere.
CSP_BASE = ("default-src 'none'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'")


def secure_external_links(html: str) -> str:
    """Give every link to another site rel="noreferrer noopener" (keeping any other rel words)."""
    def fix(match):
        attrs = match.group(1) + match.group(4)
        rel = REL_RE.search(attrs)
        words = rel.group(1).split() if rel else []
        words += [w for w in ("noreferrer", "noopener") if w not in words]
        attrs = REL_RE.sub("", attrs)
        return f'<a{attrs.rstrip()} href="{match.group(2)}{match.group(3)}" rel="{" ".join(words)}">'
    return EXTERNAL_A_RE.sub(fix, html)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline script, so only these exact scripts may run."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
            for body in INLINE_SCRIPT_RE.findall(html)]


def content_security_policy(html: str) -> str:
    hashes = "".join(" " + h for h in script_hashes(html))
    return CSP_BASE.format(hashes=hashes)


def apply_csp(html: str) -> str:
    """Fill the page's CSP meta tag with a policy that allows exactly its own inline scripts."""
    return html.replace(CSP_PLACEHOLDER, content_security_policy(html), 1)
