"""The same site from both engines: MkDocs 1.6 (the default) and ProperDocs, its maintained fork.

`make test` makes ProperDocs' own environment (.venv-properdocs); both build the real site with
scripts.build_site, and every file of the two sites must be the same, byte for byte.
"""
from __future__ import annotations

import filecmp
import json
import os
import subprocess

import pytest

from tests.sitebuild import ROOT

PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"


def build_with(python, out, tmp_path):
    env = {**os.environ, "SITE_URL": "https://stod.example.se/", "EXIT_URL": "https://www.smhi.se/"}
    result = subprocess.run([str(python), "-m", "scripts.build_site", "--out", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def _json(path: str):
    with open(path, "rb") as fh:
        return json.load(fh)


def differences(a, b) -> list[str]:
    found = []
    compare = filecmp.dircmp(a, b)
    found += [f"only in one: {name}" for name in compare.left_only + compare.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, compare.common_files, shallow=False)
    # Pagefind writes its entry file's language keys in a different order on each run, even with
    # one engine: JSON is compared as data.
    found += [name for name in mismatch
              if not name.endswith(".json") or _json(os.path.join(a, name)) != _json(os.path.join(b, name))]
    found += errors
    for sub in compare.common_dirs:
        found += [f"{sub}/{name}" for name in differences(os.path.join(a, sub), os.path.join(b, sub))]
    return found


def test_properdocs_builds_the_same_site(tmp_path):
    if not PROPERDOCS_PYTHON.exists():
        pytest.fail(f"{PROPERDOCS_PYTHON} is missing: run 'make test', which creates it")
    version = subprocess.run([str(PROPERDOCS_PYTHON), "-c", "import properdocs, importlib.util; "
                              "print(importlib.util.find_spec('mkdocs') is not None)"],
                             capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    mkdocs_site, properdocs_site = tmp_path / "mkdocs", tmp_path / "properdocs"
    build_with(ROOT / ".venv" / "bin" / "python", mkdocs_site, tmp_path)
    build_with(PROPERDOCS_PYTHON, properdocs_site, tmp_path)
    assert differences(mkdocs_site, properdocs_site) == []
    assert (properdocs_site / "en" / "index.html").exists()


def test_the_site_environment_has_no_theme_package():
    """Material for MkDocs (end of life 2027-05-05) is the benchmark's reference only."""
    import importlib.util
    assert importlib.util.find_spec("material") is None, "mkdocs-material is installed in the site's environment"
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    assert "mkdocs-material" not in requirements
