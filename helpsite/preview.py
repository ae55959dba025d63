"""The editors' preview: the same checks as `make check`, an in-process build of the chosen
languages, a local HTTP server, and a browser that reloads itself after every save.

Why not `mkdocs serve`: it rebuilds every language on each save (seconds, growing with each
language), shows nothing in the browser when a build fails (the request hangs), and never runs
our checks. Here a failed check or build shows its `path:line` messages as the page itself, and
the next good save brings the site back.
"""
from __future__ import annotations

import html
import http.server
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field

from . import engine  # noqa: F401  - before any mkdocs import
from .checks.runner import Options, run_checks
from .site import Site, load_site
from .yamlpos import DataError

WATCHED = ("docs", "data", "overrides", "posters")
RELOAD_PATH = "/__preview__/reload.js"
VERSION_PATH = "/__preview__/version"
# Asks for the build number every 200 ms and reloads when it changes (a new build or a new error).
RELOAD_JS = """(function () {
  var seen = null;
  function poll() {
    fetch("VERSION_PATH", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); return; }
      seen = v; setTimeout(poll, 200);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace("VERSION_PATH", VERSION_PATH)


def snapshot(root: str, config_path: str) -> dict:
    """{path: (mtime, size)} of every file a build reads, to notice a save."""
    found = {}
    for top in WATCHED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    stat = os.stat(config_path)
    found[config_path] = (stat.st_mtime_ns, stat.st_size)
    return found


class _Collect(logging.Handler):
    """MkDocs reports warnings through logging; the preview shows them like the build prints them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def build_languages(site: Site, codes: list[str] | None, out: str) -> list[str]:
    """Strict in-process build of `codes` (all when None) into `out`; returns error lines ([] = built)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(site.config_path, site_dir=out, strict=True)
        for lang in config.plugins["i18n"].config.languages:
            # A preview of some languages: the others are not built (their links lead to 404).
            lang.build = codes is None or lang.locale in codes
        build(config)
        return []
    except (MkDocsException, DataError, OSError) as exc:     # MkDocs' Abort (strict warnings) included
        return handler.lines + [str(exc)]
    finally:
        logger.removeHandler(handler)


@dataclass
class Preview:
    """What the server shows: the folder of the last good build, or the messages of a failed one."""
    config_path: str
    codes: list[str] | None
    folder: str | None = None
    errors: list[str] = field(default_factory=list)
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        errors, out = [], None
        try:
            site = load_site(self.config_path)
            # The same checks as make check, on the languages being previewed (all by default).
            problems = run_checks(site.root, Options(languages=self.codes)).problems
            errors = [str(p) for p in problems if p.severity == "error"]
            if not errors:
                out = tempfile.mkdtemp(prefix="preview-")
                errors = build_languages(site, self.codes, out)
        except DataError as exc:
            errors = [str(exc)]
        with self.lock:
            old = self.folder
            if not errors:
                self.folder, self.errors = out, []
            else:
                self.errors = errors
                old = out              # keep the last good build; drop the failed one
            self.version += 1
        if old:
            shutil.rmtree(old, ignore_errors=True)


def error_page(errors: list[str]) -> str:
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    return ("<!doctype html><html lang=en><meta charset=utf-8><title>Build error – preview</title>"
            "<body style='font:16px/1.5 system-ui;max-width:60rem;margin:2rem auto;padding:0 1rem'>"
            "<h1>The site was not built</h1><p>Fix these and save; this page reloads by itself.</p>"
            f"<ul>{items}</ul><script src='{RELOAD_PATH}'></script></body></html>")


def handler_for(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            with preview.lock:
                self.directory = preview.folder or tempfile.gettempdir()
            return super().translate_path(path)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == VERSION_PATH:
                return self._send(200, "text/plain", str(preview.version))
            if path == RELOAD_PATH:
                return self._send(200, "text/javascript", RELOAD_JS)
            with preview.lock:
                errors = list(preview.errors)
            if errors:
                return self._send(500, "text/html; charset=utf-8", error_page(errors))
            if path.endswith("/") or path.endswith(".html"):
                file = self.translate_path(path)
                file = os.path.join(file, "index.html") if os.path.isdir(file) else file
                if os.path.isfile(file):
                    with open(file, encoding="utf-8") as fh:
                        page = fh.read()
                    tag = f'<script src="{RELOAD_PATH}" defer></script></body>'
                    return self._send(200, "text/html; charset=utf-8", page.replace("</body>", tag, 1))
            return super().do_GET()

        def _send(self, status: int, kind: str, body: str):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return Handler
