"""LIX, the Swedish readability figure: words per sentence + the share of long words (over six letters).

LIX = words / sentences + 100 * long words / words. Roughly: under 30 very easy, 30-40 easy
(children's books, plain-language news), 40-50 ordinary newspaper text, over 50 hard.
Only Swedish pages are measured; the figure means nothing for other languages.
"""
from __future__ import annotations

import re

from .pages import Page, mask_pattern
from .problems import Problem, warning

NOT_TEXT = re.compile("|".join([
    r"\{\{[^}]*\}\}",                       # directives are replaced by cards (data, not prose)
    r"<!--.*?-->", r"<[^>]+>",              # HTML comments and tags
    r"\]\([^)]*\)", r"\]\[[^\]]*\]",        # link targets (the link text stays)
    r"^\s*\[[^\]]+\]:.*$",                  # reference definitions
    r"\{[:#.][^}]*\}",                      # attribute lists
    r"https?://\S+",
]), re.S | re.M)
# Lines that stand alone as a unit of reading even without a full stop.
UNIT_RE = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|!!!|\?\?\?|\|)")
ADMONITION_RE = re.compile(r'^\s*(?:!!!|\?\?\?)\+?\s*\w+(?:\s+"([^"]*)")?\s*$')
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A sentence ends at . ! ? or : followed by a space and a capital letter, or by the end of a unit;
# "t.ex. så" and "kl. 8" do not end a sentence.
CLOSERS = "\\s\"')”’»"
SENTENCE_END_RE = re.compile(rf"[.!?:]+(?=\s+[^\s\w]*[A-ZÅÄÖ]|[{CLOSERS}]*$)")
UNIT_END_RE = re.compile(rf"[.!?:][{CLOSERS}]*$")


def units(text: str) -> list[str]:
    """Paragraphs, headings, list items and table rows, as plain text."""
    out, current = [], []
    for line in text.split("\n"):
        admonition = ADMONITION_RE.match(line)
        if admonition or UNIT_RE.match(line) or not line.strip():
            if current:
                out.append(" ".join(current))
            current = []
            if admonition:
                out.append(admonition.group(1) or "")
                continue
            if not line.strip():
                continue
            line = re.sub(r"^\s*(?:#{1,6}|[-*+]|\d+[.)])\s", "", line)
        current.append(re.sub(r"[*_|>#]", " ", line).strip())
    if current:
        out.append(" ".join(current))
    return [unit for unit in (u.strip() for u in out) if WORD_RE.search(unit)]


def lix(text: str) -> tuple[float, int, int, int]:
    """(LIX, words, sentences, long words) of Markdown text."""
    words = sentences = long_words = 0
    for unit in units(text):
        found = WORD_RE.findall(unit)
        words += len(found)
        long_words += sum(1 for word in found if len(word.replace("-", "")) > 6)
        # A heading or list item without a full stop still ends where it ends.
        sentences += len(SENTENCE_END_RE.findall(unit)) + (0 if UNIT_END_RE.search(unit) else 1)
    if not words:
        return 0.0, 0, 0, 0
    return words / max(sentences, 1) + 100 * long_words / words, words, sentences, long_words


def page_lix(page: Page) -> float:
    return lix(mask_pattern(page.code_masked, NOT_TEXT))[0]


def check_readability(page: Page, limit: float) -> list[Problem]:
    value = page_lix(page)
    if value <= limit:
        return []
    return [warning(page.path, 1, f"readability: LIX {value:.0f} is above the limit {limit:g}; use shorter "
                                  f"sentences and shorter words (klarspråk)")]
