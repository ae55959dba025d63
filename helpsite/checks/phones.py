"""Phone numbers typed into pages. Every number must come from data/contacts.yml via {{phone id}},
so that one correction there fixes every page, card and poster, and no stale number hides in text.
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, shortnumberinfo

from ..contacts import tel_target
from .pages import Page, line_of, mask_pattern
from .problems import Problem, error

# Text that contains digits but is not a phone number: masked before matching.
NOT_PHONES = re.compile("|".join([
    r"\{\{[^}]*\}\}",                                   # directives: {{phone bris}}
    r"\]\([^)]*\)",                                     # Markdown link targets
    r"<[a-z][a-z0-9+.-]*:[^>\s]*>",                     # autolinks <https://...>
    r"\b(?:https?|mailto|tel):[^\s)\]>\"']+",           # bare addresses (tel: is reported separately)
    r"^\s*\[[^\]]+\]:\s*\S+",                           # reference link definitions
    r"\b(?:href|src)\s*=\s*(?:\"[^\"]*\"|'[^']*')",      # HTML addresses
    r"sha256:[0-9a-f]+",                                # translation stamps
    r"\b\d{4}-\d{2}(?:-\d{2})?\b",                      # dates 2025-07-01 and months 2025-07
    r"\b\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?\b",  # times and opening hours 08.00–17.00
]), re.M | re.I)
DIGIT_RUN_RE = re.compile(r"(?<![\w.,/-])\d+(?: \d+)*(?![\w/-]|[.,]\d)")
TEL_LINK_RE = re.compile(r"""(?:\]\(|href\s*=\s*["']?|<)\s*tel:([^)\s"'>]*)""", re.I)


def _short_number(digits: str) -> bool:
    # Swedish help and emergency short numbers all start with 11 (112, 1177, 114 14, 116 111);
    # other valid short numbers (220, 250, ...) are too often prices or counts to report.
    if not digits.startswith("11") or len(digits) > 6:     # no short number is longer than 6 digits
        return False
    number = phonenumbers.parse(digits, "SE")
    return shortnumberinfo.is_valid_short_number_for_region(number, "SE")


def find_phone_numbers(text: str) -> list[tuple[int, str]]:
    """(offset, number as written) for everything in the text that looks like a Swedish phone number."""
    masked = mask_pattern(text, NOT_PHONES)
    found = {m.start: m.raw_string for m in phonenumbers.PhoneNumberMatcher(masked, "SE", leniency=Leniency.POSSIBLE)}
    for match in DIGIT_RUN_RE.finditer(masked):
        # normalize_digits_only also reads Arabic-Indic digits (١١٢ is 112).
        if match.start() not in found and _short_number(phonenumbers.normalize_digits_only(match.group(0))):
            found[match.start()] = match.group(0)
    return sorted(found.items())


def _service_for(number: str, services: dict | None) -> str | None:
    target = tel_target(number)
    for service in (services or {}).values():
        if target and any(phone.tel == target for phone in service.phones):
            return service.id
    return None


def check_phones(page: Page, services: dict | None) -> list[Problem]:
    problems = []
    # Title and description are shown too, so the front matter is searched as well.
    text = page.front + page.code_masked[page.front.count("\n"):]
    for offset, number in find_phone_numbers(text):
        ident = _service_for(number, services)
        hint = (f"write {{{{phone {ident}}}}} instead" if ident else
                "add the service to data/contacts.yml and write {{phone id}}")
        problems.append(error(page.path, line_of(text, offset),
                              f"phone number '{number}' typed in the page; {hint}, so the number "
                              f"comes from the contacts data"))
    for match in TEL_LINK_RE.finditer(page.code_masked):
        problems.append(error(page.path, line_of(page.code_masked, match.start()),
                              f"a 'tel:{match.group(1)}' link typed in the page; write {{{{phone id}}}} "
                              f"with the service's id from data/contacts.yml instead"))
    return problems
