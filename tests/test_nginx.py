"""A real nginx serves a real release bundle, at the web root and under /stod/.

The chain is the one a web admin runs: `python -m scripts.package` builds the bundle,
`python -m scripts.deploy install` puts it into a release folder, and nginx (Debian's
/usr/sbin/nginx, as a foreground process on 127.0.0.1) serves it with the settings rendered
from deploy/nginx/*.conf.
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
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from helpsite.deploy import bundle, policy, serverconf
from tests.deploytools import free_port, start_paused_deploy
from tests.sitebuild import ROOT, SITE, built_pages

pytestmark = pytest.mark.server
NGINX = "/usr/sbin/nginx"
HOST = "stod.test"
VERSION_RE = re.compile(r'<meta name="site-version" content="([^"]*)">')
LANG_RE = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
LINK_RE = re.compile(r'\s(?:href|src)="([^"]*)"')


class Nginx:
    """nginx in the foreground with a private prefix, serving the rendered stod-*.conf files."""

    def __init__(self, workdir: Path, site_url: str, install_dir: Path, site: Path, version: str):
        if not os.path.exists(NGINX):
            pytest.fail(f"{NGINX} is missing: run 'make test' (it installs Debian's nginx-light)")
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.prefix = workdir
        conf = workdir / "conf"
        (conf / "snippets").mkdir(parents=True)
        (conf / "sites").mkdir()
        self.csp = policy.header_csp(str(site))
        ctx = serverconf.context(site_url, list(SITE.languages), self.csp, version,
                                 install_dir=str(install_dir), site_dir=str(site),
                                 listen=(f"127.0.0.1:{self.port}",))
        self.files = serverconf.render(str(ROOT / "deploy"), ctx)
        for name in ("stod-headers.conf", "stod-locations.conf"):
            (conf / "snippets" / name).write_text(self.files[f"server/nginx/{name}"])
        (conf / "sites" / "stod-server.conf").write_text(self.files["server/nginx/stod-server.conf"])
        temp = "".join(f"    {kind}_temp_path {workdir}/tmp/{kind};\n"
                       for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx's workers would switch to "nobody", who cannot read pytest's private tmp.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (conf / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\n"
            f"error_log {workdir}/error.log warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log off;\n    sendfile on;\n{temp}    include sites/stod-server.conf;\n}}\n")
        (workdir / "tmp").mkdir()
        self.argv = [NGINX, "-p", str(workdir), "-c", str(conf / "nginx.conf"), "-e", str(workdir / "error.log")]
        self.proc = None

    def check(self) -> subprocess.CompletedProcess:
        return subprocess.run([*self.argv, "-t"], capture_output=True, text=True)

    def start(self) -> Nginx:
        checked = self.check()
        assert checked.returncode == 0, checked.stderr
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"nginx exited: {self.proc.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("nginx did not start listening")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful stop of this nginx only
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def get(self, path: str, headers: dict | None = None, method: str = "GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, headers={"Host": HOST, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


def run_tool(*args: str, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **env})
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


def package(base: str, install_dir: Path, out: Path, exit_url: str) -> Path:
    """A real bundle for http://stod.test<base>; returns the zip."""
    run_tool("scripts.package", "--site-url", f"http://{HOST}{base}", "--out", str(out), "--no-offline",
             "--install-dir", str(install_dir), EXIT_URL=exit_url)
    (zip_path,) = out.glob("*.zip")
    return zip_path


class Served:
    def __init__(self, base, server, site, zip_path, install_dir):
        self.base, self.server, self.site, self.zip, self.install_dir = base, server, site, zip_path, install_dir
        self.version = (site.parent / "VERSION").read_text().strip()
        self.pages = [base + path.lstrip("/") for path in built_pages(site)]

    def url(self, path: str) -> str:
        return self.server.origin + path


@pytest.fixture(scope="module", params=["/", "/stod/"], ids=["root", "subpath"])
def served(request, tmp_path_factory, exit_url):
    base = request.param
    work = tmp_path_factory.mktemp("nginx-root" if base == "/" else "nginx-stod")
    install_dir = work / "srv"
    zip_path = package(base, install_dir, work / "dist", exit_url)
    run_tool("scripts.deploy", "install", str(zip_path), "--target", str(install_dir))
    site = install_dir / "current" / "site"
    version = (install_dir / "current" / "VERSION").read_text().strip()
    server = Nginx(work / "nginx", f"http://{HOST}{base}", install_dir, site, version).start()
    yield Served(base, server, site, zip_path, install_dir)
    server.stop()


