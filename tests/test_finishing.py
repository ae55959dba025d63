"""helpsite/finishing.py: CSS/JS fingerprinted, every reference kept working.

Unit tests on small folders, then the real build (the session's site_dir) and the real Chromium.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpsite import finishing
from tests.sitebuild import ROOT

ATTR_RE = re.compile(r"""\s(?:href|src)=["']([^"']*)["']""")
HASHED = {"css": re.compile(r"site\.[0-9a-f]{10}\.css"), "exit": re.compile(r"exit\.[0-9a-f]{10}\.js"),
          "search": re.compile(r"search\.[0-9a-f]{10}\.js")}


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page(css: str, js: str, extra: str = "") -> str:
    return (f'<!doctype html><html><head><link rel="stylesheet" href="{css}">'
            f'<script src="{js}" defer></script>{extra}</head><body><p>x</p></body></html>')


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    write(site, "assets/css/site.css", "body{color:#111}")
    write(site, "assets/js/exit.js", "document.title;")
    write(site, "assets/js/search.js", 'import("../../pagefind/pagefind.js");')
    write(site, "assets/favicon.svg", "<svg/>")
    write(site, "assets/javascripts/bundle.a5f9d56c.min.js", "x")
    write(site, "assets/stylesheets/main.57a0d79d.min.css", "x")
    write(site, "assets/images/favicon.png", "x")
    write(site, "pagefind/pagefind.js", "x")
    write(site, "index.html", page("assets/css/site.css", "assets/js/exit.js",
                                   '<link rel="icon" href="assets/favicon.svg">'))
    write(site, "en/heder/index.html", page("../../assets/css/site.css?v=1#x", "../../assets/js/exit.js"))
    write(site, "sok/index.html", page("../assets/css/site.css", "../assets/js/exit.js",
                                       "<script type='module' src='../assets/js/search.js'></script>"))
    write(site, "en/404.html", page("/stod/assets/css/site.css", "/stod/assets/js/exit.js",
                                    '<a href="https://example.org/assets/css/site.css">elsewhere</a>'))
    write(site, "affischer/index.html", page("../assets/css/site.css", "../assets/js/exit.js",
                                             '<link rel="stylesheet" href="poster.css">'))
    return site


def test_target_resolves_like_a_browser():
    assert finishing.target("../../assets/css/site.css?v=1#top", "en/om/index.html") == "assets/css/site.css"
    assert finishing.target("assets/js/exit.js", "index.html") == "assets/js/exit.js"
    assert finishing.target("/stod/assets/css/site.css", "en/404.html") == "/stod/assets/css/site.css"
    for other in ("https://example.org/a.css", "//cdn.example.org/a.css", "tel:112", "#main", "data:x", ""):
        assert finishing.target(other, "index.html") is None
    assert finishing.refers_to("/stod/assets/css/site.css", "assets/css/site.css")
    assert not finishing.refers_to("/stod/assets/css/site.css.map", "assets/css/site.css")
    assert finishing.refers_to("assets/javascripts/x.js", "assets/javascripts", inside=True)
    assert not finishing.refers_to("assets/javascripts-old/x.js", "assets/javascripts", inside=True)


def test_fingerprinted_name_is_the_content_hash():
    digest = hashlib.sha256(b"body{}").hexdigest()
    assert finishing.fingerprinted_name("site.css", b"body{}") == f"site.{digest[:10]}.css"


def test_fingerprinting_renames_and_rewrites_every_reference(small_site):
    css_hash = hashlib.sha256(b"body{color:#111}").hexdigest()[:10]
    renames = finishing.fingerprint_assets(str(small_site))
    assert renames["assets/css/site.css"] == f"assets/css/site.{css_hash}.css"
    assert set(renames) == {"assets/css/site.css", "assets/js/exit.js", "assets/js/search.js"}
    for old, new in renames.items():
        assert not (small_site / old).exists() and (small_site / new).exists()
    home = (small_site / "index.html").read_text()
    assert f'href="assets/css/site.{css_hash}.css"' in home and 'href="assets/favicon.svg"' in home
    heder = (small_site / "en/heder/index.html").read_text()
    assert f'href="../../assets/css/site.{css_hash}.css?v=1#x"' in heder
    search = (small_site / "sok/index.html").read_text()
    assert re.search(r"src='\.\./assets/js/search\.[0-9a-f]{10}\.js'", search)
    not_found = (small_site / "en/404.html").read_text()
    assert f'href="/stod/assets/css/site.{css_hash}.css"' in not_found
    assert 'href="https://example.org/assets/css/site.css"' in not_found      # another host: left alone
    assert 'href="poster.css"' in (small_site / "affischer/index.html").read_text()
    assert (small_site / "pagefind/pagefind.js").exists()
    # A second run finds nothing left to do.
    assert finishing.fingerprint_assets(str(small_site)) == {}


def test_an_asset_that_names_another_is_refused_not_broken(small_site):
    write(small_site, "assets/js/search.js", 'import "./exit.js";')
    with pytest.raises(finishing.FinishingError, match="assets/js/search.js:1: error"):
        finishing.fingerprint_assets(str(small_site))
    assert (small_site / "assets/js/exit.js").exists()
    assert 'href="assets/css/site.css"' in (small_site / "index.html").read_text()


def test_an_old_name_left_in_an_inline_script_fails(small_site):
    write(small_site, "om/index.html", page("../assets/css/site.css", "../assets/js/exit.js",
                                            '<script>import("../assets/js/search.js")</script>'))
    with pytest.raises(finishing.FinishingError, match="om/index.html: error: could not rewrite assets/js/search.js"):
        finishing.fingerprint_assets(str(small_site))
    assert (small_site / "assets/js/search.js").exists()


def test_a_comment_naming_another_asset_is_fine():
    assert finishing.asset_references("/* see search.js */ a{}", ".css") == []
    assert finishing.asset_references('a{background:url("../i/x.png")}', ".css") == ["../i/x.png"]


def test_a_failed_finishing_step_leaves_the_old_site(tmp_path):
    """A template whose inline script names an asset that fingerprinting renames fails the build,
    before the swap (the rewrite would break the script's CSP hash)."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    base = overrides / "base.html"
    script = "<script>window.x = \"{{ 'assets/js/search.js' | url }}\";</script>"
    base.write_text(base.read_text(encoding="utf-8").replace("</head>", script + "\n</head>", 1), encoding="utf-8")
    # The config sits outside the repository; the hooks, data and texts it names are linked in.
    for name in ("helpsite", "data", "posters", "docs"):
        (tmp_path / name).symlink_to(ROOT / name)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
                      f"theme:\n  name: null\n  custom_dir: {overrides}\n  static_templates: [404.html]\n",
                      encoding="utf-8")
    out = tmp_path / "site"
    write(out, "index.html", "old site")
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--out", str(out), "--config", str(config)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "could not rewrite assets/js/search.js" in result.stderr
    assert "previous output was left unchanged" in result.stderr
    assert (out / "index.html").read_text() == "old site"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".build-")]   # no staging left


