"""A failed build changes nothing: the previous output stays byte for byte, and nothing is left behind.

Runs scripts.build_site on a temporary copy of the repository, first good, then broken in the
ways an editor could break it; the build runs the checks first, so each mistake stops it with the
same `path:line: error:` line that `make check` prints.
"""
import hashlib
import subprocess
import sys

import pytest

from tests.sitebuild import ROOT, SITE, copy_repo

DEFAULT = SITE.default.code
# A translation that has the 'om' page (not every language has every page).
OTHER = next(code for code in SITE.codes[1:] if (ROOT / "docs" / code / "om.md").exists())


def build(repo, out):
    return subprocess.run([sys.executable, "-m", "scripts.build_site", "--out", str(out)], cwd=repo,
                          capture_output=True, text=True)


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path.read_text(encoding="utf-8").count("\n")        # the line just written


@pytest.fixture
def good_build(tmp_path):
    # A fresh good build for each breakage, so one test's outcome cannot change another's.
    base = tmp_path / "atomic"
    repo = copy_repo(base / "repo-good")
    out = base / "out" / "site"
    result = build(repo, out)
    assert result.returncode == 0, result.stderr
    (out / "marker-from-the-previous-build.txt").write_text("previous", encoding="utf-8")
    return out, snapshot(out)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def unknown_contact(repo):
    line = append(repo / "docs" / DEFAULT / "om.md", "\n{{contact finns-inte}}\n")
    return f"docs/{DEFAULT}/om.md:{line}: error: unknown service id 'finns-inte' (see data/contacts.yml)"


def broken_link(repo):
    append(repo / "docs" / OTHER / "om.md", "\nRead [more](finns-inte.md).\n")
    return "finns-inte.md"


def broken_contacts(repo):
    path = repo / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("services:", "services: [", 1), encoding="utf-8")
    return "data/contacts.yml:"


def script_tag(repo):
    line = append(repo / "docs" / DEFAULT / "om.md", "\n<script>alert(1)</script>\n")
    return f"docs/{DEFAULT}/om.md:{line}: error: unsafe HTML: <script> is not allowed"


def typed_number(repo):
    line = append(repo / "docs" / DEFAULT / "om.md", "\nRing 020-50 50 50.\n")
    return f"docs/{DEFAULT}/om.md:{line}: error: phone number '020-50 50 50' typed in the page"


def letters_in_a_number(repo):
    replace(repo / "data" / "contacts.yml", 'number: "020-50 50 50"', 'number: "020-AB CD"')
    return "error: service 'kvinnofridslinjen': phone '020-AB CD' contains 'A'"


def encoded_javascript(repo):
    line = append(repo / "docs" / DEFAULT / "om.md", "\n[Klicka](jav&#x61;script:alert(1))\n")
    return f"docs/{DEFAULT}/om.md:{line}: error: unsafe link: a 'javascript:' address"


def missing_closing_dashes(repo):
    page = repo / "docs" / DEFAULT / "om.md"
    text = page.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    page.write_text(head + "\n" + body, encoding="utf-8")
    return f"docs/{DEFAULT}/om.md:1: error: the front matter that starts on line 1 is never closed"


def colon_in_title(repo):
    page = repo / "docs" / DEFAULT / "om.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\ntitle: ", "\ntitle: Om oss: ", 1), encoding="utf-8")
    return f"docs/{DEFAULT}/om.md:2: error: put the title in quotes: a colon inside a title ends the title"


def title_only_translation(repo):
    # A translator copies the Swedish page and translates only its title, without stamping it.
    source = (repo / "docs" / DEFAULT / "om.md").read_text(encoding="utf-8")
    (repo / "docs" / OTHER / "om.md").write_text(source.replace("\ntitle: ", "\ntitle: About ", 1), encoding="utf-8")
    return f"docs/{OTHER}/om.md:1: error: this translation is not stamped"


BREAKAGES = [unknown_contact, broken_link, broken_contacts, script_tag, typed_number, letters_in_a_number,
             encoded_javascript, missing_closing_dashes, colon_in_title, title_only_translation]


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path, good_build, breakage):
    out, before = good_build
    repo = copy_repo(tmp_path / "repo-broken")
    expected = breakage(repo)
    result = build(repo, out)
    assert result.returncode == 1
    assert expected in result.stderr
    assert (f"{out}: not built; the previous output was left unchanged" in result.stderr or
            f"{out}: build failed; the previous output was left unchanged" in result.stderr)
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]       # no staging folder left behind
    # The checks find the same mistake before any build, with one line and no traceback.
    check = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(repo)], cwd=ROOT,
                           capture_output=True, text=True)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert expected in check.stderr


def test_a_good_build_replaces_the_output(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    out = tmp_path / "out" / "site"
    out.mkdir(parents=True)
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert build(repo, out).returncode == 0
    assert not (out / "stale.html").exists() and (out / "index.html").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
