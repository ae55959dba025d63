"""The performance budget (issue 10), checked against stock measured in the same run.

Each line is PASS or FAIL; `make bench` exits 1 when any line fails. Sizes are in kB = 1000 bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

CONTENT_GZIP_RATIO = 0.5     # a content page's first view: at most half of stock's compressed bytes
CONTENT_REQUESTS = 6         # … and at most 6 requests
FIRST_PAINT_KB = 30          # HTML + CSS before first paint, compressed, on every page type
BUILD_RATIO = 1.3            # full build time against stock, same content
# Linear growth with languages × pages: a line must explain the growth (R²), and our code must add
# no bend of its own. Stock's curve itself bends a little (in each language's build,
# mkdocs-static-i18n goes through the files of every language), so the second test is that our
# time keeps its proportion to stock's: ours/stock at the largest size over ours/stock at the
# smallest. A cost of ours that grew with languages² showed here as 1.35 before it was removed.
# The margins cover timing noise on a busy machine.
FIT_R2 = 0.98
RATIO_GROWTH = 1.15


@dataclass(frozen=True)
class Line:
    name: str
    value: str
    limit: str
    ok: bool

    def as_dict(self) -> dict:
        return {"budget": self.name, "value": self.value, "limit": self.limit, "pass": self.ok}


def _kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def content_page_lines(ours: dict, stock: dict) -> list[Line]:
    ratio = ours["gzip"] / stock["gzip"]
    return [
        Line("content page: first view, compressed bytes",
             f"{_kb(ours['gzip'])} vs stock {_kb(stock['gzip'])} = {ratio:.2f} × stock",
             f"≤ {CONTENT_GZIP_RATIO} × stock", ratio <= CONTENT_GZIP_RATIO),
        Line("content page: first view, requests", f"{ours['requests']} (stock {stock['requests']})",
             f"≤ {CONTENT_REQUESTS}", ours["requests"] <= CONTENT_REQUESTS),
    ]


def search_line(early: dict[str, list[str]]) -> Line:
    """`early`: {page type: search files fetched before the visitor opened search}."""
    found = {page: files for page, files in early.items() if files}
    value = "none" if not found else "; ".join(f"{page}: {', '.join(files)}" for page, files in found.items())
    return Line("search: nothing loaded before search is opened", value, "none", not found)


def first_paint_line(pages: dict[str, dict]) -> Line:
    """`pages`: {page type: summary}; the heaviest page's HTML + render-blocking CSS counts."""
    worst = max(pages, key=lambda page: pages[page]["critical"]["gzip"])
    gz = pages[worst]["critical"]["gzip"]
    return Line("first paint: HTML + CSS, compressed (heaviest page)", f"{_kb(gz)} ({worst})",
                f"≤ {FIRST_PAINT_KB} kB", gz <= FIRST_PAINT_KB * 1000)


def build_line(name: str, ours_s: float, stock_s: float) -> Line:
    ratio = ours_s / stock_s
    return Line(f"build time: {name}", f"{ours_s:.2f} s vs stock {stock_s:.2f} s = {ratio:.2f} × stock",
                f"≤ {BUILD_RATIO} × stock", ratio <= BUILD_RATIO)


def linearity_line(fit: dict, ratios: list[float]) -> Line:
    """`fit`: our linear fit over languages; `ratios`: ours/stock at each size, smallest first."""
    growth = ratios[-1] / ratios[0]
    ok = fit["r2"] >= FIT_R2 and growth <= RATIO_GROWTH
    value = (f"R² {fit['r2']:.3f}, {fit['slope_s']:.2f} s per language; ours/stock "
             f"{' → '.join(f'{r:.2f}' for r in ratios)}: × {growth:.2f}")
    return Line("build time grows linearly (languages × 60 pages)", value,
                f"R² ≥ {FIT_R2}, ours/stock grows ≤ × {RATIO_GROWTH}", ok)


def check(results: dict) -> list[Line]:
    """Every budget line from the benchmark's results (the JSON the report writes)."""
    ours, stock = results["pages"]["ours"], results["pages"]["stock"]
    builds = results["build"]
    return [
        *content_page_lines(ours["content"], stock["content"]),
        search_line(results["search_before_open"]),
        first_paint_line(ours),
        build_line("real content", builds["real"]["ours"]["median_s"], builds["real"]["stock"]["median_s"]),
        build_line(builds["generated"]["label"], builds["generated"]["ours"]["median_s"],
                   builds["generated"]["stock"]["median_s"]),
        linearity_line(builds["fit"]["ours"], builds["fit"]["ratios"]),
    ]
