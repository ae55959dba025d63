"""The plain functions behind packaging: CSP union, offline links, site_url, checks, zips."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from helpsite.deploy import bundle, offline, policy, serverconf
from helpsite.htmlpost import script_hashes
from helpsite.site import Language, SiteUrlError, normalise_site_url
from tests.sitebuild import ROOT

# A made-up language list for the unit tests (the real one is in mkdocs.yml).
LANGS = [Language("sv", "Svenska", "ltr", "Stöd", default=True), Language("en", "English", "ltr", "Support"),
         Language("ar", "العربية", "rtl", "الدعم")]


def page(csp: str, body: str = "", version: str = "abc 2026-11-28", lang: str = "sv") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="site-version" content="{version}"></head><body>{body}</body></html>')


def test_csp_union_follows_fallbacks():
    a = policy.parse_csp("default-src 'self'; base-uri 'none'")
    b = policy.parse_csp("default-src 'none'; script-src 'self' 'sha256-AAA='; base-uri 'none'; form-action 'none'")
    union = policy.union_csp([a, b])
    # a's scripts fall back to its default-src 'self'; 'none' gives way to a real source.
    assert union["script-src"] == ["'self'", "'sha256-AAA='"]
    assert union["default-src"] == ["'self'"]
    assert union["base-uri"] == ["'none'"]
    # a does not restrict form-action at all, so the shared header must not either.
    assert "form-action" not in union


def test_csp_union_refuses_hashes_next_to_unsafe_inline():
    with pytest.raises(policy.PolicyError):
        policy.union_csp([policy.parse_csp("script-src 'unsafe-inline'"),
                          policy.parse_csp("script-src 'sha256-AAA='")])


def test_header_csp_allows_every_page_and_forbids_framing(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(page("default-src 'none'; script-src 'self' 'sha256-A='"))
    (tmp_path / "en" / "index.html").write_text(page("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"))
    assert policy.header_csp(str(tmp_path)) == ("default-src 'none'; script-src 'self' 'sha256-A=' "
                                                "'wasm-unsafe-eval'; frame-ancestors 'none'")
    (tmp_path / "bare.html").write_text("<p>no policy</p>")
    with pytest.raises(policy.PolicyError, match=r"^bare\.html: error: .*no Content-Security-Policy"):
        policy.header_csp(str(tmp_path))


def test_permissions_policy_turns_off_what_the_site_never_uses():
    value = dict(policy.security_headers("x"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in value


@pytest.mark.parametrize("url,expected", [
    ("om/", "om/index.html"), ("./", "./index.html"), (".", "./index.html"), ("..", "../index.html"),
    ("../en/#top", "../en/index.html#top"), ("sok/?x=1", "sok/index.html?x=1"), ("a.css", "a.css"),
    ("#main", "#main"), ("/abs/", "/abs/"), ("https://x.se/", "https://x.se/"), ("tel:112", "tel:112"),
    ("mailto:a@b.se", "mailto:a@b.se"),
])
def test_offline_links_name_files(url, expected):
    assert offline.file_url(url) == expected


def test_offline_rewrite_keeps_inline_scripts_and_their_hashes():
    script = '<script>var a = \' href="x/"\';</script>'
    html = f'<head>{script}</head><a href="om/">x</a><img src="img/">'
    out = offline.rewrite_links(html)
    assert script_hashes(out) == script_hashes(html)
    assert '<a href="om/index.html">' in out and '<img src="img/index.html">' in out


def test_offline_check_finds_links_to_folders(tmp_path):
    (tmp_path / "om").mkdir()
    (tmp_path / "om" / "index.html").write_text("x")
    (tmp_path / "index.html").write_text('<a href="om/">a</a><a href="om/index.html">b</a><a href="no.html">c</a>')
    assert offline.broken_links(str(tmp_path)) == ["index.html: error: 'om/' does not lead to a file",
                                                  "index.html: error: 'no.html' does not lead to a file"]


@pytest.mark.parametrize("url,normal,base", [
    ("https://stod.example.se", "https://stod.example.se/", "/"),
    ("https://www.example.se/stod", "https://www.example.se/stod/", "/stod/"),
    (" http://intranet:8080/bibliotek/stod/ ", "http://intranet:8080/bibliotek/stod/", "/bibliotek/stod/"),
])
def test_site_url(url, normal, base):
    assert normalise_site_url(url) == normal
    assert serverconf.base_path(normal) == base


@pytest.mark.parametrize("bad", ["stod.example.se", "ftp://x/", "https://x/?a=1", "https://x/#y", ""])
def test_site_url_refused(bad):
    with pytest.raises(SiteUrlError):
        normalise_site_url(bad)


def test_not_found_pages_follow_the_language_list():
    assert serverconf.not_found_pages("/stod/", LANGS) == {
        "default": "/stod/404.html",
        "languages": [{"code": "en", "prefix": "/stod/en/", "page": "/stod/en/404.html"},
                      {"code": "ar", "prefix": "/stod/ar/", "page": "/stod/ar/404.html"}]}


def test_configs_for_the_web_root():
    ctx = serverconf.context("https://stod.example.se/", LANGS, "default-src 'none'", "v")
    files = serverconf.render(str(ROOT / "deploy"), ctx)
    assert "location / {\n    alias /srv/stod/current/site/;" in files["server/nginx/stod-locations.conf"]
    assert "location = /" not in files["server/nginx/stod-server.conf"]
    assert "DocumentRoot /srv/stod/current/site" in files["server/apache/vhost.conf"]
    assert "ErrorDocument 404 /404.html" in files["site/.htaccess"]
    assert 'm#^/en/#' in files["site/.htaccess"]


def write_site(tmp_path, version="abc 2026-11-28", root_404_lang="sv", alternates=("sv", "en", "ar")):
    site = tmp_path / "site"
    for folder, lang in (("", "sv"), ("en/", "en"), ("ar/", "ar")):
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / "index.html").write_text(page("default-src 'none'", version=version, lang=lang))
        (site / folder / "404.html").write_text(page("default-src 'none'", version=version,
                                                     lang=root_404_lang if not folder else lang))
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="https://x.se/"/>' for code in alternates)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://x.se/</loc>{links}</url></urlset>')
    return site


FOLDERS = {"sv": "", "en": "en/", "ar": "ar/"}


def test_check_site_passes_a_good_site(tmp_path):
    assert bundle.check_site(str(write_site(tmp_path)), "abc 2026-11-28", "https://x.se/", FOLDERS) == []


def test_check_site_reports_every_problem(tmp_path):
    site = write_site(tmp_path, version="old 2026-01-01", root_404_lang="ar", alternates=("sv", "en"))
    problems = bundle.check_site(str(site), "abc 2026-11-28", "https://x.se/", FOLDERS)
    assert "site/404.html: error: the not-found page for 'sv' is in 'ar' language" in problems
    assert any(p.startswith("site/en/index.html: error: <meta name=\"site-version\">") for p in problems)
    assert any("hreflang alternates ['en', 'sv'], expected ['ar', 'en', 'sv']" in p for p in problems)
    (site / "en" / "404.html").unlink()
    problems = bundle.check_site(str(site), "abc 2026-11-28", "https://x.se/", FOLDERS)
    assert any(p.startswith("site/en/404.html: error: missing") for p in problems)


def test_zip_is_the_same_for_the_same_input(tmp_path):
    (tmp_path / "b" / "site").mkdir(parents=True)
    (tmp_path / "b" / "site" / "index.html").write_text("x")
    (tmp_path / "b" / "deploy.py").write_text("print()")
    moment = dt.datetime(2026, 11, 28, 12, 30, tzinfo=dt.UTC)
    bundle.write_zip(str(tmp_path / "b"), str(tmp_path / "1.zip"), "top", moment)
    bundle.write_zip(str(tmp_path / "b"), str(tmp_path / "2.zip"), "top", moment)
    digest = [hashlib.sha256((tmp_path / f"{n}.zip").read_bytes()).hexdigest() for n in (1, 2)]
    assert digest[0] == digest[1]
    assert not list(tmp_path.glob("*.partial"))


def test_version_text_and_name():
    version = bundle.Version("bd4329b", dt.datetime(2026, 11, 28, 9, 5, tzinfo=dt.UTC))
    assert version.text == "bd4329b 2026-11-28"
    assert version.name == "helpsite-2026-11-28-bd4329b"
    assert bundle.build_moment({"SOURCE_DATE_EPOCH": "0"}).year == 1970
