"""Interface texts: data/ui/<lang>.yml for every language, and every other per-language text folder.

A per-language text folder is any folder holding `<default>.yml` next to files of other listed
languages (today data/ui, data/ui/search, posters/strings). scripts.new_language copies each of
them for a new language, marked untranslated on the first line; the checks warn until that line
is gone. data/ui/<lang>.yml is checked in full (every key of the Swedish file, non-empty texts);
the other folders belong to their features, so here they are only read as YAML.
"""
from __future__ import annotations

import os

from ..ui import load_ui
from ..yamlpos import DataError, load_located, read_text
from .problems import Problem, error, warning

UNTRANSLATED_MARK = "# UNTRANSLATED"      # first line written by scripts.new_language
SKIP = {"docs", "site", "build", "dist", "node_modules", "tests", "overrides", "helpsite", "scripts"}


def text_folders(root: str, codes: list[str]) -> list[str]:
    """Repository-relative folders that hold one YAML text file per language."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and
                             not (rel == "." and d in SKIP))
        if f"{codes[0]}.yml" in filenames and any(f"{code}.yml" in filenames for code in codes[1:]):
            found.append(rel)
    return found


def load_texts(root: str, codes: list[str]) -> tuple[dict, list[Problem]]:
    """data/ui/<lang>.yml of every language in mkdocs.yml, and problems with any text file."""
    folder, texts, problems = os.path.join(root, "data", "ui"), {}, []
    for code in codes:
        try:
            texts[code] = load_ui(code, folder, codes[0])
        except DataError as exc:
            problems.append(error(os.path.relpath(exc.path, root).replace(os.sep, "/"), exc.line, exc.message))
            if os.path.basename(exc.path) == f"{codes[0]}.yml":
                break            # the reference file itself is broken: every language would repeat it
        except ValueError as exc:     # an impossible date such as 2025-13-01
            problems.append(error(f"data/ui/{code}.yml", 1, f"a value could not be read ({exc})"))
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        code = name[:-4]
        if name.endswith(".yml") and code not in codes:
            problems.append(warning(f"data/ui/{name}", 1, f"'{code}' is not in mkdocs.yml yet; run python -m "
                                                          f"scripts.new_language {code} to see the entry to add"))
    return texts, problems


def check_other_files(root: str, codes: list[str]) -> list[Problem]:
    """Every other YAML file under data/ and in text folders: readable, valid YAML; untranslated copies."""
    problems, seen = [], {"data/contacts.yml"} | {f"data/ui/{code}.yml" for code in codes}
    folders = text_folders(root, codes)
    paths = [f"{folder}/{name}" for folder in folders for name in sorted(os.listdir(os.path.join(root, folder)))
             if name.endswith(".yml")]
    for dirpath, _, filenames in os.walk(os.path.join(root, "data")):
        paths += [os.path.relpath(os.path.join(dirpath, n), root).replace(os.sep, "/") for n in filenames
                  if n.endswith((".yml", ".yaml"))]
    for path in sorted(set(paths)):
        if _untranslated(os.path.join(root, path)):
            problems.append(warning(path, 1, "these texts are still an untranslated copy; translate them, "
                                             "then delete the first line"))
        if path in seen:
            continue
        try:
            load_located(read_text(os.path.join(root, path)), path)
        except DataError as exc:
            problems.append(error(path, exc.line, exc.message))
        except ValueError as exc:
            problems.append(error(path, 1, f"a value could not be read ({exc})"))
    return problems


def _untranslated(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().startswith(UNTRANSLATED_MARK)
    except (OSError, UnicodeDecodeError):
        return False
