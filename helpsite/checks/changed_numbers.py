"""A phone number that changes needs its entry's 'checked' date and one of its sources to change too.

A wrong digit sends a person in danger to a stranger, and a truncated number is often still a
possible one (free-phone numbers have 6 to 9 digits), so no format check can tell. What can be
required is that whoever changes a number also says where they read it and when.

The previous numbers come from the last commit (`git show HEAD:data/contacts.yml`): it is the
state before this edit, it is in every checkout without a network, and it needs no branch name.
A copy without git history (a zip) cannot compare: one warning says so.
"""
from __future__ import annotations

import os
import re

from ..contacts import tel_target
from ..gitfiles import NoHistory, committed_text
from ..yamlpos import DataError, load_located, read_text
from .problems import Problem, error, warning

PATH = "data/contacts.yml"
def check_changed_numbers(root: str) -> list[Problem]:
    try:
        current = load_located(read_text(os.path.join(root, PATH)), PATH)
    except (OSError, DataError, ValueError):
        return []            # reported by the contacts check
    try:
        old_text = committed_text(root, PATH)
    except NoHistory as exc:
        return [_cannot_compare(str(exc))]
    if old_text is None:
        return [_cannot_compare("the file is not in the last commit yet")]
    try:
        before = {entry.get("id"): entry for entry in _entries(load_located(old_text, PATH).data)}
    except (DataError, ValueError):
        return [_cannot_compare("the committed file is not valid YAML")]
    problems = []
    for index, entry in enumerate(_entries(current.data)):
        old = before.get(entry.get("id"))
        if old is None:
            continue         # a new service: its sources and date are required anyway
        old_keys = {_key(number) for _, number in _numbers(old)}
        changed = [(j, number) for j, number in _numbers(entry) if _key(number) not in old_keys]
        missing = []
        if str(entry.get("checked")) == str(old.get("checked")):
            missing.append("'checked'")
        if not _sources(entry) - _sources(old):
            missing.append("a source (its url or date)")
        if not changed or not missing:
            continue
        new_keys = {_key(number) for _, number in _numbers(entry)}
        gone = [number for _, number in _numbers(old) if _key(number) not in new_keys]
        for j, number in changed:
            was = f" (it was '{gone[0]}')" if len(gone) == 1 else ""
            problems.append(error(PATH, current.line("services", index, "phones", j, "number"),
                                  f"service '{entry.get('id')}': phone '{number}' is new or changed since the "
                                  f"last commit{was}, but {' and '.join(missing)} did not change; confirm the "
                                  f"number at its source, then update 'checked' and that source in the same "
                                  f"change"))
    return problems


def _cannot_compare(why: str) -> Problem:
    return warning(PATH, 1, f"could not compare the phone numbers with the last commit ({why}); a changed "
                            f"number was not checked for a new 'checked' date and source")


def _entries(data) -> list[dict]:
    services = data.get("services") if isinstance(data, dict) else None
    return [entry for entry in services or [] if isinstance(entry, dict)]


def _numbers(entry: dict) -> list[tuple[int, str]]:
    phones = entry.get("phones")
    return [(j, str(item["number"])) for j, item in enumerate(phones if isinstance(phones, list) else [])
            if isinstance(item, dict) and "number" in item]


def _key(number: str) -> str:
    # What is dialled: writing the same number with other spaces or dashes is not a change.
    return tel_target(number) or re.sub(r"\s+", " ", number.strip())


def _sources(entry: dict) -> set:
    sources = entry.get("sources")
    return {(str(s.get("url")), str(s.get("date"))) if isinstance(s, dict) else str(s)
            for s in (sources if isinstance(sources, list) else [])}
