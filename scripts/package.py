"""Release bundle: strict build with site_url, server settings, zip and SHA-256 sums in dist/.

Usage: python -m scripts.package [--site-url https://host/path/] [--out dist] [--install-dir /srv/stod]
                                 [--no-offline]

Writes dist/helpsite-<date>-<commit>.zip (the server bundle: see helpsite/deploy/bundle.py),
dist/helpsite-<date>-<commit>-offline.zip (the copy for file://: a kiosk or a USB stick) and
dist/helpsite-<date>-<commit>.sha256 (`sha256sum -c` checks both). site_url comes from
--site-url, else the SITE_URL environment variable, else mkdocs.yml.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from helpsite.deploy import bundle, offline, policy, serverconf
from helpsite.siteconfig import language_prefix, languages, load_config
from scripts.build_site import build

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "mkdocs.yml"
OFFLINE_CONFIG = "offline.yml"


class PackageError(Exception):
    """One or more 'path[:line]: error: message' lines; the release was not written."""


def config_line(key: str, path: Path = ROOT / CONFIG) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def site_url_from(arg: str | None, config: dict) -> str:
    url = arg or os.environ.get("SITE_URL") or config.get("site_url") or ""
    where = "--site-url" if arg else "SITE_URL" if os.environ.get("SITE_URL") else f"{CONFIG}:{config_line('site_url')}"
    if not url:
        raise PackageError(f"{CONFIG}:{config_line('site_url')}: error: site_url is empty; the bundle needs the "
                           "address it will be served at: python -m scripts.package --site-url https://host/path/ "
                           "(or set SITE_URL)")
    try:
        return serverconf.normalize_site_url(url)
    except ValueError as exc:
        raise PackageError(f"{where}: error: {exc}") from None


def build_checked(out: Path, config: str, env: dict) -> None:
    if build(str(out), config, env) != 0:
        raise PackageError(f"{config}: error: the strict build failed (see above); nothing was written to dist/")


def server_bundle(work: Path, name: str, site_url: str, version: bundle.Version, install_dir: str,
                  config: dict) -> Path:
    """Build, check and assemble the server bundle folder; returns it."""
    folder = work / name
    site = folder / "site"
    build_checked(site, CONFIG, {"SITE_URL": site_url, "SITE_VERSION": version.text})
    langs = languages(config)
    problems = bundle.check_site(str(site), version.text, site_url,
                                 {lang.code: language_prefix(lang) for lang in langs})
    if problems:
        raise PackageError("\n".join(problems))
    try:
        csp = policy.header_csp(str(site))
    except policy.PolicyError as exc:
        raise PackageError(str(exc)) from None
    ctx = serverconf.context(site_url, langs, csp, version.text, install_dir=install_dir, site_dir=str(site))
    serverconf.write(str(ROOT / "deploy"), str(folder), ctx)
    shutil.copyfile(ROOT / "helpsite" / "deploy" / "release.py", folder / "deploy.py")
    shutil.copyfile(ROOT / "deploy" / "README.md", folder / "README.md")
    (folder / bundle.VERSION_FILE).write_text(version.text + "\n", encoding="utf-8")
    bundle.write_manifest(str(folder))
    return folder


def offline_bundle(work: Path, name: str, site_url: str, version: bundle.Version) -> Path:
    folder = work / name
    build_checked(folder, OFFLINE_CONFIG, {"SITE_URL": site_url, "SITE_VERSION": version.text})
    offline.make_offline(str(folder))
    problems = offline.broken_links(str(folder))
    if problems:
        raise PackageError("\n".join(f"{name}/{line}" for line in problems))
    return folder


def make_package(site_url: str | None, out: Path, install_dir: str, with_offline: bool) -> list[Path]:
    config = load_config(str(ROOT / CONFIG))
    site_url = site_url_from(site_url, config)
    version = bundle.Version(bundle.git_commit(str(ROOT)), bundle.build_moment())
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix=".package-", dir=out) as tmp:
        work = Path(tmp)
        folder = server_bundle(work, version.name, site_url, version, install_dir, config)
        zips = [out / f"{version.name}.zip"]
        bundle.write_zip(str(folder), str(zips[0]), version.name, version.moment)
        if with_offline:
            name = f"{version.name}-offline"
            zips.append(out / f"{name}.zip")
            bundle.write_zip(str(offline_bundle(work, name, site_url, version)), str(zips[1]), name,
                             version.moment)
        sums = out / f"{version.name}.sha256"
        bundle.write_sums([str(path) for path in zips], str(sums))
        written = [*zips, sums]
    print(f"version {version.text}, site_url {site_url}")
    for path in written:
        print(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-url", help="address the site is served at, e.g. https://example.se/stod/")
    parser.add_argument("--out", default="dist", help="folder for the zips and sums (default: dist)")
    parser.add_argument("--install-dir", default=serverconf.DEFAULT_INSTALL_DIR,
                        help="server folder the deploy tool installs into; written into the server settings")
    parser.add_argument("--no-offline", action="store_true", help="skip the file:// copy")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    os.chdir(ROOT)  # mkdocs.yml, docs/ and data/ are found relative to the repository
    try:
        make_package(args.site_url, out, args.install_dir, not args.no_offline)
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
