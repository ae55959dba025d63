"""Plain numbers from the raw measurements: page weight, critical path, search, build-time fits."""
from __future__ import annotations

import posixpath
import statistics
from dataclasses import dataclass


def is_search_request(path: str) -> bool:
    """A file that belongs to search: ours (search.js, pagefind/) or stock Material's (its worker,
    lunr and the site-wide search_index.json)."""
    name = posixpath.basename(path)
    return ("/pagefind/" in path or "/lunr/" in path or "/workers/search" in path
            or name == "search_index.json" or (name.startswith("search.") and name.endswith(".js")))


def is_search_engine(path: str) -> bool:
    """The engine and index proper (not the search page's own small script)."""
    return is_search_request(path) and not ("/assets/js/" in path and posixpath.basename(path).startswith("search."))


def summarize(responses, page_path: str, blocking: list[str]) -> dict:
    """Requests, bytes and the critical path (the page's HTML + what blocked its first paint).

    `responses` are Served records (path, status, raw, sent, kind); `page_path` is the URL path of
    the page itself, e.g. '/hjalp/'.
    """
    doc = next((r for r in responses if r.path == page_path), None)
    critical = ([doc] if doc else []) + [r for r in responses if r.path in set(blocking) and r is not doc]
    return {
        "requests": len(responses),
        "files": [[r.path, r.sent] for r in responses],
        "bytes": sum(r.raw for r in responses),
        "gzip": sum(r.sent for r in responses),
        "critical": {"files": [r.path for r in critical], "bytes": sum(r.raw for r in critical),
                     "gzip": sum(r.sent for r in critical)},
        "search": {"files": [r.path for r in responses if is_search_request(r.path)],
                   "gzip": sum(r.sent for r in responses if is_search_request(r.path))},
        "errors": [f"{r.status} {r.path}" for r in responses if r.status >= 400],
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


@dataclass(frozen=True)
class Fit:
    slope: float            # seconds per unit of x (here: per language of 60 pages)
    intercept: float        # seconds at x = 0 (start-up)
    r2: float               # 1.0 = on a straight line
    curvature: float        # slope of the last step / slope of the first step; 1.0 when linear

    def as_dict(self) -> dict:
        return {"slope_s": round(self.slope, 4), "intercept_s": round(self.intercept, 4),
                "r2": round(self.r2, 4), "curvature": round(self.curvature, 3)}


def linear_fit(xs: list[float], ys: list[float]) -> Fit:
    """Least-squares line through (x, y), with R² and how much the last step's slope exceeds the first's.

    R² alone hides a gentle quadratic over a few points; the step ratio shows it: for
    t = a + b·x + c·x², steps 2→5 and 5→10 have slopes b + 7c and b + 15c.
    """
    if len(xs) != len(ys) or len(xs) < 3 or len(set(xs)) < 3:
        raise ValueError("a fit needs at least three different sizes")
    pairs = sorted(zip(xs, ys))
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    intercept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys))
    r2 = 1.0 - ss_res / ss_tot if ss_tot else 1.0
    first = (ys[1] - ys[0]) / (xs[1] - xs[0])
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    curvature = last / first if first > 0 else float("inf")
    return Fit(slope, intercept, r2, curvature)
