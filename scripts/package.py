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
from helpsite.site import Site, SiteUrlError, load_site, normalise_site_url
from helpsite.yamlpos import DataError
from scripts.build_site import build

OFFLINE_CONFIG = "offline.yml"     # next to mkdocs.yml: the same site for file://


class PackageError(Exception):
    """One or more 'path[:line]: error: message' lines; the release was not written."""


def config_line(key: str, site: Site) -> int:
    with open(site.config_path, encoding="utf-8") as fh:
        return next((n for n, line in enumerate(fh, 1) if line.startswith(f"{key}:")), 1)


def site_url_from(arg: str | None, site: Site) -> str:
    shown = site.display(site.config_path)
    url = arg or os.environ.get("SITE_URL") or site.config.get("site_url") or ""
    where = ("--site-url" if arg else "SITE_URL" if os.environ.get("SITE_URL")
             else f"{shown}:{config_line('site_url', site)}")
    if not url:
        raise PackageError(f"{shown}:{config_line('site_url', site)}: error: site_url is empty; the bundle needs "
                           "the address it will be served at: python -m scripts.package --site-url "
                           "https://host/path/ (or set SITE_URL)")
    try:
        return normalise_site_url(url)
    except SiteUrlError as exc:
        raise PackageError(f"{where}: error: {exc}") from None


def build_checked(out: Path, config: str, env: dict) -> None:
    if build(str(out), config, env) != 0:
        raise PackageError(f"{config}: error: the strict build failed (see above); nothing was written to dist/")


def server_bundle(work: Path, name: str, site_url: str, version: bundle.Version, install_dir: str,
                  model: Site) -> Path:
    """Build, check and assemble the server bundle folder; returns it."""
    folder = work / name
    site = folder / "site"
    root = Path(model.root)
    build_checked(site, model.config_path, {"SITE_URL": site_url, "SITE_VERSION": version.text})
    langs = list(model.languages)
    problems = bundle.check_site(str(site), version.text, site_url, {lang.code: lang.prefix for lang in langs},
                                 {lang.code: lang.lang for lang in langs})
    if problems:
        raise PackageError("\n".join(problems))
    try:
        csp = policy.header_csp(str(site))
    except policy.PolicyError as exc:
        raise PackageError(str(exc)) from None
    ctx = serverconf.context(site_url, langs, csp, version.text, install_dir=install_dir, site_dir=str(site))
    serverconf.write(str(root / "deploy"), str(folder), ctx)
    shutil.copyfile(Path(bundle.__file__).with_name("release.py"), folder / "deploy.py")
    shutil.copyfile(root / "deploy" / "README.md", folder / "README.md")
    (folder / bundle.VERSION_FILE).write_text(version.text + "\n", encoding="utf-8")
    bundle.write_manifest(str(folder))
    return folder


def offline_bundle(work: Path, name: str, site_url: str, version: bundle.Version, model: Site) -> Path:
    folder = work / name
    build_checked(folder, model.path(OFFLINE_CONFIG), {"SITE_URL": site_url, "SITE_VERSION": version.text})
    offline.make_offline(str(folder))
    problems = offline.broken_links(str(folder))
    if problems:
        raise PackageError("\n".join(f"{name}/{line}" for line in problems))
    return folder


def make_package(model: Site, site_url: str | None, out: Path, install_dir: str, with_offline: bool) -> list[Path]:
    site_url = site_url_from(site_url, model)
    version = bundle.Version(bundle.git_commit(model.root), bundle.build_moment())
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix=".package-", dir=out) as tmp:
        work = Path(tmp)
        folder = server_bundle(work, version.name, site_url, version, install_dir, model)
        zips = [out / f"{version.name}.zip"]
        bundle.write_zip(str(folder), str(zips[0]), version.name, version.moment)
        if with_offline:
            name = f"{version.name}-offline"
            zips.append(out / f"{name}.zip")
            bundle.write_zip(str(offline_bundle(work, name, site_url, version, model)), str(zips[1]), name,
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
    parser.add_argument("--config", default="mkdocs.yml", help="the site config (default: ./mkdocs.yml)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    try:
        make_package(load_site(args.config), args.site_url, out, args.install_dir, not args.no_offline)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
