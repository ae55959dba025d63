"""Every command fails in plain words: for a broken or missing mkdocs.yml, a missing data file or
the wrong working folder, each prints `path:line: error: message`, no traceback, and exits non-zero.

The commands are the ones the README lists; each runs for real, on a copy of the repository.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.deploytools import free_port
from tests.sitebuild import NEW_CODE, copy_repo

ERROR_LINE = re.compile(r"^[\w./-]+:\d+: error: \S", re.M)


def commands(port: int) -> dict[str, list[str]]:
    """Each command as an editor or admin runs it (serve gets its own free port)."""
    return {
        "build_site": ["scripts.build_site", "--out", "out"],
        "check": ["scripts.check"],
        "translations": ["scripts.translations", "status"],
        "new_language": ["scripts.new_language", NEW_CODE],
        "posters": ["scripts.posters", "--site-url", "https://stod.example.se/"],
        "package": ["scripts.package", "--site-url", "https://stod.example.se/", "--no-offline"],
        "serve": ["scripts.serve", "--port", str(port)],
    }


# What each mistake is, and the commands that read what it breaks (translations and new_language
# read no contacts, so a missing contacts file is not their business).
MISTAKES = {
    "no config here": set(commands(0)),
    "broken config": set(commands(0)),
    "missing contacts": {"build_site", "check", "posters", "package"},
}


def run(cwd, args):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def repos(tmp_path_factory):
    base = tmp_path_factory.mktemp("commands")
    empty = base / "empty"
    empty.mkdir()
    broken = copy_repo(base / "broken")
    config = broken / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: [", 1), encoding="utf-8")
    missing = copy_repo(base / "missing")
    (missing / "data" / "contacts.yml").unlink()
    return {"no config here": empty, "broken config": broken, "missing contacts": missing}


@pytest.mark.parametrize("mistake, name", [(m, n) for m, names in MISTAKES.items() for n in sorted(names)])
def test_a_mistake_is_one_plain_line(repos, mistake, name):
    result = run(repos[mistake], commands(free_port())[name])
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    first = ERROR_LINE.search(result.stderr)
    assert first, result.stderr
    expected = {"no config here": r"mkdocs\.yml:1: error: there is no site config here",
                "broken config": r"mkdocs\.yml:\d+: error: this is not valid YAML",
                "missing contacts": r"data/contacts\.yml:1: error: this file is missing"}[mistake]
    assert re.search(expected, result.stderr), result.stderr


def test_the_build_works_from_another_folder(tmp_path):
    """Paths come from the config file's folder, not from where the command runs."""
    repo = copy_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(elsewhere, ["scripts.build_site", "--config", str(repo / "mkdocs.yml"), "--out", str(tmp_path / "out")])
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").exists()
    result = run(elsewhere, ["mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(tmp_path / "raw")])
    assert result.returncode == 0, result.stderr
