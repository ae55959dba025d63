#!/usr/bin/env python3
"""Deploy a release bundle without ever leaving a half-copied site live; roll back in one command.

    python3 deploy.py install [BUNDLE.zip | BUNDLE-FOLDER] --target /srv/stod
    python3 deploy.py install BUNDLE.zip --target admin@web1:/srv/stod      (over SSH)
    python3 deploy.py rollback --target /srv/stod [--to RELEASE]
    python3 deploy.py list --target /srv/stod

On the target:
    releases/<id>/   one folder per deployed bundle (site/, server/, VERSION, MANIFEST.sha256)
    current          a symlink to releases/<id>; the web server serves current/site/

Why a visitor never sees a half-copied site:
- files go into releases/.incoming-<id>/; nothing the web server reads changes while they arrive;
- the copy is checked against the bundle's MANIFEST.sha256 and flushed to disk before the switch;
- the switch renames a new symlink over `current`: rename(2) is atomic, so every request sees
  the old release or the new one;
- if the copy is interrupted (Ctrl-C, a dropped SSH connection, a killed process), only
  .incoming-<id>/ is left, and the next deploy removes it.

The steps on the target are small POSIX sh scripts, run by `sh -c` for a local folder and by
`ssh HOST sh -c` for a remote one, so the local case runs exactly what a server runs. The files
travel as a tar stream on the script's standard input (no rsync needed on either side).
Standard library only: this file is shipped in every bundle as deploy.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import re
import shlex
import subprocess
import sys
import tarfile
import zipfile

MANIFEST = "MANIFEST.sha256"
DEFAULT_KEEP = 5
REMOTE_RE = re.compile(r"^(?P<host>(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9._-]+):(?P<path>.+)$")
ID_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._-]+")

# Shared start of every step: go to the target, take the lock (flock from util-linux; the kernel
# drops it when the shell ends, even when it is killed), and define fail().
PRELUDE = r"""
set -eu
base=$1; shift
fail() { echo "deploy: error: $*" >&2; exit 1; }
mkdir -p "$base/releases"
cd "$base"
if command -v flock >/dev/null 2>&1; then
  exec 9>.deploy.lock
  flock -n 9 || fail "another deploy or rollback is running in $base"
fi
if [ -e current ] && [ ! -L current ]; then
  fail "$base/current is a folder, not a link: move it away once, then deploy again"
fi
live=""
[ -L current ] && live=$(basename "$(readlink current)")
switch() {  # point `current` at releases/$1 in one atomic rename
  ln -s "releases/$1" ".current.$$"
  mv -T ".current.$$" current
}
server_note() {  # nginx and the Apache vhost read their settings once, not from the release
  if [ -n "$1" ] && [ -d "releases/$1/server" ] \
     && ! diff -r "releases/$1/server" "releases/$2/server" >/dev/null 2>&1; then
    echo "note: the server/ settings of $2 differ from those of $1 (e.g. the CSP): install" \
         "releases/$2/server/ files for nginx or the Apache vhost again and reload (README.md)"
  fi
}
"""

INSTALL_SH = PRELUDE + r"""
id=$1; keep=$2
rm -rf releases/.incoming-*             # left by interrupted deploys; never live
[ ! -e "releases/$id" ] || fail "releases/$id already exists"
incoming="releases/.incoming-$id"
mkdir "$incoming"
trap 'rm -rf "$incoming"' EXIT
tar -xf - -C "$incoming" || fail "the copy was interrupted; the live site was not changed"
( cd "$incoming" && sha256sum --quiet --strict -c "MANIFEST.sha256" ) \
  || fail "the copied files do not match MANIFEST.sha256; the live site was not changed"
sync
mv "$incoming" "releases/$id"
trap - EXIT
switch "$id"
echo "live: $id${live:+ (was $live)}"
server_note "$live" "$id"
# Keep the newest $keep releases, and always the live one.
ls -1 releases | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  [ "$old" = "$id" ] || rm -rf "releases/$old"
done
"""

ROLLBACK_SH = PRELUDE + r"""
to=${1:-}
[ -n "$live" ] || fail "nothing is live in $base"
if [ -z "$to" ]; then
  # The newest release older than the live one (names start with the deploy time).
  to=$(ls -1 releases | sort | awk -v live="$live" '$0 < live' | tail -n 1)
  [ -n "$to" ] || fail "there is no release older than $live"
