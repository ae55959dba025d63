"""YAML mistakes in a page's front matter, in plain words with the line the editor wrote.

PyYAML names the place where it gave up, often a line after the mistake, in its own terms
("mapping values are not allowed here"). An editor needs the line they wrote and what to do.
"""
from __future__ import annotations

import re

KEY_LINE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
NOT_TEXT_START = "[]{}*&!|>%@`"     # a value starting with one of these is YAML syntax, not text


def yaml_mistake(yaml_text: str, line: int, problem: str) -> tuple[int, str]:
    """(line, plain words) for a YAML error in front matter; `line` counts from the YAML's first line."""
    lines = yaml_text.split("\n")
    parsed = [KEY_LINE_RE.match(text) for text in lines]
    line = min(max(line, 1), len(lines))      # PyYAML may point past the end of the text

    def at(number):                    # (key, value) of a 'key: value' line, 1-based
        match = parsed[number - 1] if 0 < number <= len(lines) else None
        return (match["key"], match["value"] or "") if match else (None, "")

    key, value = at(line)
    if "'\\t'" in problem:          # PyYAML: found character '\t' that cannot start any token
        return line, "use spaces, not tabs"
    if "mapping values are not allowed" in problem:
        if key and value[:1] not in ("'", '"') and (": " in value or value.endswith(":")):
            return line, f"put the {key} in quotes: a colon inside a {key} ends the {key}"
        if lines[line - 1][:1] in (" ", "\t") and lines[line - 1].strip():
            return line, "remove the spaces at the start of the line: each key starts at the beginning of its line"
        missing = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and ":" not in lines[n - 1]), None)
        if missing:
            return missing, "write a colon and a space after the key, e.g. 'title: ...'"
    for opening, closing in (("[", "]"), ("{", "}")):
        if f"or '{closing}'" in problem:
            start = next((n for n in range(line, 0, -1) if at(n)[1].startswith(opening)), None)
            if start:
                return start, _quote_it(at(start)[0], opening)
    unreadable = "cannot start any token" in problem or "but found '*'" in problem or "constructor for the tag" in problem
    if unreadable and key and value[:1] in NOT_TEXT_START:
        return line, _quote_it(key, value[0])
    if "end of stream" in problem or "quoted scalar" in problem:
        for number in range(1, min(line, len(lines)) + 1):
            name, text = at(number)
            if name and text[:1] in ("'", '"') and (len(text) < 2 or not text.endswith(text[0])):
                return number, f"the {name} opens a quote ({text[0]}) that is never closed: end the {name} with {text[0]}"
    if "found '<scalar>'" in problem and key and value[:1] in ("'", '"'):
        return line, f"put all of the {key} inside the quotes: nothing may follow the closing quote"
    return line, f"the front matter is not valid YAML ({problem})"


def _quote_it(key: str, first: str) -> str:
    return f"put the {key} in quotes: a {key} that starts with '{first}' is not read as text"
