"""A content page as the checks see it: its front matter, and its body with file line numbers kept.

Every check reports `path:line`, so the body keeps the file's lines: the front matter lines are
blanked instead of cut off, and code is masked with spaces instead of removed.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import yaml

from ..yamlpos import DataError, Located, load_located, read_text
from .problems import Problem, error
from .yaml_words import yaml_mistake

# The same rule MkDocs uses (mkdocs.utils.meta): '---' on line 1, YAML, then '---' or '...'.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
OPENING_RE = re.compile(r"^-{3}[ \t]*(?:\n|$)")
UNCLOSED_RE = re.compile(r"\n[ \t]*\n#{1,6} ")     # a blank line, then a Markdown heading
YAML_PROBLEM_RE = re.compile(r"^this is not valid YAML \((.*)\)$", re.S)
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


@dataclass
class Page:
    path: str              # relative to the repository, e.g. docs/sv/heder.md
    lang: str              # the language folder
    rel: str               # below the language folder, e.g. heder.md
    text: str
    meta: dict | None      # None when the front matter is missing or broken
    located: Located | None
    body: str              # front matter blanked, same line numbers as the file
    code_masked: str       # body with fenced code and code spans turned into spaces
    front: str = ""        # the front matter as written, '---' lines included

    def meta_line(self, *keys) -> int:
        # Located lines count from the YAML text, which starts on the file's line 2.
        return self.located.line(*keys) + 1 if self.located else 1


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter YAML or None, the rest), exactly as MkDocs splits them."""
    text = text.lstrip("\ufeff")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def mask(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping newlines so lines stay where they are."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def mask_pattern(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def mask_code(body: str) -> str:
    """Fenced code blocks and `code spans` shown as code are not page text or HTML."""
    out, fence = [], None
    for line in body.split("\n"):
        opening = FENCE_RE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            out.append(" " * len(line))
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append(" " * len(line))
        else:
            out.append(CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def load_page(root: str, path: str, lang: str, rel: str) -> tuple[Page | None, list[Problem]]:
    """Read and split one page; unreadable text or broken front matter become problems."""
    try:
        text = read_text(f"{root}/{path}")
    except DataError as exc:
        return None, [error(path, exc.line, exc.message)]
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    yaml_text, rest = split_front_matter(text)
    problems, meta, located, problem = [], None, None, None
    if yaml_text is not None:
        located, problem = parse_front_matter(yaml_text, path)
    if OPENING_RE.match(text) and (yaml_text is None or (problem and UNCLOSED_RE.search(yaml_text))):
        # No closing '---' (or only a '---' rule further down the page, so the "front matter"
        # holds the page's headings). MkDocs would show these lines to visitors as text.
        # Blanking the likely keys keeps the other checks from reporting them again.
        problems.append(error(path, 1, "the front matter that starts on line 1 is never closed: add a line "
                                       "with only --- after the last key"))
        keys = _unclosed_length(text)
        body, front, located = "\n" * keys + "\n".join(text.split("\n")[keys:]), "", None
    elif yaml_text is None:
        body, front = text, ""
    else:
        front = text[:len(text) - len(rest)]
        body = "\n" * front.count("\n") + rest
        if problem:
            problems.append(problem)
        elif isinstance(located.data, dict):
            meta = located.data
        else:
            problems.append(error(path, 2, "the front matter must be 'key: value' lines "
                                           "(title, description, reviewed)"))
    page = Page(path, lang, rel, text, meta, located, body, mask_code(body), front)
    return page, problems


def _unclosed_length(text: str) -> int:
    """How many lines an unclosed front matter seems to have: up to a blank line or a heading."""
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines[1:], 1) if not line.strip() or line.startswith("#")), len(lines))


def parse_front_matter(yaml_text: str, path: str) -> tuple[Located | None, Problem | None]:
    try:
        return load_located(yaml_text, path), None
    except DataError as exc:
        found = YAML_PROBLEM_RE.match(exc.message)
        line, message = yaml_mistake(yaml_text, exc.line, found[1] if found else exc.message)
        return None, error(path, line + 1, message)
    except yaml.YAMLError as exc:
        # A tag (title: !x) fails only when the value is built, outside yamlpos' syntax errors.
        mark = getattr(exc, "problem_mark", None)
        line, message = yaml_mistake(yaml_text, mark.line + 1 if mark else 1, str(getattr(exc, "problem", exc)))
        return None, error(path, line + 1, message)
    except ValueError as exc:
        # PyYAML accepts the shape of an impossible date (2025-13-01), then fails to build it.
        return None, error(path, _bad_date_line(yaml_text), f"the front matter has a date that does not "
                                                            f"exist ({exc}); write dates as YYYY-MM-DD")


def _bad_date_line(yaml_text: str) -> int:
    for number, line in enumerate(yaml_text.split("\n"), start=2):
        found = re.search(r":\s*['\"]?(\d{4})-(\d{1,2})-(\d{1,2})\b", line)
        if found:
            try:
                dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return number
    return 2