def expected_headers(served) -> dict[str, str]:
    return dict(policy.security_headers(served.server.csp))


def assert_security_headers(headers, served, where):
    for name, value in expected_headers(served).items():
        assert headers.get(name) == value, (where, name, headers.get(name))


def test_bundle_holds_the_tested_nginx_settings(served):
    """The files in the bundle are the ones under test here (only `listen` differs)."""
    folder = served.install_dir / "current" / "server" / "nginx"
    for name in ("stod-headers.conf", "stod-locations.conf"):
        shipped = (folder / name).read_text()
        assert shipped == served.server.files[f"server/nginx/{name}"], name
    assert "listen 80;" in (folder / "stod-server.conf").read_text()


def test_every_page_answers_200_with_the_security_headers(served):
    for path in served.pages:
        status, headers, body = served.server.get(path)
        assert status == 200, path
        assert headers["Content-Type"] == "text/html; charset=utf-8", path
        assert headers["Cache-Control"] == policy.CACHE["html"], path
        assert_security_headers(headers, served, path)
        assert "Server" not in headers or "/" not in headers["Server"], headers["Server"]  # no version
        assert VERSION_RE.search(body.decode()).group(1) == served.version, path


def test_the_header_csp_is_the_pages_policy_plus_frame_ancestors(served):
    csp = policy.parse_csp(served.server.csp)
    assert csp.pop("frame-ancestors") == ["'none'"]
    for rel, page in policy.page_policies(str(served.site)).items():
        for name, sources in page.items():
            assert set(sources) <= set(csp[name]), (rel, name)


@pytest.mark.parametrize("lang,missing", [("sv", "finns-inte/"), ("sv", "a/b/c.html"), ("en", "en/nope/"),
                                          ("en", "en/deep/er/page"), ("ar", "ar/nope/"), ("sv", "assets/")])
def test_unknown_address_gets_the_404_page_of_its_language(served, lang, missing):
    status, headers, body = served.server.get(served.base + missing)
    html = body.decode()
    assert status == 404
    assert LANG_RE.search(html).group(1) == lang
    assert_security_headers(headers, served, missing)
    # The page's own links are absolute from site_url's path, so they work at any depth.
    prefix = served.base + ("" if lang == "sv" else f"{lang}/")
    assert f'href="{prefix}"' in html


def test_folders_are_never_listed_and_server_files_never_served(served):
    for path in ("assets/", "assets/css/", "pagefind/", ".htaccess", "web.config", "en/.hidden"):
        status, _headers, body = served.server.get(served.base + path)
        assert status == 404, path
        assert b"Index of" not in body and b"<Directory" not in body and b"<configuration" not in body


def test_folder_without_slash_redirects_within_the_site(served):
    status, headers, _ = served.server.get(served.base + "om")
    assert status == 301
    assert headers["Location"] == served.base + "om/"  # relative: keeps the visitor's scheme and host


def _live_css(served):
    """The site's stylesheet as built: its name carries a content hash (helpsite/finishing.py)."""
    return next((served.install_dir / "current" / "site" / "assets" / "css").glob("site.*.css"))