# ------------------------------------------------------------------ the real build


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind")


def test_real_build_has_only_our_assets_fingerprinted(site_dir):
    assets = site_dir / "assets"
    names = sorted(p.relative_to(assets).as_posix() for p in assets.rglob("*") if p.is_file())
    assert [n for n in names if not n.startswith(("css/", "js/"))] == ["favicon.svg"]
    for name in names:
        if name.startswith(("css/", "js/")):
            data = (site_dir / "assets" / name).read_bytes()
            stem = Path(name).name.split(".")[0]
            assert Path(name).name == finishing.fingerprinted_name(stem + Path(name).suffix, data), name
    assert {Path(n).name.split(".")[0] for n in names} >= {"site", "exit", "search", "favicon"}


def test_real_build_has_no_reference_to_a_missing_file(site_dir):
    missing = []
    for path in html_files(site_dir):
        page = path.relative_to(site_dir).as_posix()
        for url in ATTR_RE.findall(path.read_text(encoding="utf-8")):
            found = finishing.target(url, page)
            if found is None:
                continue
            rel = found.lstrip("/")              # the test build has no site_url: absolute = site root
            file = site_dir / rel
            if file.is_dir() or not rel or rel.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                missing.append(f"{page}: {url}")
    assert not missing, missing[:20]


def test_every_real_page_loads_the_fingerprinted_css_and_js_and_no_old_name(site_dir):
    checked = 0
    for path in html_files(site_dir):
        html = path.read_text(encoding="utf-8")
        urls = ATTR_RE.findall(html)
        names = [urlsplit(u).path.rsplit("/", 1)[-1] for u in urls]
        assert not {"site.css", "exit.js", "search.js"} & set(names), path
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("affischer/") and rel != "affischer/index.html":
            continue                              # printable posters: their own poster.css, no script
        assert sum(bool(HASHED["css"].fullmatch(n)) for n in names) == 1, rel
        assert sum(bool(HASHED["exit"].fullmatch(n)) for n in names) == 1, rel
        is_search = rel.endswith("sok/index.html")
        assert any(HASHED["search"].fullmatch(n) for n in names) == is_search, rel
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("path", ["/nara-relationer/", "/en/404.html", "/ar/sok/", "/affischer/"])
def test_pages_are_styled_and_the_exit_script_runs(browser, site_server, exit_url, path):
    context = browser.new_context()
    statuses = {}
    context.on("response", lambda r: statuses.__setitem__(urlsplit(r.url).path, r.status))
    page = context.new_page()
    try:
        page.goto(site_server.origin + path, wait_until="load")
        assert all(status == 200 for status in statuses.values()), statuses
        assert page.evaluate("getComputedStyle(document.querySelector('.exitbar')).position") == "sticky"
        # Only exit.js leaves on three Shift presses.
        with page.expect_navigation(url=exit_url):
            for _ in range(3):
                page.keyboard.press("Shift")
    finally:
        context.close()
