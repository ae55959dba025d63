"""What a file looked like in the last commit, for checks that compare an edit with what it changed.

Comparing against the last commit (not a recorded copy) means nothing extra to keep in step: it
is the state before this edit, it is in every checkout without a network, and it needs no branch
name. Outside a git checkout (a zip, a copy made by a test) there is nothing to compare with, and
callers say so.
"""
from __future__ import annotations

import subprocess

# git's own words, shortened to what an editor can act on.
_REASONS = (("not a git repository", "this folder is not a git checkout"),
            ("invalid object name", "there is no commit yet"),
            ("unknown revision", "there is no commit yet"),
            ("bad revision", "there is no commit yet"))
_NEW_FILE = ("exists on disk, but not in", "does not exist in")


class NoHistory(Exception):
    """There is nothing to compare with; the message says why, in an editor's words."""


def _git(root: str, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise NoHistory("git is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoHistory(f"git could not be run ({type(exc).__name__})") from None


def _why(stderr: bytes) -> str:
    said = stderr.decode("utf-8", "replace")
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    fatal = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "no reason given")
    return next((why for words, why in _REASONS if words in said),
                f"git could not read it: {fatal.removeprefix('fatal:').strip()}")


def committed_text(root: str, rel_path: str) -> str | None:
    """The file's text at HEAD; None when the file is new (not in HEAD). Raises NoHistory."""
    result = _git(root, "show", f"HEAD:./{rel_path}")
    if result.returncode != 0:
        if any(words in result.stderr.decode("utf-8", "replace") for words in _NEW_FILE):
            return None
        raise NoHistory(_why(result.stderr))
    return result.stdout.decode("utf-8", errors="replace")


def changed_since_commit(root: str, folder: str) -> set[str]:
    """Repository-relative paths below `folder` that differ from HEAD (one git call). Raises NoHistory."""
    result = _git(root, "diff", "--name-only", "HEAD", "--", folder)
    if result.returncode != 0:
        raise NoHistory(_why(result.stderr))
    return set(result.stdout.decode("utf-8", "replace").split())