def test_assets_are_cached_compressed_and_typed(served, tmp_path):
    css = _live_css(served).name
    status, headers, body = served.server.get(served.base + "assets/css/" + css, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert headers["Cache-Control"] == policy.CACHE["fingerprinted"]
    assert headers["ETag"] and headers["Last-Modified"]
    assert_security_headers(headers, served, css)
    status, headers, _ = served.server.get(served.base + "assets/favicon.svg")   # no hash in its name
    assert status == 200 and headers["Cache-Control"] == policy.CACHE["assets"]
    status, headers, _ = served.server.get(served.base + "pagefind/pagefind.js")
    assert status == 200 and headers["Cache-Control"] == policy.CACHE["search"]
    status, headers, _ = served.server.get(served.base + "sitemap.xml")
    assert status == 200 and "xml" in headers["Content-Type"]


def test_fingerprinted_assets_are_cached_for_a_year(served):
    # Other shapes of content-hashed names get the same year-long caching.
    source = _live_css(served)
    live = source.parent
    for name in ("site.0123abcd.css", "site.0123abcd.min.css"):
        shutil.copyfile(source, live / name)
        try:
            status, headers, _ = served.server.get(served.base + "assets/css/" + name)
        finally:
            (live / name).unlink()
        assert status == 200
        assert headers["Cache-Control"] == policy.CACHE["fingerprinted"], name
        assert_security_headers(headers, served, name)


def test_every_internal_link_and_asset_resolves(served):
    """Every href/src on every page (and on the 404 pages) leads to a 200 under the same base."""
    sources = [served.url(path) for path in served.pages]
    sources += [served.url(served.base + prefix + "no-such-page/") for prefix in ("", "en/", "ar/")]
    targets = {}
    for page_url in sources:
        _status, _headers, body = served.server.get(urlsplit(page_url).path)
        for link in LINK_RE.findall(body.decode()):
            if link.startswith("#"):
                continue  # this page itself
            url = urljoin(page_url, link)
            if urlsplit(url).netloc == urlsplit(served.server.origin).netloc:
                targets.setdefault(urlsplit(url).path, page_url)
    assert len(targets) > len(served.pages)
    bad = []
    for path, found_on in sorted(targets.items()):
        status, _headers, _body = served.server.get(path)
        if status != 200 or not path.startswith(served.base):
            bad.append((status, path, found_on))
    assert not bad, bad


@pytest.mark.browser
def test_pages_in_chromium_have_no_csp_violation_and_stay_on_this_host(served, browser):
    ctx = browser.new_context()
    ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    requests, console = [], []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    # CSP reports, and warnings about header names the browser does not know.
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text
            or "Permissions-Policy" in m.text else None)
    violations = {}
    for path in served.pages + [served.base + "en/no-such-page/"]:
        page.goto(served.url(path), wait_until="load")
        found = page.evaluate("window.__csp")
        if found:
            violations[path] = found
    ctx.close()
    assert not violations, violations
    assert not console, console
    local = urlsplit(served.server.origin).netloc
    assert not [url for url in requests if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).netloc != local]


@pytest.mark.browser
def test_search_works_under_the_header_csp(served, browser):
    ctx = browser.new_context()
    ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = ctx.new_page()
    page.goto(served.url(served.base + "en/sok/"), wait_until="networkidle")
    page.fill("#site-search-input", "violence")
    page.press("#site-search-input", "Enter")
    page.wait_for_selector("#site-search-results li a", timeout=15000)
    hrefs = page.eval_on_selector_all("#site-search-results li a", "els => els.map(a => a.href)")
    assert page.evaluate("window.__csp") == []
    ctx.close()
    for href in hrefs:
        assert urlsplit(href).path.startswith(served.base + "en/"), href
        assert served.server.get(urlsplit(href).path)[0] == 200, href



def versions_served(server: Nginx, pages: list[str]) -> set[str]:
    found = set()
    for path in pages:
        status, _headers, body = server.get(path)
        assert status == 200, path
        found.add(VERSION_RE.search(body.decode()).group(1))
    return found


def second_version(v1: Path, v2: Path) -> None:
    """The same bundle, but every page (and VERSION) says v2."""
    shutil.copytree(v1, v2)
    for rel in bundle.html_files(str(v2 / "site")):
        page = v2 / "site" / rel
        page.write_text(VERSION_RE.sub('<meta name="site-version" content="v2 2026-11-28">', page.read_text()))
    (v2 / "VERSION").write_text("v2 2026-11-28\n")
    bundle.write_manifest(str(v2))


def test_interrupted_deploy_and_rollback_while_nginx_serves(served, tmp_path):
    """kill -9 half-way through a deploy: nginx keeps serving the old release, every page whole."""
    import zipfile
    with zipfile.ZipFile(served.zip) as archive:
        archive.extractall(tmp_path / "unzipped")
    (v1,) = (tmp_path / "unzipped").iterdir()
    v2 = tmp_path / "v2"
    second_version(v1, v2)
    target = tmp_path / "srv"
    run_tool("scripts.deploy", "install", str(served.zip), "--target", str(target))
    server = Nginx(tmp_path / "nginx", f"http://{HOST}{served.base}", target, target / "current" / "site",
                   served.version).start()
    try:
        assert versions_served(server, served.pages) == {served.version}
        proc = start_paused_deploy(v2, target, "site/m-pause", ".incoming-*/site/en/index.html")
        try:
            assert versions_served(server, served.pages) == {served.version}
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        assert versions_served(server, served.pages) == {served.version}

        os.remove(v2 / "site" / "m-pause")
        bundle.write_manifest(str(v2))
        run_tool("scripts.deploy", "install", str(v2), "--target", str(target))
        assert versions_served(server, served.pages) == {"v2 2026-11-28"}
        run_tool("scripts.deploy", "rollback", "--target", str(target))
        assert versions_served(server, served.pages) == {served.version}
    finally:
        server.stop()
