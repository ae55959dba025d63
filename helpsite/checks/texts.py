"""Interface texts: data/ui/<lang>.yml for every language, and every other per-language text folder.

A per-language text folder is any folder holding `<default>.yml` next to files of other listed
languages (today data/ui, data/ui/search, posters/strings). scripts.new_language copies each of
them for a new language, marked untranslated on the first line; the checks warn until that line
is gone. data/ui/<lang>.yml is checked in full (every key of the Swedish file, non-empty texts);
the other folders belong to their features, so here they are only read as YAML.
"""
from __future__ import annotations

import os

from ..ui import is_untranslated_copy, load_ui, own_keys
from ..yamlpos import DataError, load_located, read_text
from .problems import Problem, error, warning

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


def load_texts(root: str, site) -> tuple[dict, list[Problem]]:
    """data/ui/<lang>.yml of every language in mkdocs.yml (missing texts from each language's
    fallback, a warning naming them), and problems with any text file."""
    folder, texts, problems, codes = os.path.join(root, "data", "ui"), {}, [], site.codes
    for code in codes:
        try:
            chain = site.chain(code)
            texts[code] = load_ui(chain, folder)
            missing = [key for key in texts[code] if key not in own_keys(chain[0], folder)]
            if missing and len(chain) > 1:
                problems.append(warning(f"data/ui/{code}.yml", 1, f"{len(missing)} interface texts are not translated "
                                        f"yet and are shown in '{chain[1].code}': {', '.join(missing[:8])}"
                                        f"{' …' if len(missing) > 8 else ''}"))
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
    return is_untranslated_copy(path)


def check_service_texts(site, services: dict) -> list[Problem]:
    """One warning per language whose service texts are incomplete: those texts are shown in
    the fallback language, marked as not translated."""
    problems = []
    for lang in site.languages[1:]:
        lacking = sorted({s.id for s in services.values() for field in s.texts if lang.code not in s.texts[field]} |
                         {s.id for s in services.values() for p in s.phones if p.note and lang.code not in p.note})
        if lacking:
            problems.append(warning(f"data/contact-texts/{lang.code}.yml", 1,
                                    f"{len(lacking)} services lack '{lang.code}' texts, shown in "
                                    f"'{site.chain(lang.code)[1].code}' instead: {', '.join(lacking[:6])}"
                                    f"{' …' if len(lacking) > 6 else ''}"))
    return problems


def check_poster_texts(site) -> list[Problem]:
    from ..posters.build import languages_with_posters, strings_dir
    if not os.path.isdir(strings_dir(site)):
        return []                   # a site without posters
    have = {lang.code for lang in languages_with_posters(site)}
    return [warning(os.path.relpath(os.path.join(strings_dir(site), f"{lang.code}.yml"), site.root), 1,
                    f"'{lang.code}' has no translated poster texts, so no posters are made in it yet")
            for lang in site.languages if lang.code not in have]
