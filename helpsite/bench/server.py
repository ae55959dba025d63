"""A local HTTP server for the benchmark that compresses like a real one and logs what it sent.

Served on 127.0.0.1 only. Text types are gzipped at level 6 (nginx's and Apache's usual level)
when the browser asks for it, with the types our server configs compress
(helpsite/deploy/policy.py: COMPRESS_TYPES). HTTP/1.1 keep-alive, as a real server does, so a
slow network costs what it would cost. Each response is logged with its size before and after
compression: the server's log, not the browser's, is what the benchmark counts.
"""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import os
import posixpath
import threading
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from helpsite.deploy.policy import COMPRESS_TYPES
from helpsite.patterns import MIME

GZIP_LEVEL = 6
TYPES = {ext: kind.split(";")[0] for ext, kind in MIME.items()}     # the media type, without charset


@dataclass(frozen=True)
class Served:
    path: str          # URL path as requested, e.g. /assets/css/site.0123abcdef.css
    status: int
    raw: int           # body size as stored
    sent: int          # body size on the wire (gzip when compressed)
    kind: str          # Content-Type without parameters
    at: float          # time.monotonic() when the response was sent


def content_type(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    return TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def compressible(kind: str) -> bool:
    return kind in COMPRESS_TYPES


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def resolve(folder: str, url_path: str) -> str | None:
    """The file a URL path names in `folder` (folders answer with index.html); None if none."""
    path = posixpath.normpath(unquote(url_path))
    parts = [p for p in path.split("/") if p and p not in (".", "..")]
    full = os.path.join(folder, *parts)
    if os.path.isdir(full):
        full = os.path.join(full, "index.html")
    return full if os.path.isfile(full) else None


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bench"
    sys_version = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        site = self.server.site                  # type: ignore[attr-defined]
        url_path = urlsplit(self.path).path
        file = resolve(site.folder, url_path)
        status = 200
        if file is None:
            status, file = 404, os.path.join(site.folder, "404.html")
        if os.path.isfile(file):
            with open(file, "rb") as fh:
                body = fh.read()
        else:
            body = b"not found"
        kind = content_type(file)
        raw = len(body)
        gzipped = compressible(kind) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, GZIP_LEVEL, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if compressible(kind):
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        # Logged before the body goes out, so whoever reads the response also finds it in the log.
        site.record(Served(url_path, status, raw, len(body), kind, time.monotonic()))
        self.wfile.write(body)


class BenchServer:
    """Serve one built site folder on a free port of 127.0.0.1, logging every response."""

    def __init__(self, folder: str):
        self.folder = folder
        self.log: list[Served] = []
        self._lock = threading.Lock()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.site = self                   # type: ignore[attr-defined]
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def record(self, served: Served) -> None:
        with self._lock:
            self.log.append(served)

    def take(self) -> list[Served]:
        """The responses since the last call (and forget them)."""
        with self._lock:
            out, self.log = self.log, []
        return out

    def peek(self) -> list[Served]:
        """The responses since the last take(), without forgetting them."""
        with self._lock:
            return list(self.log)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
