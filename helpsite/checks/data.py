"""The contacts data: its schema (through helpsite.contacts) and its freshness.

A contact last checked more than 12 months ago is a warning while editing and an error for a
release: a stale number must never go out silently.
"""
from __future__ import annotations

import datetime as dt
import os

import yaml

from ..contacts import is_stale, load_contacts
from ..yamlpos import DataError
from .problems import Problem, error, warning


def _rel(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def load_services(root: str, default: str) -> tuple[dict | None, list[Problem]]:
    path = os.path.join(root, "data", "contacts.yml")
    try:
        return load_contacts(path, default, os.path.join(root, "data", "contact-texts")), []
    except DataError as exc:
        return None, [error(_rel(root, exc.path), exc.line, exc.message)]
    except OSError:
        return None, [error("data/contacts.yml", 1, "the contacts file is missing")]
    except ValueError as exc:
        # PyYAML accepts the shape of an impossible date (2025-13-01) and fails to build it.
        return None, [error("data/contacts.yml", 1, f"a date in the file does not exist ({exc})")]
    except yaml.YAMLError as exc:
        # A tag such as !x fails only when its value is built, after the syntax was read.
        mark = getattr(exc, "problem_mark", None)
        return None, [error("data/contacts.yml", mark.line + 1 if mark else 1,
                            f"this value cannot be read ({getattr(exc, 'problem', None) or exc}); "
                            f"a value that starts with ! must be in quotes")]


def check_freshness(services: dict, today: dt.date, release: bool) -> list[Problem]:
    problems = []
    for service in services.values():
        if is_stale(service, today):
            report = error if release else warning
            problems.append(report("data/contacts.yml", service.line,
                                   f"service '{service.id}' was last checked {service.checked}, more than "
                                   f"12 months ago; check its facts at its sources and update 'checked'"))
    return problems
