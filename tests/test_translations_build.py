"""The built site tells readers, in their language, when a translation is missing or outdated,
and a new language is one command plus one line in mkdocs.yml.

Everything runs on temporary copies of the repository, built by the real scripts.build_site.
"""
import re
import subprocess
import sys

import pytest

from helpsite.checks.tree import address
from scripts.new_language import own_name
from tests.sitebuild import NEW_CODE, ROOT, SITE, StaticServer, copy_repo

CHANGED_ON = "2026-01-15"
NOTICE_RE = re.compile(r'<div class="admonition warning translation-notice"[^>]*>.*?</div>', re.S)



def run(repo, *args):
    result = subprocess.run([sys.executable, "-m", *args], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def notices(site):
    found = {}
    for page in sorted(site.rglob("index.html")):
        match = NOTICE_RE.search(page.read_text(encoding="utf-8"))
        if match:
            found[page.parent.relative_to(site).as_posix()] = match.group(0)
    return found


@pytest.fixture(scope="module")
def notice_site(tmp_path_factory):
    """Every translation stamped, then: Swedish 'om' changed (en and ar outdated), English 'heder' deleted."""
    base = tmp_path_factory.mktemp("notices")
    repo = copy_repo(base / "repo")
    run(repo, "scripts.translations", "stamp", "--all", "en")
    run(repo, "scripts.translations", "stamp", "--all", "ar")
    om = repo / "docs" / "sv" / "om.md"
    text = om.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^reviewed: .*$", f"reviewed: {CHANGED_ON}", text, count=1)
    om.write_text(text + "\nDen här meningen är ny.\n", encoding="utf-8")
    (repo / "docs" / "en" / "heder.md").unlink()
    lines = run(repo, "scripts.translations", "status").splitlines()
    codes = lines[0].split()[1:]
    table = {line.split()[0]: dict(zip(codes, line.split()[1:])) for line in lines[1:] if line.endswith((
        "current", "outdated", "missing"))}
    assert (table["om.md"]["en"], table["om.md"]["ar"]) == ("outdated", "outdated")
    assert (table["heder.md"]["en"], table["heder.md"]["ar"]) == ("missing", "current")
    run(repo, "scripts.build_site", "--out", str(base / "site"))
    return base / "site"


def test_only_missing_and_outdated_pages_get_a_notice(notice_site):
    # (The languages with only some pages translated have notices on the others: not this test's.)
    assert sorted(k for k in notices(notice_site) if k.split("/")[0] in ("en", "ar")) == ["ar/om", "en/heder", "en/om"]


def test_outdated_notice_names_the_date_in_the_readers_language(notice_site):
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        ui = SITE.ui(lang)
        notice = notices(notice_site)[f"{lang}/om"]
        assert f'role="note" lang="{lang}" dir="{direction}" data-translation="outdated"' in notice
        assert ui["translation_outdated_title"] in notice
        date = f'<bdi dir="ltr">{CHANGED_ON}</bdi>'
        assert ui["translation_outdated_text"].replace("{date}", date) in notice
        assert f'<a href="../../om/" hreflang="sv">{ui["translation_outdated_link"]}</a>' in notice


def test_missing_page_falls_back_to_swedish_marked_as_swedish(notice_site):
    page = html(notice_site, "en/heder")
    ui = SITE.ui("en")
    assert re.search(r'<html lang="en" dir="ltr"', page)
    assert '<article class="content" lang="sv" dir="ltr"' in page
    notice = notices(notice_site)["en/heder"]
    assert 'lang="en" dir="ltr" data-translation="missing"' in notice
    assert ui["translation_missing_title"] in notice and ui["translation_missing_text"] in notice
    assert "Hedersrelaterat" in page          # the Swedish text is what is shown


def test_current_translations_and_swedish_pages_have_no_notice(notice_site):
    assert "translation-notice" not in html(notice_site, "en") + html(notice_site, "ar/heder") + html(notice_site, "om")


@pytest.mark.browser
def test_notices_pass_axe(browser, axe_source, notice_site):
    server = StaticServer(notice_site)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        page = ctx.new_page()
        failures = {}
        for path in ("/en/heder/", "/en/om/", "/ar/om/"):
            page.goto(server.origin + path)
            assert page.locator(".translation-notice").is_visible()
            page.add_script_tag(content=axe_source)
            result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                                   "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
            if result["violations"]:
                failures[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert not failures, failures
    finally:
        ctx.close()
        server.close()


def add_entry(config_text, entry):
    """Put the printed entry after the last language of mkdocs.yml, as an editor would."""
    lines = config_text.split("\n")
    last = max(i for i, line in enumerate(lines) if re.match(r"^ *- locale:", line))
    pad = len(lines[last]) - len(lines[last].lstrip())
    end = last + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > pad:
        end += 1
    return "\n".join(lines[:end] + entry.rstrip("\n").split("\n") + lines[end:])


def test_a_new_language_builds_with_a_fallback_notice_on_every_page(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    config_before = (repo / "mkdocs.yml").read_bytes()
    out = run(repo, "scripts.new_language", NEW_CODE)
    assert (repo / "mkdocs.yml").read_bytes() == config_before        # it never edits mkdocs.yml
    assert f"Created data/ui/{NEW_CODE}.yml" in out
    assert (repo / "data" / "ui" / f"{NEW_CODE}.yml").read_text(encoding="utf-8").startswith("# UNTRANSLATED")
    entry = out.split("after the last language:\n\n", 1)[1].split("\n\n", 1)[0]
    assert entry.split("\n")[0].strip() == f"- locale: {NEW_CODE}" and f"name: {own_name(NEW_CODE)}" in entry
    (repo / "mkdocs.yml").write_text(add_entry(config_before.decode("utf-8"), entry), encoding="utf-8")

    run(repo, "scripts.build_site", "--out", str(tmp_path / "site"))
    site = tmp_path / "site"
    sources = sorted(p.relative_to(repo / "docs" / "sv").as_posix() for p in (repo / "docs" / "sv").rglob("*.md"))
    for source in sources:
        path = f"{NEW_CODE}/" + address(source)
        page = html(site, path)
        assert f'<html lang="{NEW_CODE}" dir="ltr"' in page, path
        assert '<article class="content" lang="sv" dir="ltr"' in page, path
        assert 'data-translation="missing"' in NOTICE_RE.search(page).group(0), path

    check = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=repo, capture_output=True, text=True)
    assert "Traceback" not in check.stderr
    assert re.search(rf"(?m)^mkdocs\.yml:\d+: warning: no page is translated into '{NEW_CODE}' yet", check.stderr)
    assert f"data/ui/{NEW_CODE}.yml:1: warning: these texts are still an untranslated copy" in check.stderr
    assert not [line for line in check.stderr.splitlines() if ": error:" in line and NEW_CODE in line.split(":")[0]]


@pytest.mark.parametrize("code, message", [
    (SITE.codes[1], f"mkdocs.yml:{SITE.language_lines[SITE.codes[1]]}: error: '{SITE.codes[1]}' is already in mkdocs.yml\n"),
    ("Finnish", f"mkdocs.yml:{SITE.language_lines[SITE.default.code]}: error: 'Finnish' is not a language code "
                "like fi, so or pt-BR\n")])
def test_new_language_mistakes(code, message):
    result = subprocess.run([sys.executable, "-m", "scripts.new_language", code], cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (1, message)
