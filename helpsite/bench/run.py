"""The benchmark's steps: build ours and stock, load each page type, time the builds, fit the growth.

scripts/bench.py is the command; this module does the work, in the order a reader of the
report needs it. Everything is written to a temporary folder; the repository is only read.
"""
from __future__ import annotations

import os

from . import config as cfg
from . import gensite, metrics, pageload, timing
from .server import BenchServer

# Page types and where they are in the default language (the same slugs in every build).
PAGE_TYPES = {"start": "", "content": "nara-relationer/", "help directory": "hjalp/", "search": "sok/"}
SEARCH_PAGE = "search"
SEARCH_WORD = "hjälp"
GENERATED_PAGES = 60
GENERATED_LANGUAGES = 10
FIT_LANGUAGES = (2, 5, 10)


def write_stock_config(config_path: str, docs_dir: str, folder: str) -> str:
    """A stock mkdocs.yml for the same content (see config.stock); returns its path."""
    os.makedirs(folder, exist_ok=True)
    config = cfg.stock(cfg.read(config_path), os.path.abspath(docs_dir))
    cfg.add_material_languages(config, os.path.join(folder, "material-languages"))
    path = os.path.join(folder, "mkdocs.yml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(cfg.dump(config))
    return path


def _use_search(page) -> None:
    page.focus("#site-search-input")
    page.keyboard.type(SEARCH_WORD)


def measure_site(browser, folder: str, loads: int, with_search: bool, log) -> tuple[dict, dict | None]:
    """{page type: summary + FCP} for one built site; plus what using search fetched (ours)."""
    for page_type, path in PAGE_TYPES.items():
        if not os.path.isfile(os.path.join(folder, path, "index.html")):
            raise FileNotFoundError(f"{folder}/{path}index.html: error: the {page_type} page is missing")
    server = BenchServer(folder)
    out, used = {}, None
    try:
        for page_type, path in PAGE_TYPES.items():
            action = _use_search if with_search and page_type == SEARCH_PAGE else None
            runs = [pageload.load(browser, server, path, action=action) for _ in range(loads)]
            first = runs[0]
            summary = metrics.summarize(first.responses, "/" + path, first.blocking)
            summary.update(fcp_ms=metrics.median([r.fcp_ms for r in runs]),
                           fcp_runs_ms=[r.fcp_ms for r in runs], blocking=first.blocking,
                           external=sorted({u for r in runs for u in r.external}),
                           requests_per_load=[len(r.responses) for r in runs])
            out[page_type] = summary
            if action:
                used = metrics.summarize(first.after_action, "", [])
            log(f"  /{path}: {summary['requests']} requests, {summary['gzip'] / 1000:.1f} kB, "
                f"FCP {summary['fcp_ms']} ms")
    finally:
        server.close()
    return out, used


def search_before_open(pages: dict) -> dict[str, list[str]]:
    """Search files each page fetched before the visitor opened search.

    On the search page, its own small script is the page (it wires up the box); the engine and
    index must still wait for the box to be used.
    """
    return {page: [f for f in summary["search"]["files"]
                   if page != SEARCH_PAGE or metrics.is_search_engine(f)]
            for page, summary in pages.items()}


def time_real(repo: str, tmp: str, env: dict, runs: int, log) -> tuple[dict, str, str]:
    """Build the real content, ours and stock, `runs` times; returns times and the two site folders."""
    stock_config = write_stock_config(os.path.join(repo, "mkdocs.yml"), os.path.join(repo, "docs"),
                                      os.path.join(tmp, "stock-real"))
    jobs = [timing.ours("ours", repo, "mkdocs.yml", os.path.join(tmp, "ours-real-site"), env),
            timing.stock("stock", os.path.dirname(stock_config), stock_config,
                         os.path.join(tmp, "stock-real-site"), env)]
    return timing.compare(jobs, runs, log), jobs[0].out, jobs[1].out


def time_generated(repo: str, tmp: str, env: dict, languages: int, runs: int, log) -> dict:
    """Generate `languages` × 60 pages, build ours and stock `runs` times each."""
    root = os.path.join(tmp, f"gen-{languages}")
    config = gensite.generate(repo, root, languages, GENERATED_PAGES)
    stock_config = write_stock_config(config, os.path.join(root, "docs"), os.path.join(tmp, f"stock-gen-{languages}"))
    jobs = [timing.ours("ours", root, config, os.path.join(tmp, f"ours-gen-{languages}-site"), env),
            timing.stock("stock", os.path.dirname(stock_config), stock_config,
                         os.path.join(tmp, f"stock-gen-{languages}-site"), env)]
    return timing.compare(jobs, runs, log)


def count_pages(folder: str) -> int:
    return sum(1 for d, _, files in os.walk(folder) for n in files
               if n == "index.html" and not os.path.relpath(d, folder).startswith(("assets", "pagefind")))
