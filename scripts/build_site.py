"""Strict build that replaces the output folder only when the build succeeded.

A failed build (a broken link, an unknown contact id, bad data) leaves the previous site/ as it
was, so a good site never turns into a half-built one. The search index (Pagefind, one per
language) is built into the same staging folder, so a failed index also leaves the old site.
Between the two, helpsite/finishing.py removes the theme files no page loads and gives our CSS
and JS content-hashed names (long caching); a failure there leaves the old site too.

Usage: python -m scripts.build_site [--out site] [--config mkdocs.yml]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from helpsite.finishing import FinishingError, finish
from helpsite.search.index import SearchIndexError, build_index


def build(out: str, config: str = "mkdocs.yml", env: dict | None = None) -> int:
    parent = os.path.dirname(os.path.abspath(out)) or "."
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".build-", dir=parent)
    try:
        # No --quiet: in MkDocs 1.6 it hides warnings from --strict, so a broken link would pass.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", staging],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True,
        )
        # Show the warnings and errors, not MkDocs' INFO lines.
        for line in (result.stderr + result.stdout).splitlines():
            if line.strip() and not line.startswith("INFO"):
                print(line, file=sys.stderr)
        if result.returncode != 0:
            print(f"{out}: build failed; the previous output was left unchanged", file=sys.stderr)
            return 1
        try:
            # Before Pagefind: its bundle is hashed by Pagefind itself and must stay as it is.
            finish(staging)
        except (FinishingError, OSError) as exc:
            print(exc, file=sys.stderr)
            print(f"{out}: finishing the build failed; the previous output was left unchanged", file=sys.stderr)
            return 1
        try:
            build_index(staging)
        except SearchIndexError as exc:
            print(exc, file=sys.stderr)
            print(f"{out}: search index failed; the previous output was left unchanged", file=sys.stderr)
            return 1
        # Two renames: the old site stays whole until the new one is in place.
        old = None
        if os.path.exists(out):
            old = tempfile.mkdtemp(prefix=".old-", dir=parent)
            os.rmdir(old)
            os.rename(out, old)
        os.rename(staging, out)
        staging = None
        if old:
            shutil.rmtree(old, ignore_errors=True)
        return 0
    finally:
        if staging and os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="site")
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    return build(args.out, args.config)


if __name__ == "__main__":
    sys.exit(main())
