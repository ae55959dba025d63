"""A phone number changed since the last commit needs a new 'checked' date and a changed source.

Each test commits the clean fixture site to a new git repository, edits data/contacts.yml as an
editor would, and runs the real scripts.check on it.
"""
import pytest

from tests.test_check import CLEAN_ENV, fixture_repo, git, run_check

CONTACTS = "data/contacts.yml"
CHANGED = ("data/contacts.yml:24: error: service 'kvinnofridslinjen': phone '020-51 51 51' is new or changed since "
           "the last commit (it was '020-50 50 50'), but {missing} did not change; confirm the number at its "
           "source, then update 'checked' and that source in the same change")
CANNOT = ("data/contacts.yml:1: warning: could not compare the phone numbers with the last commit ({why}); a "
          "changed number was not checked for a new 'checked' date and source")


def edit(repo, *replacements):
    path = repo / CONTACTS
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


NUMBER = ('"020-50 50 50"', '"020-51 51 51"')
# Kvinnofridslinjen's 'checked', found by its source on the line above (112 has the same date).
CHECKED = ('kvinnofridslinjen.se/", date: "undated"}\n    checked: "2026-06"',
           'kvinnofridslinjen.se/", date: "undated"}\n    checked: "2026-11"')
SOURCE = ('{url: "https://kvinnofridslinjen.se/", date: "undated"}',
          '{url: "https://kvinnofridslinjen.se/", date: "2026-11-20"}')


@pytest.fixture
def repo(tmp_path):
    return fixture_repo(tmp_path, "base")


@pytest.mark.parametrize("changes, missing", [
    ([NUMBER], "'checked' and a source (its url or date)"),
    ([NUMBER, CHECKED], "a source (its url or date)"),
    ([NUMBER, SOURCE], "'checked'"),
], ids=["number-only", "number-and-checked", "number-and-source"])
def test_a_changed_number_without_checked_and_source_is_an_error(repo, changes, missing):
    edit(repo, *changes)
    assert run_check(repo) == (1, [CHANGED.format(missing=missing)])


def test_a_changed_number_with_checked_and_source_is_fine(repo):
    edit(repo, NUMBER, CHECKED, SOURCE)
    assert run_check(repo) == (0, [])


def test_a_new_source_counts_as_a_changed_source(repo):
    edit(repo, NUMBER, CHECKED, (SOURCE[0], SOURCE[0] + '\n      - {url: "https://www.nck.uu.se/", date: "2026-11"}'))
    assert run_check(repo) == (0, [])


def test_the_same_number_written_differently_is_not_a_change(repo):
    edit(repo, ('"020-50 50 50"', '"020 50 50 50"'))
    assert run_check(repo) == (0, [])


def test_an_added_number_is_a_change(repo):
    edit(repo, ('      - number: "020-50 50 50"\n', '      - number: "020-50 50 50"\n      - number: "08-123 456 78"\n'))
    assert run_check(repo) == (1, [
        "data/contacts.yml:25: error: service 'kvinnofridslinjen': phone '08-123 456 78' is new or changed since the "
        "last commit, but 'checked' and a source (its url or date) did not change; confirm the number at its "
        "source, then update 'checked' and that source in the same change"])


def test_once_committed_the_change_is_history(repo):
    """The rule is about an edit: after the commit, HEAD holds the new number (see CONTRIBUTING.md)."""
    edit(repo, NUMBER)
    git(repo, "commit", "-q", "-am", "new number")
    assert run_check(repo) == (0, [])


def test_outside_git_one_warning_says_it_could_not_compare(tmp_path):
    repo = fixture_repo(tmp_path, "base", commit=False)
    edit(repo, NUMBER)
    assert run_check(repo) == (0, [CANNOT.format(why="this folder is not a git checkout")])


def test_before_the_first_commit_one_warning(tmp_path):
    repo = fixture_repo(tmp_path, "base", commit=False)
    git(repo, "init", "-q")
    assert run_check(repo) == (0, [CANNOT.format(why="there is no commit yet")])


def test_without_git_installed_one_warning(tmp_path, monkeypatch):
    repo = fixture_repo(tmp_path, "base")
    # run_check passes CLEAN_ENV on: an empty PATH leaves no git to run (python is called by its full path).
    monkeypatch.setitem(CLEAN_ENV, "PATH", "")
    assert run_check(repo) == (0, [CANNOT.format(why="git is not installed")])
