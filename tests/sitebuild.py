"""Build the real site once for a test session, and serve folders over HTTP on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from helpsite.checks.tree import address
from helpsite.site import NOT_SOURCE, load_site

ROOT = Path(__file__).resolve().parent.parent
# The site model of this repository: tests take languages, paths and data from it, never from a list.
SITE = load_site(str(ROOT / "mkdocs.yml"))
# A language the site does not have yet, for the recipes that add one (Babel knows its name).
NEW_CODE = next(code for code in ("fi", "et", "da", "pl", "de", "fr") if code not in SITE.codes)


def source_pages() -> list[str]:
    """Every page of the default language, below its folder ('index.md', 'personal/arkiv.md')."""
    folder = Path(SITE.docs_dir) / SITE.default.code
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def page_addresses(lang) -> list[str]:
    """URL path of every page a language's site has (translated or shown in the default language)."""
    return sorted("/" + lang.prefix + address(rel) for rel in source_pages())


def own_addresses(lang) -> list[str]:
    """URL paths of the pages a language has its own text for (its files below docs/<code>/)."""
    folder = Path(SITE.docs_dir) / lang.code
    return sorted("/" + lang.prefix + address(p.relative_to(folder).as_posix()) for p in folder.rglob("*.md")
                  if (Path(SITE.docs_dir) / SITE.default.code / p.relative_to(folder)).exists())


def sample_addresses() -> list[str]:
    """A few pages per language for the slower browser checks: its start page, its help page and
    one more of its own pages, a different one for each language (so together they cover many
    page types), plus one page it shows in the default language, if it has such a page.

    Which checks run on every page and which on this sample is said in README ("Tests")."""
    out = []
    for i, lang in enumerate(SITE.languages):
        own = own_addresses(lang)
        rest = [a for a in own if a not in ("/" + lang.prefix, "/" + lang.prefix + "hjalp/")]
        shown = [a for a in page_addresses(lang) if a not in own]
        out += ["/" + lang.prefix, "/" + lang.prefix + "hjalp/"] + _nth(rest, i) + _nth(shown, i)
    return list(dict.fromkeys(out))


def _nth(items: list, i: int) -> list:
    return [items[i % len(items)]] if items else []


def build_site(out: Path, **env: str) -> None:
    """Strict build of the repository's site into `out`; fails the test run on any error."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_site", "--out", str(out)],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"site build failed:\n{result.stdout}\n{result.stderr}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # Same privacy posture as the deployed server configs.
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class StaticServer:
    """A threaded HTTP server for one folder, on a free port of 127.0.0.1."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# What a copy of the repository for a build test leaves out (outputs, tools, history).
LEAVE_OUT = NOT_SOURCE | {"tests"}


def copy_repo(dest: Path, with_tests: bool = False) -> Path:
    """A buildable copy of the repository, for tests that change content or data."""
    dest.mkdir(parents=True)
    leave_out = LEAVE_OUT - ({"tests"} if with_tests else set())
    for entry in ROOT.iterdir():
        if entry.name not in leave_out and not entry.name.startswith(".build-"):
            (shutil.copytree if entry.is_dir() else shutil.copy)(entry, dest / entry.name)
    return dest


def built_pages(site: Path) -> list[str]:
    """URL paths of every built page (not the 404 page), e.g. '/', '/en/heder/'."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith("assets"):
            continue
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths
