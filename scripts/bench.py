"""Benchmark against stock Material: page weight, requests, first paint, build time; and the budget.

Builds the real site and a stock Material + mkdocs-static-i18n build of the same content (in a
temporary folder), serves each on 127.0.0.1 with gzip, loads each page type in Chromium over a
simulated weak mobile network, times full builds (real content; a generated 10-language ×
60-page site; 2, 5 and 10 languages for the growth fit), then checks the budget
(helpsite/bench/budget.py). Exit code 0 when every budget line passes, 1 when one fails,
2 when the benchmark itself could not run.

Usage: python -m scripts.bench [--json out.json] [--runs 5] [--loads 3] [--fit-runs 5]
                               [--site-url URL] [--repo DIR] [--quick]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from helpsite.bench import budget, metrics, pageload, preview, report, run, timing
from helpsite.site import load_site

ROOT = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(args, tmp: str) -> dict:
    env = {"SITE_URL": args.site_url}
    repo = os.path.abspath(args.repo)
    results: dict = {"profile": {"name": pageload.WEAK_MOBILE.name, "description": pageload.WEAK_MOBILE.describe(),
                                 **pageload.WEAK_MOBILE.cdp()},
                     "viewport": f"{pageload.VIEWPORT['width']}×{pageload.VIEWPORT['height']} CSS px phone",
                     "loads": args.loads, "page_types": run.PAGE_TYPES, "site_url": args.site_url,
                     "stock": "Material default features + its search plugin, i18n with the same languages, "
                              "no custom_dir, no hooks, font: false (no Google Fonts); {{contact}} directives "
                              "stay as text", "pages": {}, "build": {}}

    log("Building the real content, ours and stock …")
    real, ours_site, stock_site = run.time_real(repo, tmp, env, args.runs, log)
    results["build"]["real"] = {"label": f"real content ({run.count_pages(ours_site)} pages)", **real}

    log("Loading pages in Chromium …")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = pageload.launch(playwright)
        try:
            results["chromium"] = browser.version
            log(" ours:")
            results["pages"]["ours"], used = run.measure_site(browser, ours_site, args.loads, True, log)
            log(" stock:")
            results["pages"]["stock"], _ = run.measure_site(browser, stock_site, args.loads, False, log)
            log("Preview: save a page, wait until the browser shows it …")
            default = load_site(os.path.join(repo, "mkdocs.yml")).default.code
            results["preview"] = [preview.measure(browser, repo, tmp, langs, 3) for langs in (default, None)]
        finally:
            browser.close()
    results["search_used"] = used and {k: used[k] for k in ("requests", "bytes", "gzip")} | {
        "files": [f for f in used["search"]["files"]]}
    results["search_before_open"] = run.search_before_open(results["pages"]["ours"])

    sizes = sorted(set(run.FIT_LANGUAGES) | {run.GENERATED_LANGUAGES})
    per_size = {}
    for size in sizes:
        n = args.runs if size == run.GENERATED_LANGUAGES else args.fit_runs
        log(f"Building {size} languages × {run.GENERATED_PAGES} pages, ours and stock, {n} runs …")
        per_size[size] = run.time_generated(repo, tmp, env, size, n, log)
    label = f"generated {run.GENERATED_LANGUAGES} languages × {run.GENERATED_PAGES} pages"
    results["build"]["generated"] = {"label": label, **per_size[run.GENERATED_LANGUAGES]}
    for size in run.FIT_LANGUAGES:
        if size != run.GENERATED_LANGUAGES:
            results["build"][f"fit_{size:02d}"] = {
                "label": f"generated {size} languages × {run.GENERATED_PAGES} pages", **per_size[size]}
    xs = list(run.FIT_LANGUAGES)
    results["build"]["fit"] = {name: metrics.linear_fit(xs, [per_size[x][name]["median_s"] for x in xs]).as_dict()
                               for name in ("ours", "stock")}
    results["build"]["fit"]["languages"] = xs
    results["build"]["fit"]["ratios"] = [round(per_size[x]["ours"]["median_s"] / per_size[x]["stock"]["median_s"], 3)
                                         for x in xs]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the results and the budget as JSON to this file")
    parser.add_argument("--runs", type=int, default=5, help="builds per side for the build-time medians (5)")
    parser.add_argument("--loads", type=int, default=3, help="loads per page type for the FCP median (3)")
    parser.add_argument("--fit-runs", type=int, default=5, help="builds per side at 2 and 5 languages (5)")
    parser.add_argument("--site-url", default="https://stod.example.se/",
                        help="SITE_URL for both builds, as a release build has it (posters get QR codes)")
    parser.add_argument("--repo", default=str(ROOT), help="the repository to measure (default: this one)")
    parser.add_argument("--quick", action="store_true", help="one run of everything (a smoke test, not numbers)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = args.loads = args.fit_runs = 1
    if min(args.runs, args.loads, args.fit_runs) < 1:
        parser.error("--runs, --loads and --fit-runs must be at least 1")
    if not os.path.exists(pageload.CHROMIUM):
        print(f"{pageload.CHROMIUM}: error: Chromium is missing (make system-deps installs it)", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            results = measure(args, tmp)
    except (timing.BuildError, FileNotFoundError, TimeoutError) as exc:
        print(exc, file=sys.stderr)
        return 2
    lines = budget.check(results)
    print(report.render(results, lines))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(report.to_json(results, lines) + "\n")
    return 0 if all(line.ok for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
