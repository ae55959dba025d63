"""Shared fixtures: one strict build of the real site, local servers, and the system Chromium."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpsite.patterns import CHROMIUM, CHROMIUM_ARGS
from tests.sitebuild import ROOT, SITE, StaticServer, build_site, built_pages

LANGS = tuple(SITE.codes)          # from mkdocs.yml, the default first


@pytest.fixture(scope="session")
def neutral_server(tmp_path_factory):
    """A local stand-in for the exit button's neutral destination."""
    folder = tmp_path_factory.mktemp("neutral")
    (folder / "index.html").write_text("<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>")
    server = StaticServer(folder)
    yield server
    server.close()


@pytest.fixture(scope="session")
def exit_url(neutral_server):
    return neutral_server.origin + "/"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, exit_url) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    build_site(out, EXIT_URL=exit_url)
    return out


@pytest.fixture(scope="session")
def site_server(site_dir):
    server = StaticServer(site_dir)
    yield server
    server.close()


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    return built_pages(site_dir)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium) "
                    "or 'sudo apt-get install chromium'")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail("node_modules/axe-core is missing: run 'make test' (it runs npm ci)")
    return path.read_text(encoding="utf-8")


def lang_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGS[1:] else LANGS[0]
