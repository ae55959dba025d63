"""The editors' preview (make serve): the real scripts.serve on a copy of the repository.

A save shows up, a check or build error is shown in the browser with its path:line messages
(not a hanging request), the next good save brings the site back, and a busy port is one line.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.deploytools import free_port
from tests.sitebuild import SITE, copy_repo

WAIT = 60          # seconds a step may take on a busy machine; the test fails after that, never before


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def until(check, what: str):
    end = time.monotonic() + WAIT
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"the preview did not {what} within {WAIT} s")


@pytest.fixture
def preview(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "scripts.serve", "--port", str(port), "--langs", SITE.default.code],
                            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    origin = f"http://127.0.0.1:{port}"
    try:
        until(lambda: _up(origin), "start")
        yield repo, origin, port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _up(origin: str) -> bool:
    try:
        return fetch(origin + "/__preview__/version")[0] == 200
    except OSError:
        return False


def test_a_save_shows_and_an_error_is_shown_then_cleared(preview):
    repo, origin, _ = preview
    page = repo / "docs" / SITE.default.code / "om.md"
    original = page.read_text(encoding="utf-8")
    status, html = fetch(origin + "/om/")
    assert status == 200 and '<script src="/__preview__/reload.js" defer></script></body>' in html

    page.write_text(original + "\nEn helt ny mening i förhandsvisningen.\n", encoding="utf-8")
    until(lambda: "En helt ny mening" in fetch(origin + "/om/")[1], "show the saved text")

    page.write_text(original + "\n<script>alert(1)</script>\n", encoding="utf-8")
    status, html = until(lambda: (r := fetch(origin + "/om/"))[0] == 500 and r, "show the check error")
    assert f"docs/{SITE.default.code}/om.md:" in html and "error: unsafe HTML" in html
    assert "/__preview__/reload.js" in html            # it reloads itself when fixed

    page.write_text(original.replace("](", "](saknas-", 1), encoding="utf-8")   # a broken link: a build error
    until(lambda: (r := fetch(origin + "/om/"))[0] == 500 and "saknas-" in r[1], "show the link error")

    page.write_text(original, encoding="utf-8")
    status, html = until(lambda: (r := fetch(origin + "/om/"))[0] == 200 and r, "recover after a good save")
    assert "En helt ny mening" not in html


def test_a_busy_port_is_one_line(preview):
    _, _, port = preview
    result = subprocess.run([sys.executable, "-m", "scripts.serve", "--port", str(port)], cwd=preview[0],
                            capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 2
    assert result.stderr == (f"127.0.0.1:{port}: error: the port is busy (another preview or program uses it); "
                             f"pick another: make serve PORT={port + 1}\n")


def test_an_unknown_language_is_one_line():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = subprocess.run([sys.executable, "-m", "scripts.serve", "--port", str(port), "--langs", "xx"],
                            capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 2
    assert result.stderr.startswith("LANGS: error: not a language of this site: xx")