fi
[ -d "releases/$to" ] || fail "there is no release $to"
switch "$to"
echo "live: $to (was $live)"
server_note "$live" "$to"
"""

LIST_SH = PRELUDE + r"""
for name in $(ls -1 releases | sort); do
  version=$(cat "releases/$name/VERSION" 2>/dev/null || true)
  if [ "$name" = "$live" ]; then echo "* $name  $version  (live)"; else echo "  $name  $version"; fi
done
"""


class DeployError(Exception):
    """A problem found before anything was sent; the target was not touched."""


class Local:
    """A folder on this machine."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)

    def argv(self, script: str, *args: str) -> list[str]:
        return ["sh", "-c", script, "deploy", self.path, *args]


class Remote:
    """A folder on another machine, reached with ssh (keys or an agent; never a password prompt)."""

    def __init__(self, host: str, path: str, ssh: tuple[str, ...] = ("ssh", "-o", "BatchMode=yes")):
        if host.startswith("-"):
            raise DeployError(f"{host}: error: not a host name")
        self.host, self.path, self.ssh = host, path, ssh

    def command(self, script: str, *args: str) -> str:
        # ssh hands the remote login shell one command line: quote every word for it.
        return " ".join(shlex.quote(word) for word in ["sh", "-c", script, "deploy", self.path, *args])

    def argv(self, script: str, *args: str) -> list[str]:
        return [*self.ssh, "--", self.host, self.command(script, *args)]


def parse_target(text: str) -> Local | Remote:
    """'/srv/stod' -> Local; 'admin@web1:/srv/stod' or 'web1:/srv/stod' -> Remote."""
    match = REMOTE_RE.match(text)
    if match and not os.path.exists(text):
        return Remote(match.group("host"), match.group("path"))
    return Local(text)


class Bundle:
    """The files of a bundle, from its zip or from its unpacked folder, checked against its manifest."""

    def __init__(self, source: str):
        self.source = source
        self.zip = zipfile.ZipFile(source) if zipfile.is_zipfile(source) else None
        if self.zip is None and not os.path.isfile(os.path.join(source, MANIFEST)):
            raise DeployError(f"{source}: error: neither a bundle zip nor a folder with {MANIFEST}")
        self.top = ""
        if self.zip:
            names = [n for n in self.zip.namelist() if n.endswith("/" + MANIFEST) and n.count("/") == 1]
            if not names:
                raise DeployError(f"{source}: error: no {MANIFEST} in the zip's top folder")
            self.top = names[0][: -len(MANIFEST)]
        self.manifest = self._parse_manifest(self.read(MANIFEST).decode("utf-8"))

    def read(self, rel: str) -> bytes:
        if self.zip:
            return self.zip.read(self.top + rel)
        with open(os.path.join(self.source, rel), "rb") as fh:
            return fh.read()

    def _parse_manifest(self, text: str) -> dict[str, str]:
        out = {}
        for number, line in enumerate(text.splitlines(), 1):
            digest, sep, rel = line.partition("  ")
            if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or rel.startswith("/") or ".." in rel.split("/"):
                raise DeployError(f"{self.source}:{MANIFEST}:{number}: error: not a 'sha256  path' line")
            out[rel] = digest
        return out

    def version(self) -> str:
        return self.read("VERSION").decode("utf-8").strip() if "VERSION" in self.manifest else "unknown"

    def files(self):
        """(relative path, content) for the manifest first and then every file it lists, each checked."""
        yield MANIFEST, self.read(MANIFEST)
        for rel, digest in sorted(self.manifest.items()):
            data = self.read(rel)
            if hashlib.sha256(data).hexdigest() != digest:
                raise DeployError(f"{self.source}: error: {rel} does not match {MANIFEST}; the bundle is damaged")
            yield rel, data


