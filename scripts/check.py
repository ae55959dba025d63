"""Content and data checks for editors: every problem as `path:line: error|warning: message`.

Usage: python -m scripts.check [--release] [--today YYYY-MM-DD] [--lix-limit N] [--lix] [--root DIR] [paths...]

Checks docs/ (front matter, page tree, slugs, phone numbers, unsafe HTML, images, headings, links
and anchors, contact directives, readability), data/contacts.yml and data/ui/*.yml. Exits 1 when
there is an error; warnings alone exit 0. With paths, only problems in those files or folders are
shown (the whole site is still read, so links between pages are checked correctly).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from helpsite.checks.runner import LIX_LIMIT, Options, run_checks


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31") from None


def _selected(path: str, wanted: list[str]) -> bool:
    return not wanted or any(path == w or path.startswith(w.rstrip("/") + "/") for w in wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="only show problems in these files or folders")
    parser.add_argument("--release", action="store_true",
                        help="a contact last checked more than 12 months ago is an error, not a warning")
    parser.add_argument("--today", type=_date, default=dt.date.today(), help="the date to check freshness against")
    parser.add_argument("--lix-limit", type=float, default=LIX_LIMIT,
                        help=f"warn when a Swedish page's LIX is above this (default {LIX_LIMIT})")
    parser.add_argument("--lix", action="store_true", help="also print the LIX figure of every Swedish page")
    parser.add_argument("--root", default=".", help="the repository to check (default: here)")
    args = parser.parse_args(argv)

    wanted = [os.path.relpath(os.path.join(os.getcwd(), p), os.path.abspath(args.root)).replace(os.sep, "/")
              for p in args.paths]
    result = run_checks(args.root, Options(today=args.today, release=args.release, lix_limit=args.lix_limit))
    shown = [p for p in result.problems if _selected(p.path, wanted)]
    for problem in shown:
        print(problem, file=sys.stderr)
    if args.lix:
        for path, value in sorted(result.lix.items()):
            print(f"{path}: LIX {value:.1f}")
    errors = sum(1 for p in shown if p.severity == "error")
    print(f"check: {errors} error(s), {len(shown) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
