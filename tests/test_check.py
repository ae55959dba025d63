"""scripts.check: one fixture per kind of mistake, each with its exact message, file, line and exit status.

Each fixture in tests/fixtures/check/<kind>/ holds only the files that differ from the small,
clean site in tests/fixtures/check/base/; the test lays it over a copy of the base, commits it to
a new git repository (as an editor's checkout would be) and runs the real command in a
subprocess (so a traceback would show up in its output).
"""
import os
import shutil
import subprocess
import sys

import pytest

from tests.sitebuild import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "check"
TODAY = "2026-11-28"
OUTDATED = "translation outdated: its Swedish original changed since it was translated; update it from "
NO_NUMBER = ", so the number comes from the contacts data"
ONLY_DIGITS = "a phone number may only contain digits, spaces, - + ( )"

# kind, extra arguments, exit status, every line printed (warnings that a changed Swedish page
# outdates its translations are left out, except in the fixture about exactly that).
CASES = [
    ("front-matter-missing-key", [], 1, ["docs/sv/om.md:2: error: the front matter has no 'description'"]),
    ("front-matter-misspelt-key", [], 1,
     ["docs/sv/om.md:4: error: unknown front matter key 'reviewd'; did you mean 'reviewed'?"]),
    ("front-matter-bad-date", [], 1,
     ["docs/sv/om.md:4: error: 'reviewed' must be a date like 2025-12-01, not '1 november'"]),
    ("front-matter-bad-yaml", [], 1,
     ["docs/sv/om.md:2: error: put the title in quotes: a title that starts with '[' is not read as text"]),
    ("front-matter-not-closed", [], 1,
     ["docs/sv/om.md:1: error: the front matter that starts on line 1 is never closed: add a line with only --- "
      "after the last key"]),
    ("front-matter-colon-in-title", [], 1,
     ["docs/sv/om.md:2: error: put the title in quotes: a colon inside a title ends the title"]),
    ("front-matter-tab", [], 1, ["docs/sv/om.md:4: error: use spaces, not tabs"]),
    ("front-matter-unclosed-quote", [], 1,
     ['docs/sv/om.md:3: error: the description opens a quote (") that is never closed: end the description with "']),
    ("front-matter-other-yaml", [], 1,
     ["docs/sv/om.md:5: error: the front matter is not valid YAML (expected <block end>, but found '-')"]),
    ("front-matter-missing", [], 1,
     ["docs/sv/om.md:1: error: the page has no front matter; start it with three lines '---', 'title: ...', "
      "'description: ...', 'reviewed: YYYY-MM-DD' and a closing '---'"]),
    ("translation-key-in-swedish", [], 1,
     ["docs/sv/om.md:5: error: 'translation_source' belongs only in translated pages; remove it from this page"]),
    ("not-utf8", [], 1, ["docs/sv/om.md:3: error: the file is not UTF-8 text; save it as UTF-8"]),
    ("unknown-language-folder", [], 1,
     ["docs/fi/index.md:1: error: 'fi' is not a language in mkdocs.yml (plugins > i18n > languages: sv, en, ar), "
      "so this page would be built without checks or a menu; move it to a language folder, or add the "
      "language with: python -m scripts.new_language fi"]),
    ("page-outside-language-folder", [], 1,
     ["docs/index.md:1: error: this page is outside a language folder; move it to docs/sv/index.md"]),
    ("bad-slug", [], 1,
     ["docs/sv/Om_oss.md:1: error: the file name 'Om_oss' is not a valid slug; use lowercase a-z, digits and "
      "hyphens only, e.g. 'om-oss'",
      "docs/sv/Om_oss.md:1: warning: no 'ar' translation yet (docs/ar/Om_oss.md); 'ar' readers see this page "
      "with a notice",
      "docs/sv/Om_oss.md:1: warning: no 'en' translation yet (docs/en/Om_oss.md); 'en' readers see this page "
      "with a notice"]),
    ("duplicate-slug", [], 1,
     ["docs/sv/om/index.md:1: error: duplicate slug: this page and docs/sv/om.md both become the address 'om/'; "
      "keep one of them",
      "docs/sv/om/index.md:1: warning: no 'ar' translation yet (docs/ar/om/index.md); 'ar' readers see this "
      "page with a notice",
      "docs/sv/om/index.md:1: warning: no 'en' translation yet (docs/en/om/index.md); 'en' readers see this "
      "page with a notice"]),
    ("translation-without-original", [], 1,
     ["docs/en/about.md:1: error: this page has no original docs/sv/about.md; every page must exist in docs/sv/ "
      "first, under the same file name"]),
    ("phone-number", [], 1,
     ["docs/sv/om.md:11: error: phone number '020-50 50 50' typed in the page; write {{phone kvinnofridslinjen}} "
      "instead" + NO_NUMBER]),
    ("short-number", [], 1,
     ["docs/sv/om.md:13: error: phone number '112' typed in the page; write {{phone sos-112}} instead" + NO_NUMBER]),
    ("tel-link", [], 1,
     ["docs/sv/om.md:11: error: a 'tel:+46812345678' link typed in the page; write {{phone id}} with the "
      "service's id from data/contacts.yml instead"]),
    ("script", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: <script> is not allowed in pages (scripts in pages could track or "
      "harm visitors)"]),
    ("iframe", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: <iframe> is not allowed in pages (pages may only contain text, "
      "links, images and simple formatting)"]),
    ("form", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: <form> is not allowed in pages (pages may only contain text, "
      "links, images and simple formatting)"]),
    ("event-handler", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: the event handler 'onclick=' runs a script; remove it"]),
    ("javascript-url", [], 1,
     ["docs/sv/om.md:11: error: unsafe link: a 'javascript:' address can run code; link to a page or an "
      "https:// address instead"]),
    ("javascript-url-encoded", [], 1,
     ["docs/sv/om.md:11: error: unsafe link: a 'javascript:' address can run code; link to a page or an "
      "https:// address instead"]),
    ("vbscript-url", [], 1,
     ["docs/sv/om.md:13: error: unsafe link: a 'vbscript:' address can run code; link to a page or an "
      "https:// address instead"]),
    ("data-link", [], 1,
     ["docs/sv/om.md:11: error: unsafe link: a 'data:' address can hold a whole page with scripts; link to a page "
      "or an https:// address instead"]),
    ("data-image", [], 1,
     ["docs/sv/om.md:11: error: unsafe image: a 'data:' address hides the image inside the page, where it cannot "
      "be checked; save the image in docs/assets/ and link to the file"]),
    ("event-handler-any-case", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: the event handler 'onload=' runs a script; remove it"]),
    ("event-handler-attr-list", [], 1,
     ["docs/sv/om.md:12: error: unsafe HTML: the event handler 'onclick=' runs a script; remove it"]),
    ("object", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: <object> is not allowed in pages (pages may only contain text, "
      "links, images and simple formatting)"]),
    ("embed", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: <embed> is not allowed in pages (pages may only contain text, "
      "links, images and simple formatting)"]),
    ("style-url", [], 1,
     ["docs/sv/om.md:11: error: unsafe HTML: a style= attribute with url() makes the browser fetch another "
      "address; remove it (the site's security policy blocks inline styles anyway)"]),
    ("image-without-alt", [], 1,
     ["docs/sv/om.md:11: error: the image '../assets/telefon.svg' has no alt text; describe it between the "
      "brackets: ![what the image shows](../assets/telefon.svg)"]),
    ("heading-skips-a-level", [], 1,
     ["docs/sv/om.md:9: error: the heading 'Vem vi är' jumps from level 1 to 3; use '## ' here (one level down "
      "at a time)"]),
    ("two-main-headings", [], 1,
     ["docs/sv/om.md:9: error: a second main heading '# Vem vi är'; a page has exactly one, use '## ' for its "
      "sections"]),
    ("no-main-heading", [], 1,
     ["docs/sv/om.md:7: error: the page has no main heading; start the text with '# ' followed by the page title"]),
    ("broken-link", [], 1,
     ["docs/sv/om.md:11: error: the link 'hjalp.md' points to a page that does not exist (docs/sv/hjalp.md)"]),
    ("broken-anchor", [], 1,
     ["docs/sv/om.md:11: error: the link 'index.md#prata-med-nagon' points to an anchor '#prata-med-nagon' that "
      "does not exist on docs/sv/index.md (its anchors: stöd-och-hjälp, prata-med-någon)"]),
    ("absolute-link", [], 1,
     ["docs/sv/om.md:11: error: the link '/sv/' starts with '/', which breaks when the site is not at the web "
      "root; link to the Markdown file relative to this page, e.g. 'heder.md'"]),
    ("unknown-contact", [], 1, ["docs/sv/om.md:11: error: unknown service id 'bris' (see data/contacts.yml)"]),
    ("contacts-bad-yaml", [], 1,
     ["data/contacts.yml:12: error: this is not valid YAML (expected ',' or ']', but got ':')"]),
    ("contacts-bad-number", [], 1,
     ["data/contacts.yml:24: error: service 'kvinnofridslinjen': phone '020-50' has 4 digits after the first 0, "
      "but a free-phone number (020) has 6 to 9; check the number at its source"]),
    ("contacts-letters", [], 1,
     ["data/contacts.yml:24: error: service 'kvinnofridslinjen': phone '020-AB CD' contains 'A'; " + ONLY_DIGITS]),
    ("contacts-letter-o", [], 1,
     ["data/contacts.yml:24: error: service 'kvinnofridslinjen': phone '020-50 50 5O' contains 'O'; " + ONLY_DIGITS]),
    ("contacts-other-character", [], 1,
     ["data/contacts.yml:24: error: service 'kvinnofridslinjen': phone '020\u201350 50 50' contains '\u2013' "
      "(U+2013 EN DASH); " + ONLY_DIGITS]),
    ("stale-contact", [], 0,
     ["data/contacts.yml:2: warning: service 'sos-112' was last checked 2025-10, more than 12 months ago; check "
      "its facts at its sources and update 'checked'"]),
    ("stale-contact", ["--release"], 1,
     ["data/contacts.yml:2: error: service 'sos-112' was last checked 2025-10, more than 12 months ago; check "
      "its facts at its sources and update 'checked'"] +
     # A release also lists every translation no qualified translator has checked (a warning by default).
     [f"docs/{code}/{name}:1: warning: no qualified translator has checked this translation yet; when one has, "
      f"add 'translator_reviewed: YYYY-MM-DD' to its front matter" for code in ("ar", "en") for name in ("index.md", "om.md")]),
    ("ui-missing-text", [], 0, ["data/ui/en.yml:1: warning: 1 interface texts are not translated yet and are shown "
                                "in 'sv': call"]),
    ("outdated-translation", [], 0,
     ["docs/ar/om.md:5: warning: " + OUTDATED + "docs/sv/om.md, then run python -m scripts.translations stamp "
      "docs/ar/om.md",
      "docs/en/om.md:5: warning: " + OUTDATED + "docs/sv/om.md, then run python -m scripts.translations stamp "
      "docs/en/om.md"]),
    ("readability", [], 0,
     ["docs/sv/om.md:1: warning: readability: LIX 74 is above the limit 40; use shorter sentences and shorter "
      "words (klarspråk)"]),
    ("readability", ["--lix-limit", "80"], 0, []),
]


# Neither the developer's git settings nor a git hook's GIT_DIR may reach the fixture repositories.
CLEAN_ENV = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
GIT = ["git", "-c", "user.name=Check test", "-c", "user.email=check@example.org", "-c", "commit.gpgsign=false",
       "-c", "core.hooksPath=/dev/null"]


def git(repo, *args):
    subprocess.run([*GIT, *args], cwd=repo, env=CLEAN_ENV, check=True, capture_output=True)


def fixture_repo(tmp_path, kind, commit=True):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", repo)
    if kind != "base":
        shutil.copytree(FIXTURES / kind, repo, dirs_exist_ok=True)
    if commit:
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", kind)
    return repo


def run_check(repo, *args):
    # The ceiling keeps git from finding a repository above a fixture that has none of its own.
    env = {**CLEAN_ENV, "GIT_CEILING_DIRECTORIES": str(repo.parent)}
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(repo), "--today", TODAY, *args],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("check: "), result.stderr
    return result.returncode, lines[:-1]


def test_the_clean_base_site_has_no_problem(tmp_path):
    assert run_check(fixture_repo(tmp_path, "base")) == (0, [])


def test_there_are_at_least_fifteen_kinds_of_mistake():
    kinds = {kind for kind, *_ in CASES}
    assert len(kinds) >= 15
    assert kinds == {p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base"}


@pytest.mark.parametrize("kind, args, status, expected", CASES, ids=[f"{c[0]}{''.join(c[1])}" for c in CASES])
def test_each_mistake_gives_its_message_line_and_status(tmp_path, kind, args, status, expected):
    code, lines = run_check(fixture_repo(tmp_path, kind), *args)
    if kind != "outdated-translation":
        lines = [line for line in lines if "translation outdated" not in line]
    assert lines == expected
    assert code == status


def test_paths_limit_what_is_shown(tmp_path):
    repo = fixture_repo(tmp_path, "phone-number")
    assert run_check(repo, str(repo / "docs" / "sv" / "index.md")) == (0, [])
    code, lines = run_check(repo, str(repo / "docs" / "sv" / "om.md"))
    assert code == 1 and len(lines) == 1 and lines[0].startswith("docs/sv/om.md:11: error: phone number")


def test_lix_figures_are_printed_on_request(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(fixture_repo(tmp_path, "base")),
                             "--lix"], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines() == ["docs/sv/index.md: LIX 11.9", "docs/sv/om.md: LIX 33.3"]


def test_a_broken_mkdocs_yml_is_one_message(tmp_path):
    repo = fixture_repo(tmp_path, "base")
    (repo / "mkdocs.yml").write_text("site_name: x\nplugins: [\n", encoding="utf-8")
    code, lines = run_check(repo)
    assert code == 1 and len(lines) == 1 and lines[0].startswith("mkdocs.yml:3: error: this is not valid YAML")


def test_the_real_content_passes():
    result = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
