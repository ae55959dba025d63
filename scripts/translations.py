"""Translation status per language (current, outdated, missing), and stamping a translated page.

Usage:
  python -m scripts.translations status [--json]
  python -m scripts.translations stamp docs/en/heder.md [more pages...]
  python -m scripts.translations stamp --all en

`stamp` records, in the page's front matter, the fingerprint of the Swedish page it now
translates (`translation_source: sha256:...`). Run it after translating or checking a page;
it changes that one front-matter line and nothing else in the file.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from helpsite import translations
from helpsite.site import load_site
from helpsite.yamlpos import DataError


def _codes(root: str) -> list[str]:
    return load_site(os.path.join(root, "mkdocs.yml")).codes


def status(root: str, as_json: bool) -> int:
    codes = _codes(root)
    try:
        rows = translations.table(os.path.join(root, "docs"), codes)
    except DataError as exc:
        print(f"{os.path.relpath(exc.path, root)}:{exc.line}: error: {exc.message}", file=sys.stderr)
        return 1
    pages = sorted({row.page for row in rows})
    by = {(row.page, row.lang): row for row in rows}
    reviewed = {row.page: row.source_reviewed for row in rows}
    summary = {code: {**{s: sum(1 for r in rows if r.lang == code and r.status == s) for s in translations.STATUSES},
                      "translated": sum(1 for r in rows if r.lang == code and r.status != "missing"),
                      "reviewed": sum(1 for r in rows if r.lang == code and r.translator_reviewed)}
               for code in codes[1:]}
    if as_json:
        print(json.dumps({
            "source_language": codes[0],
            "pages": [{"page": page, "source_reviewed": reviewed.get(page),
                       "translations": {code: by[(page, code)].status for code in codes[1:]}} for page in pages],
            "summary": summary,
        }, indent=2, ensure_ascii=False))
        return 0
    width = max([len(p) for p in pages] + [4])
    print((f"{'page':<{width}}  " + "  ".join(f"{code:<8}" for code in codes[1:])).rstrip())
    for page in pages:
        print((f"{page:<{width}}  " + "  ".join(f"{by[(page, code)].status:<8}" for code in codes[1:])).rstrip())
    print(f"\nper language, of {len(pages)} pages (reviewed = checked by a qualified translator):")
    for code, counts in summary.items():
        print(f"{code}: " + ", ".join(f"{counts[s]} {s}" for s in ("translated", *translations.STATUSES, "reviewed")))
    return 0


def stamp(root: str, paths: list[str], all_lang: str | None) -> int:
    codes = _codes(root)
    default = codes[0]
    if all_lang:
        if all_lang not in codes[1:]:
            print(f"mkdocs.yml:1: error: '{all_lang}' is not a translated language here ({', '.join(codes[1:])})",
                  file=sys.stderr)
            return 1
        folder = os.path.join(root, "docs", all_lang)
        paths = [f"docs/{all_lang}/{page}" for page in translations.source_pages(os.path.join(root, "docs"), default)
                 if os.path.exists(os.path.join(folder, page))]
    failed = 0
    for path in paths:
        message = _stamp_one(root, path.replace(os.sep, "/"), codes)
        print(message, file=sys.stderr if ": error:" in message else sys.stdout)
        failed += ": error:" in message
    return 1 if failed else 0


def _stamp_one(root: str, path: str, codes: list[str]) -> str:
    rel_path = os.path.relpath(os.path.join(root, path), root).replace(os.sep, "/")
    parts = rel_path.split("/", 2)
    if len(parts) < 3 or parts[0] != "docs" or parts[1] not in codes[1:] or not rel_path.endswith(".md"):
        return (f"{path}:1: error: not a translated page; give a page below docs/<language>/ for one of: "
                f"{', '.join(codes[1:])}")
    source_path = os.path.join(root, "docs", codes[0], parts[2])
    if not os.path.exists(source_path):
        return f"{path}:1: error: there is no Swedish original docs/{codes[0]}/{parts[2]} to translate from"
    if not os.path.exists(os.path.join(root, path)):
        return f"{path}:1: error: the file does not exist; translate docs/{codes[0]}/{parts[2]} into it first"
    try:
        with open(source_path, encoding="utf-8") as fh:
            mark = translations.fingerprint(fh.read())
        # newline="" keeps the file's own line endings, so only the stamp line changes.
        with open(os.path.join(root, path), encoding="utf-8", newline="") as fh:
            before = fh.read()
        after = translations.stamp_text(before, mark)
    except UnicodeDecodeError:
        return f"{path}:1: error: the file (or its Swedish original) is not UTF-8 text; save it as UTF-8"
    except ValueError as exc:
        return f"{path}:1: error: {exc}"
    if after == before:
        return f"{path}: already current ({mark})"
    with open(os.path.join(root, path), "w", encoding="utf-8", newline="") as fh:
        fh.write(after)
    return f"{path}: stamped {mark} (translates docs/{codes[0]}/{parts[2]})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.translations", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="list current, outdated and missing translations")
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")
    mark = commands.add_parser("stamp", help="record that translated pages match the current Swedish text")
    mark.add_argument("paths", nargs="*")
    mark.add_argument("--all", metavar="LANG", help="stamp every existing page of this language")
    args = parser.parse_args(argv)
    if args.command == "stamp" and not args.paths and not args.all:
        parser.error("stamp needs page paths or --all LANG")
    try:
        if args.command == "status":
            return status(args.root, args.json)
        return stamp(args.root, args.paths, args.all)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
