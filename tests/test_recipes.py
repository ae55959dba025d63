"""CONTRIBUTING's recipes, done as an editor would on a copy of the repository: add a Swedish page
and link it, change a number (with its checked date and source), add a service, scaffold a new
language. Then the checks and the build pass with the notices CONTRIBUTING promises, and the
content tests, run in the copy, pass too: no test needed changing for any of these edits."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.sitebuild import NEW_CODE, SITE, copy_repo
from tests.test_translations_build import NOTICE_RE, add_entry

NEW_PAGE = "stod-for-unga.md"
NEW_SERVICE = """
  - id: exempel-stodlinjen
    name: {sv: "Exempelstödlinjen", en: "The example line", ar: "خط المثال"}
    purpose: {sv: "En stödlinje som bara finns i testet.", en: "A line that exists only in the test.", ar: "خط للاختبار فقط."}
    phones:
      - number: "020-12 34 56"
    readers: [young]
    topics: [close-relationships]
    group: national
    sources:
      - {url: "https://example.org/stodlinjen", date: "2026-11-29"}
    checked: "2026-11"
"""


def run(repo, *args, ok=True):
    result = subprocess.run([sys.executable, "-m", *args], cwd=repo, capture_output=True, text=True, timeout=600)
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def change_number(contacts: str) -> str:
    """Kvinnofridslinjen gets a new number, as CONTRIBUTING says: with a new checked date and source."""
    start = contacts.index("  - id: kvinnofridslinjen")
    end = contacts.index("\n  - id:", start + 1)
    entry = contacts[start:end]
    entry = re.sub(r'number: "[^"]+"', 'number: "020-51 51 51"', entry, count=1)
    entry = re.sub(r'checked: "[^"]+"', 'checked: "2026-11"', entry)
    entry = re.sub(r'date: "[^"]+"', 'date: "2026-11-29"', entry, count=1)
    return contacts[:start] + entry + contacts[end:]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    repo = copy_repo(tmp_path_factory.mktemp("recipes") / "repo", with_tests=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "before the editor's change")
    default = SITE.default.code
    docs = repo / "docs" / default
    # 1. A new Swedish page, linked from the start page and put in the menu.
    (docs / NEW_PAGE).write_text(
        "---\ntitle: Stöd för unga\ndescription: Var unga kan få stöd.\nreviewed: 2026-11-29\n---\n\n"
        "# Stöd för unga\n\nDu kan ringa och prata med någon.\n\n{{contact exempel-stodlinjen}}\n",
        encoding="utf-8")
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[Stöd för unga](stod-for-unga.md)\n", encoding="utf-8")
    index.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2026-11-29", index.read_text(encoding="utf-8"), count=1),
                     encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    - hjalp.md\n", f"    - hjalp.md\n    - {NEW_PAGE}\n"),
                      encoding="utf-8")
    # 2 and 3. A changed number and a new service.
    contacts = repo / "data" / "contacts.yml"
    text = change_number(contacts.read_text(encoding="utf-8"))
    contacts.write_text(text.rstrip("\n") + "\n" + NEW_SERVICE, encoding="utf-8")
    # 4. A new language, scaffolded and listed.
    out = run(repo, "scripts.new_language", NEW_CODE).stdout
    entry = out.split("after the last language:\n\n", 1)[1].split("\n\n", 1)[0]
    config.write_text(add_entry(config.read_text(encoding="utf-8"), entry), encoding="utf-8")
    return repo


def test_the_checks_pass_with_the_promised_warnings(edited):
    result = run(edited, "scripts.check")
    lines = result.stderr.splitlines()
    assert not [line for line in lines if ": error:" in line]
    for code in [lang.code for lang in SITE.languages[1:]]:
        assert any(line.startswith(f"docs/{SITE.default.code}/{NEW_PAGE}:1: warning: no '{code}' translation yet")
                   for line in lines), (code, lines)
    # A language with no page yet gets one warning for the whole language, not one per page.
    assert any(re.match(rf"mkdocs\.yml:\d+: warning: no page is translated into '{NEW_CODE}' yet", line) for line in lines)


def test_the_build_passes_and_readers_see_the_notices(edited):
    run(edited, "scripts.build_site", "--out", "out")
    site = edited / "out"
    page = (site / NEW_PAGE[:-3] / "index.html").read_text(encoding="utf-8")
    assert "Exempelstödlinjen" in page and 'href="tel:+46201234' in page
    for lang in list(SITE.languages[1:]):
        other = (site / lang.prefix / NEW_PAGE[:-3] / "index.html").read_text(encoding="utf-8")
        assert 'data-translation="missing"' in NOTICE_RE.search(other).group(0)
    added = (site / NEW_CODE / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{NEW_CODE}"' in added and 'data-translation="missing"' in added
    for lang in SITE.languages:
        start = (site / lang.prefix / "index.html").read_text(encoding="utf-8")
        assert 'href="tel:+4620515151"' in start and "020-50 50 50" not in start


def test_a_number_changed_without_its_date_and_source_is_refused(edited, tmp_path):
    contacts = edited / "data" / "contacts.yml"
    good = contacts.read_text(encoding="utf-8")
    try:
        contacts.write_text(good.replace('"020-51 51 51"', '"020-52 52 52"'), encoding="utf-8")
        git(edited, "add", "-A")
        git(edited, "commit", "-q", "-m", "the editor's change")
        contacts.write_text(good.replace('"020-51 51 51"', '"020-53 53 53"'), encoding="utf-8")
        result = run(edited, "scripts.build_site", "--out", str(tmp_path / "refused"), ok=False)
        assert result.returncode == 1
        assert re.search(r"data/contacts\.yml:\d+: error: service 'kvinnofridslinjen': phone '020-53 53 53' is new "
                         r"or changed since the last commit", result.stderr)
        assert not (tmp_path / "refused").exists()
    finally:
        git(edited, "reset", "-q", "HEAD~1")          # back to the commit from before the editor's change
        contacts.write_text(good, encoding="utf-8")


def test_the_content_tests_pass_in_the_edited_copy(edited):
    """The tests derive pages and languages from docs/ and mkdocs.yml, so the editor's change
    needs no change to them."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser",
                             "tests/test_build.py", "tests/test_content.py", "tests/test_templates.py"],
                            cwd=edited, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "passed" in result.stdout and " failed" not in result.stdout
