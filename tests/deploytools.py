"""Helpers for the server and deploy tests: a free local port, a deploy stopped half-way."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.sitebuild import ROOT


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a test server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_paused_deploy(bundle: Path, target: Path, pipe: str, started: str) -> subprocess.Popen:
    """Start `scripts.deploy install` of `bundle` so that it stops mid-copy, and return it running.

    A named pipe listed in the manifest blocks the copy when it is read (nothing ever writes to
    it). Returns once a file matching `started` (a glob below target/releases) has arrived.
    The caller kills the process group and removes the pipe.
    """
    (bundle / pipe).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(bundle / pipe)
    with open(bundle / "MANIFEST.sha256", "a") as manifest:
        manifest.write(f"{'0' * 64}  {pipe}\n")
    proc = subprocess.Popen([sys.executable, "-m", "scripts.deploy", "install", str(bundle), "--target", str(target)],
                            cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not list((target / "releases").glob(started)):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the deploy did not start copying")
        time.sleep(0.02)
    return proc
