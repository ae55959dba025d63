"""Print-ready PDF posters, tear-off sheets and cards for every language of the site.

Usage: python -m scripts.posters [--site-url URL] [--out build/posters] [--lang CODE ...]

The QR codes lead to the deployed site, so its address is needed: site_url in mkdocs.yml (set
with SITE_URL=https://...) or --site-url. Per language it writes <lang>-a4.pdf, <lang>-a3.pdf,
<lang>-strips.pdf and <lang>-cards.pdf, plus multilingual.pdf with a QR code per language, and
for the staff, per workplace and language, routine-<workplace>-<lang>.pdf (A4) and
pocket-<workplace>-<lang>.pdf (A6).
"""
from __future__ import annotations

import argparse
import os
import sys

from helpsite.posters.build import all_texts, write_pdfs
from helpsite.posters.pdf import PdfError
from helpsite.posters.routines import all_routines
from helpsite.site import SiteUrlError, load_site, normalise_site_url
from helpsite.yamlpos import DataError


def _site_url_line(config_path: str) -> int:
    # The line to point at when site_url is missing or wrong (it may be set by SITE_URL there).
    with open(config_path, encoding="utf-8") as fh:
        return next((n for n, line in enumerate(fh, start=1) if line.startswith("site_url")), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-url", help="the deployed address, e.g. https://stod.example.se/ "
                                           "(default: site_url from mkdocs.yml, i.e. $SITE_URL)")
    parser.add_argument("--out", default=os.path.join("build", "posters"))
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--lang", action="append", help="only this language (repeatable); "
                                                        "the multilingual poster is then left out")
    args = parser.parse_args(argv)

    try:
        site = load_site(args.config)
        try:
            site_url = normalise_site_url(args.site_url or site.config.get("site_url"))
        except SiteUrlError as exc:
            where = "--site-url" if args.site_url else f"{args.config}:{_site_url_line(site.config_path)}"
            print(f"{where}: error: {exc}; the QR codes need the deployed "
                  "address: run with SITE_URL=https://your.site/ or --site-url https://your.site/",
                  file=sys.stderr)
            return 2
        texts = all_texts(site, only=args.lang)
        if not texts:
            print(f"{args.config}:{site.language_lines.get(site.default.code, 1)}: error: no language "
                  f"{', '.join(args.lang)} in the site's language list ({', '.join(site.codes)})", file=sys.stderr)
            return 2
        staff = [r for r in all_routines(site) if not args.lang or r.lang.code in args.lang]
        written = write_pdfs(texts, site_url, args.out, with_multi=not args.lang, routines=staff)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    except PdfError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} PDFs for {site_url} to {args.out}/: "
          + ", ".join(os.path.basename(path) for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
