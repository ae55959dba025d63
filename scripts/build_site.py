"""Checked, strict build that replaces the output folder only when the build succeeded.

The editors' checks run (the same as `make check`, printed the same way) while the engine builds
into a staging folder: any check error throws that folder away, so what the checks refuse is never
published; warnings are printed and the build goes on.
A failed build (a broken link, an unknown contact id, bad data) leaves the previous site/ as it
was, so a good site never turns into a half-built one. The search index (Pagefind, one per
language) is built into the same staging folder, so a failed index also leaves the old site.
Between the two, helpsite/finishing.py gives our CSS and JS content-hashed names (long caching);
a failure there leaves the old site too.

Usage: python -m scripts.build_site [--out site] [--config mkdocs.yml] [--release]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from helpsite import engine
from helpsite.checks.runner import Options, run_checks
from helpsite.finishing import FinishingError, finish
from helpsite.search.index import SearchIndexError, build_index
from helpsite.site import load_site
from helpsite.yamlpos import DataError


def checks_pass(root: str, release: bool = False) -> bool:
    """Run the editors' checks on the repository at `root`; print every problem; False on an error."""
    problems = run_checks(root, Options(release=release)).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        print(f"check: {errors} error(s), {len(problems) - errors} warning(s); fix the errors above "
              "(python -m scripts.check shows them again)", file=sys.stderr)
    return not errors


def _unchanged(out: str, what: str) -> int:
    print(f"{out}: {what}; the previous output was left unchanged", file=sys.stderr)
    return 1


def build(out: str, config: str = "mkdocs.yml", env: dict | None = None, release: bool = False) -> int:
    try:
        root = load_site(config).root
    except DataError as exc:
        print(exc, file=sys.stderr)
        return _unchanged(out, "not built")
    parent = os.path.dirname(os.path.abspath(out)) or "."
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".build-", dir=parent)
    try:
        # The engine builds into the staging folder while the checks run here (two cores, about
        # half the wait); a check error throws the staging folder away, so nothing the checks
        # refuse is ever published. No --quiet: in MkDocs 1.6 it hides warnings from --strict.
        engine_run = subprocess.Popen(
            [sys.executable, "-m", engine.NAME, "build", "--strict", "-f", config, "-d", staging],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        passed = False
        try:
            passed = checks_pass(root, release)
        finally:
            if not passed:
                engine_run.kill()
            engine_output, _ = engine_run.communicate()
        if not passed:
            return _unchanged(out, "not built")
        # Show the warnings and errors, not MkDocs' INFO lines.
        for line in engine_output.splitlines():
            if line.strip() and not line.startswith("INFO"):
                print(line, file=sys.stderr)
        if engine_run.returncode != 0:
            return _unchanged(out, "build failed")
        try:
            # Before Pagefind: its bundle is hashed by Pagefind itself and must stay as it is.
            finish(staging)
        except (FinishingError, OSError) as exc:
            print(exc, file=sys.stderr)
            return _unchanged(out, "finishing the build failed")
        try:
            build_index(staging)
        except SearchIndexError as exc:
            print(exc, file=sys.stderr)
            return _unchanged(out, "search index failed")
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
    parser.add_argument("--release", action="store_true", help="check as for a release (see scripts.check)")
    args = parser.parse_args(argv)
    return build(args.out, args.config, release=args.release)


if __name__ == "__main__":
    sys.exit(main())
