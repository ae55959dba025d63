"""A real Apache (Debian's apache2-bin, foreground on 127.0.0.1) serves a real bundle under /stod/
with the rendered vhost.conf and the bundle's own .htaccess.

`apache2 -t` checks the vhost syntax; serving real requests also checks the .htaccess rules, which
Apache reads only when a request comes (a syntax check never sees them).
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpsite.deploy import policy, serverconf
from tests.deploytools import free_port
from tests.sitebuild import ROOT, SITE, built_pages

pytestmark = pytest.mark.server
APACHE = "/usr/sbin/apache2"
MODULES = ("mpm_event", "authz_core", "mime", "dir", "alias", "headers", "filter", "deflate", "autoindex")
BASE = "/stod/"
LANG_RE = re.compile(r'<html\b[^>]*\blang="([^"]+)"')


class Apache:
    def __init__(self, workdir: Path, install_dir: Path, site_url: str):
        if not os.path.exists(APACHE):
            pytest.fail(f"{APACHE} is missing: run 'make test' (it installs Debian's apache2-bin)")
        self.port = free_port()
        site = install_dir / "current" / "site"
        self.csp = policy.header_csp(str(site))
        ctx = serverconf.context(site_url, list(SITE.languages), self.csp, "test",
                                 install_dir=str(install_dir), site_dir=str(site), vhost=f"127.0.0.1:{self.port}")
        (workdir / "vhost.conf").write_text(serverconf.render(str(ROOT / "deploy"), ctx)["server/apache/vhost.conf"])
        loads = "".join(f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so\n" for name in MODULES)
        # Content types without depending on /etc/mime.types (package media-types).
        (workdir / "mime.types").write_text("".join(f"{kind.split(';')[0]} {ext[1:]}\n"
                                                    for ext, kind in serverconf.MIME.items()))
        # Debian's defaults around a vhost: nothing outside it is served, .htaccess is off by default.
        (workdir / "httpd.conf").write_text(
            f"ServerRoot {workdir}\nListen 127.0.0.1:{self.port}\nPidFile {workdir}/httpd.pid\n"
            f"ErrorLog {workdir}/error.log\nLogLevel warn\nServerName localhost\n{loads}"
            f"TypesConfig {workdir}/mime.types\n"
            "User www-data\nGroup www-data\n"
            "<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n"
            f"Include {workdir}/vhost.conf\n")
        self.argv = [APACHE, "-f", str(workdir / "httpd.conf")]
        self.workdir = workdir
        self.proc = None

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run([*self.argv, "-t"], capture_output=True, text=True)

    def start(self) -> Apache:
        checked = self.check()
        assert checked.returncode == 0, checked.stderr
        # -X: one process in the foreground, so this test owns exactly this pid.
        self.proc = subprocess.Popen([*self.argv, "-X"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = self.workdir / "error.log"
                raise AssertionError(f"apache2 exited: {log.read_text() if log.exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("apache2 did not start listening")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def get(self, path: str, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers={"Host": "stod.test", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


def run_tool(*args: str, **env: str) -> None:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **env})
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def apache(tmp_path_factory, exit_url):
    # Apache's workers run as www-data, who cannot enter pytest's private tmp folders.
    work = Path(tempfile.mkdtemp(prefix="apache-test-"))
    os.chmod(work, 0o755)
    try:
        install_dir = work / "srv"
        out = tmp_path_factory.mktemp("apache-dist")
        run_tool("scripts.package", "--site-url", f"http://stod.test{BASE}", "--out", str(out), "--no-offline",
                 "--install-dir", str(install_dir), EXIT_URL=exit_url)
        (zip_path,) = out.glob("*.zip")
        run_tool("scripts.deploy", "install", str(zip_path), "--target", str(install_dir))
        (work / "apache").mkdir()
        server = Apache(work / "apache", install_dir, f"http://stod.test{BASE}").start()
        server.site = install_dir / "current" / "site"
        server.pages = [BASE + path.lstrip("/") for path in built_pages(server.site)]
        yield server
        server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def assert_security_headers(headers, server, where):
    for name, value in policy.security_headers(server.csp):
        assert headers.get(name) == value, (where, name, headers.get(name))


def test_apachectl_syntax_check_passes(apache):
    checked = apache.check()
    assert checked.returncode == 0 and "Syntax OK" in checked.stdout + checked.stderr


def test_every_page_200_with_headers_from_the_release_htaccess(apache):
    for path in apache.pages:
        status, headers, _ = apache.get(path, {"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == policy.CACHE["html"]
        assert headers["Content-Encoding"] == "gzip"
        assert_security_headers(headers, apache, path)


@pytest.mark.parametrize("lang,missing", [("sv", "finns-inte/"), ("en", "en/nope/"), ("ar", "ar/x/y")])
def test_unknown_address_gets_the_404_page_of_its_language(apache, lang, missing):
    status, headers, body = apache.get(BASE + missing)
    assert status == 404
    assert LANG_RE.search(body.decode()).group(1) == lang
    assert_security_headers(headers, apache, missing)


def test_no_listings_and_no_server_files(apache):
    status, _headers, body = apache.get(BASE + "assets/")
    assert status == 403 and b"Index of" not in body  # listing refused; the not-found page shown
    assert LANG_RE.search(body.decode()).group(1) == "sv"
    for path in (".htaccess", "web.config", "en/.hidden"):
        assert apache.get(BASE + path)[0] == 404, path


def test_caching_by_kind_of_file(apache):
    live = apache.site / "assets" / "css"
    built = next(live.glob("site.*.css")).name   # the build puts a content hash in the name
    shutil.copyfile(live / built, live / "site.0123abcd.min.css")
    try:
        cases = {"assets/favicon.svg": "assets", "assets/css/" + built: "fingerprinted",
                 "assets/css/site.0123abcd.min.css": "fingerprinted",
                 "pagefind/pagefind.js": "search", "sitemap.xml": "html"}
        for path, kind in cases.items():
            status, headers, _ = apache.get(BASE + path)
            assert status == 200, path
            assert headers["Cache-Control"] == policy.CACHE[kind], path
    finally:
        (live / "site.0123abcd.min.css").unlink()
