"""A failed build changes nothing: the previous output stays byte for byte, and nothing is left behind.

Runs scripts.build_site on a temporary copy of the repository, first good, then broken in
three ways an editor could break it; the checks name the same mistake with its file and line.
"""
import hashlib
import subprocess
import sys

import pytest

from tests.sitebuild import ROOT, copy_repo


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


def unknown_contact(repo):
    line = append(repo / "docs" / "sv" / "om.md", "\n{{contact finns-inte}}\n")
    return f"docs/sv/om.md:{line}: error: unknown service id 'finns-inte' (see data/contacts.yml)"


def broken_link(repo):
    append(repo / "docs" / "en" / "om.md", "\nRead [more](finns-inte.md).\n")
    return "finns-inte.md"


def broken_contacts(repo):
    path = repo / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("services:", "services: [", 1), encoding="utf-8")
    return "data/contacts.yml:"


@pytest.mark.parametrize("breakage", [unknown_contact, broken_link, broken_contacts])
def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path, good_build, breakage):
    out, before = good_build
    repo = copy_repo(tmp_path / "repo-broken")
    expected = breakage(repo)
    result = build(repo, out)
    assert result.returncode == 1
    assert expected in result.stderr
    assert f"{out}: build failed; the previous output was left unchanged" in result.stderr
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
