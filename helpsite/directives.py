"""Editor syntax for help services in Markdown, checked against the contacts data.

    {{contact ID}}   alone on a line: a contact card
    {{phone ID}}     inside a sentence: the service's main number as a phone link
    {{directory}}    alone on a line: every service, grouped (the help page)

Checking happens on the Markdown (so errors carry the page's line); rendering happens on the
HTML (so cards work inside admonitions and lists).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTIVE_RE = re.compile(r"\{\{\s*(?P<kind>[a-z]+)(?:\s+(?P<arg>[^\s}]+))?\s*\}\}")
KINDS = {"contact": True, "phone": True, "directory": False}   # kind -> takes an id


@dataclass(frozen=True)
class Directive:
    kind: str
    arg: str | None
    line: int


class DirectiveError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def find_directives(markdown: str) -> list[Directive]:
    """Every directive in the page with its line; a malformed one raises DirectiveError."""
    found = []
    for number, text in enumerate(markdown.splitlines(), start=1):
        for match in DIRECTIVE_RE.finditer(text):
            kind, arg = match["kind"], match["arg"]
            if kind not in KINDS:
                raise DirectiveError(number, f"unknown directive '{{{{{kind}}}}}'; use contact, phone or directory")
            if KINDS[kind] and not arg:
                raise DirectiveError(number, f"'{{{{{kind}}}}}' needs a service id, e.g. {{{{{kind} kvinnofridslinjen}}}}")
            if kind in ("contact", "directory") and text.strip() != match.group(0):
                raise DirectiveError(number, f"'{match.group(0)}' must stand alone on its own line")
            found.append(Directive(kind, arg, number))
    return found


def check_directives(markdown: str, services: dict) -> list[Directive]:
    """Check every id exists; raise DirectiveError on the first problem. (A text a service lacks in
    the page's language is shown from its fallback, marked; the checks warn about it per file.)"""
    directives = find_directives(markdown)
    for item in directives:
        if item.arg is None:
            continue
        service = services.get(item.arg)
        if service is None:
            raise DirectiveError(item.line, f"unknown service id '{item.arg}' (see data/contacts.yml)")
        if item.kind == "phone" and not service.phones:
            raise DirectiveError(item.line, f"service '{item.arg}' has no phone number; use {{{{contact {item.arg}}}}}")
    return directives
