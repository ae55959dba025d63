"""`python -m scripts.package` builds a real release: zip + sums, version in every page, hreflang
sitemap, server settings that agree with each other, and an offline copy that works from file://."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpsite.deploy import bundle, offline, policy
from tests.sitebuild import ROOT, SITE

SITE_URL = "https://stod.example.se/stod/"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def package(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.package", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env})


@pytest.fixture(scope="module")
def dist(tmp_path_factory, exit_url):
    out = tmp_path_factory.mktemp("dist")
    result = package("--site-url", SITE_URL, "--out", str(out), EXIT_URL=exit_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def unpacked(dist, tmp_path_factory):
    """{'server': bundle folder, 'offline': offline folder}, unzipped as an admin would."""
    folders = {}
    for zip_path in dist.glob("*.zip"):
        kind = "offline" if zip_path.stem.endswith("-offline") else "server"
        with zipfile.ZipFile(zip_path) as archive:
            tops = {name.split("/")[0] for name in archive.namelist()}
            assert tops == {zip_path.stem}, "one top folder, named like the zip"
            into = tmp_path_factory.mktemp(kind)
            archive.extractall(into)
        folders[kind] = into / zip_path.stem
    return folders


def test_without_site_url_one_clear_line_and_nothing_written(tmp_path):
    result = package("--out", str(tmp_path / "dist"), SITE_URL="")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert re.match(r"mkdocs\.yml:\d+: error: site_url is empty; .*--site-url https://", result.stderr)
    assert not (tmp_path / "dist").exists()


def test_a_site_url_that_is_not_an_address_is_refused(tmp_path):
    result = package("--site-url", "stod.example.se", "--out", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("--site-url: error: site_url 'stod.example.se' must be an absolute address like "
                                    "https://stod.example.se/")


def test_zip_and_sums(dist):
    names = sorted(path.name for path in dist.iterdir())
    (sums,) = [name for name in names if name.endswith(".sha256")]
    stem = sums[: -len(".sha256")]
    assert names == [f"{stem}-offline.zip", sums, f"{stem}.zip"]
    assert re.fullmatch(r"helpsite-\d{4}-\d\d-\d\d-[0-9a-f]{7}(-dirty)?", stem)
    checked = subprocess.run(["sha256sum", "-c", sums], cwd=dist, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == 2


def test_bundle_manifest_checks_out_with_sha256sum(unpacked):
    folder = unpacked["server"]
    checked = subprocess.run(["sha256sum", "--strict", "-c", "MANIFEST.sha256"], cwd=folder, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stderr
    listed = {line.split("  ", 1)[1] for line in (folder / "MANIFEST.sha256").read_text().splitlines()}
    assert listed == set(bundle.bundle_files(str(folder))) - {"MANIFEST.sha256"}
    for name in ("deploy.py", "README.md", "VERSION", "site/index.html", "site/.htaccess", "site/web.config",
                 "server/nginx/stod-server.conf", "server/nginx/stod-locations.conf",
                 "server/nginx/stod-headers.conf", "server/apache/vhost.conf"):
        assert name in listed, name


def test_version_is_the_commit_and_build_date_in_every_page(unpacked):
    version = (unpacked["server"] / "VERSION").read_text().strip()
    head = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}).stdout.strip()
    commit, date = version.split()
    assert commit in (head, head + "-dirty")
    assert date == dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    for kind in ("server", "offline"):
        site = unpacked[kind] / "site" if kind == "server" else unpacked[kind]
        pages = bundle.html_files(str(site))
        assert len(pages) > 40
        for rel in pages:
            html = (site / rel).read_text(encoding="utf-8")
            assert f'<meta name="site-version" content="{version}">' in html, (kind, rel)


def test_sitemap_lists_every_page_with_hreflang_alternates(unpacked):
    site = unpacked["server"] / "site"
    urls = ET.parse(site / "sitemap.xml").getroot().findall("sm:url", NS)
    pages = {rel[: -len("index.html")] for rel in bundle.html_files(str(site)) if rel.endswith("index.html")}
    assert {url.findtext("sm:loc", "", NS)[len(SITE_URL):] for url in urls} == pages
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        path = url.findtext("sm:loc", "", NS)[len(SITE_URL):]
        prefixes = [lang.prefix for lang in SITE.languages if lang.prefix]
        same = next((path[len(p):] for p in prefixes if path.startswith(p)), path)
        assert alternates == {lang.code: SITE_URL + lang.prefix + same for lang in SITE.languages}


def server_headers(folder: Path) -> dict[str, dict[str, str]]:
    """The security headers each server config sends, read back from the rendered files."""
    nginx = (folder / "server" / "nginx" / "stod-headers.conf").read_text()
    apache = (folder / "site" / ".htaccess").read_text()
    iis = ET.parse(folder / "site" / "web.config").getroot()
    return {
        "nginx": dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', nginx, re.M)),
        "apache": {name: value for name, value in re.findall(r'^Header always set (\S+) "([^"]*)"$', apache, re.M)
                   if name != "Cache-Control"},
        "iis": {add.get("name"): add.get("value")
                for add in iis.findall("./system.webServer/httpProtocol/customHeaders/add")
                if add.get("name") != "Cache-Control"},
    }


def test_nginx_apache_and_iis_send_the_same_security_headers(unpacked):
    folder = unpacked["server"]
    expected = dict(policy.security_headers(policy.header_csp(str(folder / "site"))))
    for server, headers in server_headers(folder).items():
        assert headers == expected, server


def test_every_server_sends_unknown_addresses_to_the_right_404_page(unpacked):
    folder = unpacked["server"]
    locations = (folder / "server" / "nginx" / "stod-locations.conf").read_text()
    htaccess = (folder / "site" / ".htaccess").read_text()
    iis = ET.parse(folder / "site" / "web.config").getroot()
    assert "error_page 403 404 =404 /stod/404.html;" in locations
    assert "ErrorDocument 404 /stod/404.html" in htaccess
    assert iis.find("./system.webServer/httpErrors/error").get("path") == "/stod/404.html"
    for code in [lang.code for lang in SITE.languages if not lang.default]:
        page = f"/stod/{code}/404.html"
        assert (folder / "site" / code / "404.html").exists()
        assert re.search(rf"location /stod/{code}/ {{\s+error_page 403 404 =404 {page};", locations)
        assert re.search(rf'<If "%{{REQUEST_URI}} =~ m#\^/stod/{code}/#">\s+ErrorDocument 404 {page}', htaccess)
        (where,) = [loc for loc in iis.findall("location") if loc.get("path") == code]
        assert where.find("./system.webServer/httpErrors/error").get("path") == page
    # IIS refuses unknown file types: every extension in the site has a MIME map.
    mapped = {m.get("fileExtension") for m in iis.findall("./system.webServer/staticContent/mimeMap")}
    present = {os.path.splitext(name)[1] for name in bundle.bundle_files(str(folder / "site"))} - {"", ".config"}
    assert present <= mapped


def test_offline_copy_has_only_links_to_files(unpacked):
    folder = unpacked["offline"]
    assert (folder / "index.html").exists()
    assert offline.broken_links(str(folder)) == []
    assert not (folder / "sitemap.xml").exists() and not (folder / "404.html").exists()


@pytest.mark.browser
def test_offline_copy_works_from_file_urls(unpacked, browser):
    """Open the copy from disk: styles load, the language switch and menu links open pages."""
    folder = unpacked["offline"]
    ctx = browser.new_context()
    ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    requests = []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    page.goto((folder / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.exitbar')).position") in ("sticky", "fixed")
    page.click("nav.languages a[hreflang=en]")
    page.wait_for_load_state()
    assert page.url == (folder / "en" / "index.html").as_uri()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("nav.languages a[hreflang=ar]")
    page.wait_for_load_state()
    assert page.url == (folder / "ar" / "index.html").as_uri()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.goto((folder / "en" / "om" / "index.html").as_uri())
    page.click("a.brand")
    page.wait_for_load_state()
    assert page.url == (folder / "en" / "index.html").as_uri()
    assert page.evaluate("window.__csp") == []
    ctx.close()
    assert {urlsplit(url).scheme for url in requests} == {"file"}