def check_sums(zip_path: str) -> str | None:
    """Check the zip against the .sha256 file package.py writes beside it; None when there is none."""
    sums = os.path.splitext(zip_path)[0] + ".sha256"
    if not os.path.isfile(sums):
        return None
    name = os.path.basename(zip_path)
    with open(sums, encoding="utf-8") as fh:
        listed = dict(reversed(line.strip().split("  ", 1)) for line in fh if "  " in line)
    if name not in listed:
        raise DeployError(f"{sums}: error: does not list {name}")
    digest = hashlib.sha256()
    with open(zip_path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    if digest.hexdigest() != listed[name]:
        raise DeployError(f"{zip_path}: error: SHA-256 differs from {sums}; the download is damaged")
    return sums


def release_id(version: str, now: dt.datetime | None = None) -> str:
    """'<UTC deploy time>-<commit>': sorts by deploy time, says which commit is live."""
    now = now or dt.datetime.now(dt.UTC)
    commit = ID_UNSAFE_RE.sub("-", version.split()[0] if version.split() else "unknown")
    return f"{now:%Y%m%dT%H%M%SZ}-{commit}"


def tar_stream(bundle: Bundle, out, mtime: float) -> None:
    """Write the bundle's files as a tar stream; files 0644 and folders 0755 whatever the umask.

    Every file gets the deploy time as its date: web servers derive ETag and Last-Modified from
    date and size, so a changed file of the same size must not keep an old date.
    """
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        folders = set()
        for rel, data in bundle.files():
            parts = rel.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                folder = "/".join(parts[:depth])
                if folder not in folders:
                    folders.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, mtime
                    tar.addfile(info)
            info = tarfile.TarInfo(rel)
            info.size, info.mode, info.mtime = len(data), 0o755 if rel.endswith(".py") else 0o644, mtime
            tar.addfile(info, io.BytesIO(data))


def install(bundle: Bundle, target: Local | Remote, keep: int = DEFAULT_KEEP, now=None) -> int:
    """Copy the bundle into a new release on the target and switch to it; returns the exit status."""
    now = now or dt.datetime.now(dt.UTC)
    proc = subprocess.Popen(target.argv(INSTALL_SH, release_id(bundle.version(), now), str(keep)),
                            stdin=subprocess.PIPE)
    try:
        tar_stream(bundle, proc.stdin, now.timestamp())
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the target stopped reading; its own message says why
    except BaseException:
        # Stop mid-stream: the target's tar sees a cut archive and stops before the switch.
        _close_quietly(proc.stdin)
        proc.wait()
        raise
    _close_quietly(proc.stdin)
    return proc.wait()


def _close_quietly(stream) -> None:
    try:
        stream.close()
    except OSError:
        pass


def run(target: Local | Remote, script: str, *args: str) -> int:
    return subprocess.run(target.argv(script, *args), stdin=subprocess.DEVNULL).returncode


def main(argv: list[str] | None = None) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    inst = sub.add_parser("install", help="copy a bundle into a new release and make it live")
    inst.add_argument("bundle", nargs="?", default=here if os.path.isfile(os.path.join(here, MANIFEST)) else None,
                      help="bundle zip or unpacked bundle folder (default: the bundle this file is in)")
    inst.add_argument("--keep", type=int, default=DEFAULT_KEEP, help="releases to keep (at least 2)")
    back = sub.add_parser("rollback", help="make the release before the live one live again")
    back.add_argument("--to", default="", help="a release name from `list` instead of the previous one")
    sub.add_parser("list", help="list the releases on the target")
    for command in (inst, back, sub.choices["list"]):
        command.add_argument("--target", required=True, help="folder, or [user@]host:/folder over SSH")
    args = parser.parse_args(argv)
    try:
        target = parse_target(args.target)
        if args.command == "rollback":
            if args.to and (args.to.startswith(".") or ID_UNSAFE_RE.search(args.to)):
                raise DeployError(f"deploy: error: {args.to!r} is not a release name (see `list`)")
            return run(target, ROLLBACK_SH, args.to)
        if args.command == "list":
            return run(target, LIST_SH)
        if not args.bundle:
            raise DeployError("deploy: error: name the bundle zip or folder to install")
        if args.keep < 2:
            raise DeployError("deploy: error: --keep must be at least 2, so that a rollback is possible")
        if zipfile.is_zipfile(args.bundle):
            sums = check_sums(args.bundle)
            print(f"checked {os.path.basename(args.bundle)} against {sums}" if sums
                  else f"note: no .sha256 file beside {args.bundle}; checking the files against {MANIFEST} only")
        return install(Bundle(args.bundle), target, args.keep)
    except (DeployError, OSError, zipfile.BadZipFile) as exc:
        print(exc if isinstance(exc, DeployError) else f"deploy: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("deploy: interrupted; the live site was not changed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
