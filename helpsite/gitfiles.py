"""What a file looked like in the last commit, for checks that compare an edit with what it changed.

Comparing against the last commit (not a recorded copy) means nothing extra to keep in step: the
commit is the editor's own baseline in a pull request. Outside a git checkout (a zip, a copy made
by a test) there is nothing to compare with, and callers say so in a warning.
"""
from __future__ import annotations

import os
import subprocess


class NoHistory(Exception):
    """The folder is not a git checkout, or git is not installed."""


def committed_text(root: str, rel_path: str) -> str | None:
    """The file's text at HEAD; None when the file is new (not in HEAD). Raises NoHistory."""
    if not os.path.exists(os.path.join(root, ".git")):
        raise NoHistory(f"{root} is not a git checkout")
    try:
        result = subprocess.run(["git", "show", f"HEAD:{rel_path}"], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoHistory(str(exc)) from None
    if result.returncode != 0:
        # A new file, or a repository without commits: nothing was there before.
        return None
    return result.stdout.decode("utf-8", errors="replace")


def changed_since_commit(root: str, folder: str) -> set[str]:
    """Repository-relative paths below `folder` that differ from HEAD (one git call). Raises NoHistory."""
    if not os.path.exists(os.path.join(root, ".git")):
        raise NoHistory(f"{root} is not a git checkout")
    try:
        result = subprocess.run(["git", "diff", "--name-only", "HEAD", "--", folder], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoHistory(str(exc)) from None
    return set(result.stdout.split()) if result.returncode == 0 else set()
