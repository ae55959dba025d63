"""Scaffold a new language: its interface texts, and the one entry to add to mkdocs.yml.

Usage: python -m scripts.new_language CODE [--name NAME]

Creates data/ui/CODE.yml (a copy of the Swedish texts, marked as untranslated on its first
line) and prints the exact entry to add under plugins > i18n > languages in mkdocs.yml. It never
edits mkdocs.yml (no script rewrites hand-edited files). Once the entry is added, the language
builds at once: every page is shown in Swedish with a notice, until it is translated.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

from helpsite.checks.texts import text_folders
from helpsite.contacts import texts_skeleton
from helpsite.site import RTL_CODES, load_site
from helpsite.ui import UNTRANSLATED_MARK
from helpsite.yamlpos import DataError

# The same rule as the i18n plugin: ISO 639-1, optionally with script and region (pt-BR).
CODE_RE = re.compile(r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$")


def own_name(code: str) -> str:
    """The language's name in its own language (Babel's CLDR data), e.g. 'suomi', 'Soomaali'."""
    try:
        from babel import Locale
        return Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    except Exception:  # noqa: BLE001 - unknown to CLDR: the editor passes --name
        return code


def entry(config_text: str, code: str, name: str, site_name: str) -> str:
    """The mkdocs.yml entry, indented like the languages already listed there."""
    indents = re.findall(r"^( *)- locale:", config_text, re.M)
    pad = indents[-1] if indents else " " * 8
    return (f"{pad}- locale: {code}\n{pad}  name: {name}\n{pad}  build: true\n"
            f"{pad}  site_name: {site_name}\n")


def scaffold_texts(root: str, code: str, codes: list[str]) -> list[tuple[str, bool]]:
    """Copy the default language's file in every per-language text folder (data/ui, data/ui/search,
    posters/strings, ...) to CODE.yml, marked untranslated; never overwrite an existing file."""
    done = []
    for folder in text_folders(root, codes):
        target = f"{folder}/{code}.yml"
        if os.path.exists(os.path.join(root, target)):
            done.append((target, False))
            continue
        with open(os.path.join(root, folder, f"{codes[0]}.yml"), encoding="utf-8") as fh:
            source = fh.read()
        with open(os.path.join(root, target), "w", encoding="utf-8") as fh:
            fh.write(f"{UNTRANSLATED_MARK}: copied from {codes[0]}.yml by scripts.new_language; translate "
                     f"every text into '{code}', then delete this line.\n" + source)
        done.append((target, True))
    return done


def scaffold_contact_texts(site, code: str) -> tuple[str, bool]:
    """data/contact-texts/CODE.yml: every service's words in the default language, marked
    untranslated (facts stay in data/contacts.yml); never overwrites."""
    target = os.path.join(site.contact_texts_dir, f"{code}.yml")
    shown = os.path.relpath(target, site.root).replace(os.sep, "/")
    if os.path.exists(target):
        return shown, False
    try:
        services = site.contacts()
    except (DataError, OSError):
        return shown, False          # the checks report the contacts file; nothing to copy from
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(f"{UNTRANSLATED_MARK}: the services' texts in {site.default.code}, by scripts.new_language; translate "
                 f"every text into '{code}' (keep ids, keys and numbers), then delete this line.\n"
                 + texts_skeleton(services, site.default.code))
    return shown, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.new_language", description=__doc__.splitlines()[0])
    parser.add_argument("code", help="language code, e.g. fi, so, fa, pt-BR")
    parser.add_argument("--name", help="the language's name in its own script (default: from Babel)")
    parser.add_argument("--root", default=".", help="the repository (default: here)")
    args = parser.parse_args(argv)

    config_path = os.path.join(args.root, "mkdocs.yml")
    try:
        site = load_site(config_path)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    default, where = site.default, f"mkdocs.yml:{site.language_lines.get(site.default.code, 1)}"
    if not CODE_RE.match(args.code):
        print(f"{where}: error: '{args.code}' is not a language code like fi, so or pt-BR", file=sys.stderr)
        return 1
    if args.code in site.codes:
        print(f"mkdocs.yml:{site.language_lines[args.code]}: error: '{args.code}' is already in mkdocs.yml",
              file=sys.stderr)
        return 1
    files = scaffold_texts(args.root, args.code, site.codes) + [scaffold_contact_texts(site, args.code)]
    with open(config_path, encoding="utf-8") as fh:
        text = entry(fh.read(), args.code, args.name or own_name(args.code), default.site_name)
    for path, created in files:
        print(f"Created {path}: a copy of {default.code}.yml, marked untranslated on its first line." if created
              else f"{path} already exists; it was left as it is.")
    print("\nAdd this entry to mkdocs.yml under plugins > i18n > languages, after the last language:\n")
    print(text)
    print("Then:")
    print(f"  1. Build (make site): every page appears under /{args.code}/ in {default.code}, with a notice.")
    print("  2. Translate the files above and the site_name, then delete each file's first line.")
    print(f"  3. Translate pages into docs/{args.code}/ with the same file names as docs/{default.code}/, and")
    print(f"     stamp each one: python -m scripts.translations stamp docs/{args.code}/<page>.md")
    print("  4. Before a translated page uses {{contact ...}} or {{phone ...}}, give every service in")
    print(f"     data/contacts.yml its '{args.code}' texts (name, purpose, ...). See CONTRIBUTING.md.")
    if args.code.split("-")[0] in RTL_CODES:
        print(f"  '{args.code}' is written right to left: the site sets dir=\"rtl\" for it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
