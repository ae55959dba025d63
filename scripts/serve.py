"""Preview the site while editing: checks, build, serve, and rebuild and reload on every save.

Usage: python -m scripts.serve [--port 8000] [--langs sv,en] [--config mkdocs.yml]

`make serve` runs this (`make serve PORT=8123 LANGS=sv`). With --langs only those languages are
built, so a save shows in the browser in well under a second. A check or build error is shown as
the page itself, with its `path:line` messages, until the next good save.
"""
from __future__ import annotations

import argparse
import errno
import http.server
import sys
import threading
import time

from helpsite.preview import Preview, handler_for, snapshot
from helpsite.site import load_site
from helpsite.yamlpos import DataError


def _langs(text: str | None, codes: list[str]) -> list[str] | None:
    if not text:
        return None
    wanted = [code.strip() for code in text.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in codes]
    if unknown:
        raise ValueError(f"not a language of this site: {', '.join(unknown)} (the site has: {', '.join(codes)})")
    return wanted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--langs", help="comma list of languages to build, e.g. sv or sv,en (default: all)")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--poll", type=float, default=0.1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        site = load_site(args.config)
        codes = _langs(args.langs, site.codes)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"LANGS: error: {exc}", file=sys.stderr)
        return 2
    preview = Preview(site.config_path, codes)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(preview))
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"127.0.0.1:{args.port}: error: the port is busy (another preview or program uses it); "
              f"pick another: make serve PORT={args.port + 1}", file=sys.stderr)
        return 2
    server.daemon_threads = True
    # The snapshot comes before the first build: a save made while it builds, or just after the
    # server answers, is then seen as a change and rebuilt, never folded into the baseline.
    seen = snapshot(site.root, site.config_path)
    preview.rebuild()
    _report(preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {', '.join(codes or site.codes)} at http://127.0.0.1:{args.port}/ (Ctrl+C stops)", flush=True)
    try:
        while True:
            time.sleep(args.poll)
            now = snapshot(site.root, site.config_path)
            if now != seen:
                seen = now
                started = time.monotonic()
                preview.rebuild()
                _report(preview, time.monotonic() - started)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()


def _report(preview: Preview, seconds: float | None = None) -> None:
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    if preview.errors:
        print("\n".join(preview.errors), file=sys.stderr)
        print(f"not built{took}: the browser shows these messages until the next good save", file=sys.stderr,
              flush=True)
    else:
        print(f"built{took}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
