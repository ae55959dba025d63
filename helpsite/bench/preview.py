"""How long an editor waits: from saving a Swedish page to seeing the change in the preview.

Runs the real preview (`python -m scripts.serve`) on a copy of the repository, opens a page in
Chromium, saves an edit and waits until the page shows it (the preview reloads by itself).
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

from ..site import NOT_SOURCE

LEAVE_OUT = NOT_SOURCE | {"tests"}
PAGE = "om.md"          # a Swedish page that every language has


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy(repo: str, dest: str) -> str:
    shutil.copytree(repo, dest, ignore=lambda folder, names: [n for n in names if folder == repo and n in LEAVE_OUT])
    return dest


def _wait_serving(proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if line.startswith("Serving"):
            return
        if proc.poll() is not None:
            raise TimeoutError(f"the preview stopped: {proc.stderr.read()}")
    raise TimeoutError("the preview did not start within a minute")


def measure(browser, repo: str, tmp: str, langs: str | None, runs: int) -> dict:
    """Seconds from save to visible, per run, for a preview of `langs` (comma list; None = all)."""
    copy = _copy(repo, os.path.join(tmp, f"preview-{langs or 'all'}"))
    port = _free_port()
    cmd = [sys.executable, "-m", "scripts.serve", "--port", str(port)] + (["--langs", langs] if langs else [])
    proc = subprocess.Popen(cmd, cwd=copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    default = _default_folder(copy)
    path = os.path.join(copy, "docs", default, PAGE)
    seconds = []
    try:
        _wait_serving(proc)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/{PAGE[:-3]}/")
        with open(path, encoding="utf-8") as fh:
            original = fh.read()
        for run in range(runs):
            marker = f"Mätpunkt {run} {time.time_ns()}"
            page.wait_for_timeout(500)           # the reload script has polled at least once
            started = time.monotonic()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(original + f"\n{marker}\n")
            _wait_for_text(page, marker, started + 30)
            seconds.append(time.monotonic() - started)
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return {"langs": langs or "all", "runs_s": [round(s, 3) for s in seconds],
            "median_s": round(statistics.median(seconds), 3)}


def _wait_for_text(page, text: str, deadline: float) -> None:
    # A plain loop: the page reloads itself, which ends any wait Playwright runs inside the page.
    while time.monotonic() < deadline:
        try:
            if text in page.inner_text("body", timeout=1000):
                return
        except Exception:  # noqa: BLE001 - the page is between two loads
            pass
        time.sleep(0.01)
    raise TimeoutError(f"the preview did not show the edit within 30 s ({text})")


def _default_folder(repo: str) -> str:
    from helpsite.site import load_site
    return load_site(os.path.join(repo, "mkdocs.yml")).default.code
