"""The atomic deploy tool (helpsite/deploy/release.py): real copies into real folders, real sh/tar.

The live site is watched through an HTTP server whose web root is <target>/current/site, so each
request follows the `current` link as a web server does. (tests/test_nginx.py does the same with
nginx and real bundles.)
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpsite.deploy import bundle, release
from tests.deploytools import start_paused_deploy
from tests.sitebuild import ROOT, StaticServer

PAGES = ("index.html", "en/index.html", "ar/index.html", "om/index.html")
VERSION_RE = re.compile(r'content="([^"]*)"')
T0 = dt.datetime(2026, 11, 28, 12, 0, 0, tzinfo=dt.UTC)


def make_bundle(folder: Path, version: str, server_conf: str = "csp-1", extra: dict | None = None) -> Path:
    """A small bundle folder in the real layout: every page says which version it is."""
    for rel in PAGES:
        page = folder / "site" / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><meta name="site-version" content="{version}"><p>{rel}</p>')
    for rel, data in (extra or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    (folder / "server" / "nginx").mkdir(parents=True)
    (folder / "server" / "nginx" / "stod-headers.conf").write_text(server_conf)
    (folder / "VERSION").write_text(f"{version} 2026-11-28\n")
    bundle.write_manifest(str(folder))
    return folder


def make_zip(folder: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / f"{folder.name}.zip"
    bundle.write_zip(str(folder), str(zip_path), folder.name, T0)
    bundle.write_sums([str(zip_path)], str(out / f"{folder.name}.sha256"))
    return zip_path


def deploy(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.deploy", *args], cwd=cwd, capture_output=True, text=True)


def live_versions(server: StaticServer) -> set[str]:
    """The version each page of the live site says it is, fetched over HTTP."""
    found = set()
    for rel in PAGES:
        with urllib.request.urlopen(f"{server.origin}/{rel}", timeout=5) as response:
            found.add(VERSION_RE.search(response.read().decode()).group(1))
    return found


def releases(target: Path) -> list[str]:
    return sorted(os.listdir(target / "releases"))


def live_release(target: Path) -> str:
    return os.path.basename(os.readlink(target / "current"))


@pytest.fixture
def target(tmp_path):
    return tmp_path / "srv"


@pytest.fixture
def v1_live(tmp_path, target):
    """Version v1 deployed and served."""
    zip_path = make_zip(make_bundle(tmp_path / "helpsite-v1", "v1"), tmp_path / "dist")
    result = deploy("install", str(zip_path), "--target", str(target))
    assert result.returncode == 0, result.stderr
    server = StaticServer(target / "current" / "site")
    yield server
    server.close()


def test_install_makes_a_release_live_through_one_symlink(v1_live, target):
    assert live_versions(v1_live) == {"v1"}
    assert (target / "current").is_symlink()
    (name,) = releases(target)
    assert re.fullmatch(r"\d{8}T\d{6}Z-v1", name)
    assert os.readlink(target / "current") == f"releases/{name}"  # relative: the folder can move
    mode = os.stat(target / "current" / "site" / "index.html").st_mode & 0o777
    assert mode == 0o644


def test_zip_is_checked_against_its_sums_file(tmp_path, target):
    zip_path = make_zip(make_bundle(tmp_path / "helpsite-v1", "v1"), tmp_path / "dist")
    result = deploy("install", str(zip_path), "--target", str(target))
    assert result.returncode == 0 and "checked helpsite-v1.zip" in result.stdout
    sums = tmp_path / "dist" / "helpsite-v1.sha256"
    sums.write_text("0" * 64 + "  helpsite-v1.zip\n")
    result = deploy("install", str(zip_path), "--target", str(target))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("SHA-256 differs from " + str(sums) + "; the download is damaged")
    assert "Traceback" not in result.stderr


def test_second_install_switches_and_rollback_restores(v1_live, tmp_path, target):
    v2 = make_bundle(tmp_path / "helpsite-v2", "v2", server_conf="csp-2")
    result = deploy("install", str(v2), "--target", str(target))
    assert result.returncode == 0, result.stderr
    assert live_versions(v1_live) == {"v2"}
    # nginx reads its settings once: the admin is told when they changed.
    assert "note: the server/ settings" in result.stdout
    first, second = releases(target)

    result = deploy("rollback", "--target", str(target))
    assert result.returncode == 0, result.stderr
    assert live_versions(v1_live) == {"v1"} and live_release(target) == first
    assert f"live: {first} (was {second})" in result.stdout

    result = deploy("rollback", "--target", str(target))
    assert result.returncode == 1 and "no release older than" in result.stderr
    assert live_versions(v1_live) == {"v1"}

    result = deploy("rollback", "--to", second, "--target", str(target))
    assert result.returncode == 0 and live_versions(v1_live) == {"v2"}
    listing = deploy("list", "--target", str(target)).stdout
    assert f"* {second}  v2 2026-11-28  (live)" in listing and f"  {first}  v1 2026-11-28" in listing


def test_keeps_the_newest_releases_only(tmp_path, target):
    for number in range(1, 5):
        folder = make_bundle(tmp_path / f"v{number}", f"v{number}")
        status = release.install(release.Bundle(str(folder)), release.Local(str(target)), keep=2,
                                 now=T0 + dt.timedelta(minutes=number))
        assert status == 0
    assert [name.split("-")[-1] for name in releases(target)] == ["v3", "v4"]
    assert live_release(target).endswith("-v4")


class InterruptedBundle(release.Bundle):
    """The bundle, but the copy is cut off (as by Ctrl-C) after a few files."""

    def files(self):
        for number, item in enumerate(super().files()):
            if number == 4:
                raise KeyboardInterrupt
            yield item


def test_copy_interrupted_halfway_leaves_the_live_site_unchanged(v1_live, tmp_path, target):
    before = releases(target)
    v2 = make_bundle(tmp_path / "helpsite-v2", "v2")
    with pytest.raises(KeyboardInterrupt):
        release.install(InterruptedBundle(str(v2)), release.Local(str(target)))
    assert live_versions(v1_live) == {"v1"}
    assert releases(target) == before  # the half copy was removed, nothing else appeared


def test_deploy_killed_during_the_copy_leaves_the_live_site_unchanged(v1_live, tmp_path, target):
    """kill -9 of the deploy (and its sh and tar) while files are arriving."""
    before = releases(target)
    v2 = make_bundle(tmp_path / "helpsite-v2", "v2", extra={f"site/a/{n}.html": b"a" * 4096 for n in range(40)})
    # The copy stops at site/m/pause.bin: after site/a/… and before site/om/….
    proc = start_paused_deploy(v2, target, "site/m/pause.bin", ".incoming-*/site/a/0.html")
    try:
        assert live_versions(v1_live) == {"v1"}  # mid-copy
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert live_versions(v1_live) == {"v1"}
    assert [name for name in releases(target) if not name.startswith(".")] == before
    assert list((target / "releases").glob(".incoming-*"))  # the leftover, never live

    # The next deploy removes the leftover and goes live.
    os.remove(v2 / "site" / "m" / "pause.bin")
    make_bundle(tmp_path / "helpsite-v3", "v3")
    result = deploy("install", str(tmp_path / "helpsite-v3"), "--target", str(target))
    assert result.returncode == 0, result.stderr
    assert live_versions(v1_live) == {"v3"}
    assert not list((target / "releases").glob(".incoming-*"))


def test_damaged_bundle_is_refused_before_the_switch(v1_live, tmp_path, target):
    v2 = make_bundle(tmp_path / "helpsite-v2", "v2")
    (v2 / "site" / "om" / "index.html").write_text("tampered")
    result = deploy("install", str(v2), "--target", str(target))
    assert result.returncode == 1
    assert "site/om/index.html does not match MANIFEST.sha256" in result.stderr
    assert live_versions(v1_live) == {"v1"} and len(releases(target)) == 1


def test_one_deploy_at_a_time(v1_live, tmp_path, target):
    v2 = make_bundle(tmp_path / "helpsite-v2", "v2")
    with open(target / ".deploy.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = deploy("install", str(v2), "--target", str(target))
    assert result.returncode == 1 and "another deploy or rollback is running" in result.stderr
    assert live_versions(v1_live) == {"v1"}


def test_a_real_folder_named_current_is_left_alone(tmp_path, target):
    (target / "current").mkdir(parents=True)
    result = deploy("install", str(make_bundle(tmp_path / "b", "v1")), "--target", str(target))
    assert result.returncode == 1 and "is a folder, not a link" in result.stderr
    assert (target / "current").is_dir() and not (target / "current").is_symlink()


def test_bundled_deploy_py_runs_with_the_standard_library_alone(tmp_path, target):
    folder = tmp_path / "helpsite-v1"
    (folder).mkdir()
    (folder / "deploy.py").write_bytes((ROOT / "helpsite" / "deploy" / "release.py").read_bytes())
    make_bundle(folder, "v1")
    # No arguments but the target: it installs the bundle it sits in. -I: no site-packages, no cwd.
    result = subprocess.run(["python3", "-I", str(folder / "deploy.py"), "install", "--target", str(target)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (target / "current" / "site" / "index.html").read_text().count('content="v1"') == 1


@pytest.mark.parametrize("text,kind,host,path", [
    ("/srv/stod", release.Local, None, "/srv/stod"),
    ("web1:/srv/stod", release.Remote, "web1", "/srv/stod"),
    ("admin@web1.example.se:/srv/stod", release.Remote, "admin@web1.example.se", "/srv/stod"),
    ("C:/inetpub/stod", release.Local, None, None),
    ("-oProxyCommand=evil:/x", release.Local, None, None),
])
def test_targets(text, kind, host, path):
    target = release.parse_target(text)
    assert isinstance(target, kind)
    if kind is release.Remote:
        assert (target.host, target.path) == (host, path)
    elif path:
        assert target.path == path


def test_ssh_command_line(tmp_path):
    remote = release.Remote("admin@web1", "/srv/my stod")
    argv = remote.argv(release.ROLLBACK_SH, "")
    assert argv[:5] == ["ssh", "-o", "BatchMode=yes", "--", "admin@web1"]
    assert len(argv) == 6
    # sshd runs the one command line with the login shell: it must split back into the same words.
    assert shlex.split(argv[5]) == ["sh", "-c", release.ROLLBACK_SH, "deploy", "/srv/my stod", ""]
    with pytest.raises(release.DeployError):
        release.Remote("-oProxyCommand=x", "/srv")


def test_ssh_command_line_deploys_when_a_shell_runs_it(v1_live, tmp_path, target):
    """What sshd would run (`$SHELL -c '<command line>'`), run here by sh: the remote path works."""
    remote = release.Remote("web1", str(target))
    v2 = release.Bundle(str(make_bundle(tmp_path / "helpsite-v2", "v2")))
    command = remote.command(release.INSTALL_SH, release.release_id(v2.version()), "5")
    proc = subprocess.Popen(["sh", "-c", command], stdin=subprocess.PIPE)
    release.tar_stream(v2, proc.stdin, time.time())
    proc.stdin.close()
    assert proc.wait() == 0
    assert live_versions(v1_live) == {"v2"}
    assert subprocess.run(["sh", "-c", remote.command(release.ROLLBACK_SH, "")]).returncode == 0
    assert live_versions(v1_live) == {"v1"}


def test_errors_are_one_line_without_traceback(tmp_path, target):
    result = deploy("install", str(tmp_path / "nothing-here"), "--target", str(target))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "error:" in result.stderr and "Traceback" not in result.stderr
    result = deploy("install", str(make_bundle(tmp_path / "b", "v1")), "--keep", "1", "--target", str(target))
    assert result.returncode == 1 and "--keep must be at least 2" in result.stderr
    result = deploy("rollback", "--to", "../../etc", "--target", str(target))
    assert result.returncode == 1 and "is not a release name" in result.stderr
