"""Strict build that replaces the output folder only when the build succeeded.

A failed build (a broken link, an unknown contact id, bad data) leaves the previous site/ as it
was, so a good site never turns into a half-built one.

Usage: python -m scripts.build_site [--out site] [--config mkdocs.yml]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def build(out: str, config: str = "mkdocs.yml", env: dict | None = None) -> int:
    parent = os.path.dirname(os.path.abspath(out)) or "."
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".build-", dir=parent)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config, "-d", staging],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        )
        if result.returncode != 0:
            print(f"{out}: build failed; the previous output was left unchanged", file=sys.stderr)
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
