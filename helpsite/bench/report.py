"""The benchmark's results as Markdown tables (for the terminal and the README) and as JSON."""
from __future__ import annotations

import json


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1000:.1f} kB"


def seconds(ms: float | None) -> str:
    return "–" if ms is None else f"{ms / 1000:.2f} s"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}"


def table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(cells):
        return "| " + " | ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), rule, *(line(r) for r in rows)])


def _search_cell(summary: dict, early: list[str] | None) -> str:
    files = summary["search"]["files"] if early is None else early
    if not files:
        return "none"
    return f"{len(files)} files, {kb(summary['search']['gzip'])}"


def pages_table(results: dict) -> str:
    head = ["page", "site", "requests", "transferred (gzip)", "uncompressed", "first paint: HTML+CSS (gzip)",
            "FCP, " + results["profile"]["name"], "search files before search is opened"]
    rows = []
    for page, path in results["page_types"].items():
        ours, stock = results["pages"]["ours"][page], results["pages"]["stock"][page]
        label = f"{page} (/{path})"
        early = results["search_before_open"].get(page, [])
        rows.append([label, "ours", str(ours["requests"]), kb(ours["gzip"]), kb(ours["bytes"]),
                     kb(ours["critical"]["gzip"]), seconds(ours["fcp_ms"]), _search_cell(ours, early)])
        rows.append(["", "stock", str(stock["requests"]), kb(stock["gzip"]), kb(stock["bytes"]),
                     kb(stock["critical"]["gzip"]), seconds(stock["fcp_ms"]), _search_cell(stock, None)])
        rows.append(["", "ours / stock", ratio(ours["requests"], stock["requests"]), ratio(ours["gzip"], stock["gzip"]),
                     ratio(ours["bytes"], stock["bytes"]), ratio(ours["critical"]["gzip"], stock["critical"]["gzip"]),
                     ratio(ours["fcp_ms"], stock["fcp_ms"]), ""])
    used = results.get("search_used")
    if used:
        rows.append([f"search (/{results['page_types']['search']}) after typing a word", "ours",
                     f"+{used['requests']}", f"+{kb(used['gzip'])}", f"+{kb(used['bytes'])}", "", "",
                     "engine + this language's index only"])
    return table(head, rows, right={2, 3, 4, 5, 6})


def builds_table(results: dict) -> str:
    rows = []
    for key in ("real", *sorted(k for k in results["build"] if k.startswith("fit_")), "generated"):
        item = results["build"][key]
        rows.append([item["label"], f"{item['ours']['median_s']:.2f} s", f"{item['stock']['median_s']:.2f} s",
                     ratio(item["ours"]["median_s"], item["stock"]["median_s"]), str(len(item["ours"]["runs_s"]))])
    text = table(["full build (median)", "ours", "stock", "ours / stock", "runs"], rows, right={1, 2, 3, 4})
    fit = results["build"]["fit"]
    text += ("\nours / stock by languages: " +
             ", ".join(f"{n}: {r:.2f}" for n, r in zip(fit["languages"], fit["ratios"])))
    for name in ("ours", "stock"):
        f = fit[name]
        text += (f"\nfit, {name}: t = {f['intercept_s']:.2f} s + {f['slope_s']:.3f} s × languages "
                 f"(60 pages each); R² = {f['r2']:.4f}; slope of the last step / the first = {f['curvature']:.2f}")
    return text


def notes(results: dict) -> str:
    """What the content page fetched, file by file, and any error responses on any page."""
    out = []
    for site in ("ours", "stock"):
        files = results["pages"][site]["content"].get("files") or []
        out.append(f"content page, {site}: " + ", ".join(f"{path} ({kb(gz)})" for path, gz in files))
    for site in ("ours", "stock"):
        for page, summary in results["pages"][site].items():
            if summary.get("errors"):
                out.append(f"error responses, {site}, {page}: {', '.join(summary['errors'])}")
    return "\n".join(out)


def preview_table(results: dict) -> str:
    rows = [[row["langs"], f"{row['median_s']:.2f} s", ", ".join(f"{s:.2f}" for s in row["runs_s"])]
            for row in results.get("preview", [])]
    return ("Preview (make serve): from saving a Swedish page to seeing it in the browser\n\n" +
            table(["languages built", "median", "runs (s)"], rows)) if rows else ""


def budget_table(lines) -> str:
    rows = [[line.name, line.value, line.limit, "PASS" if line.ok else "FAIL"] for line in lines]
    return table(["budget", "measured", "limit", "result"], rows)


def render(results: dict, lines) -> str:
    return "\n\n".join([
        f"Network profile: {results['profile']['description']}; empty cache; {results['viewport']} viewport; "
        f"Chromium {results.get('chromium', '')}. Median of {results['loads']} loads.",
        pages_table(results),
        notes(results),
        builds_table(results),
        preview_table(results),
        budget_table(lines),
        f"Budget: {'PASS' if all(line.ok for line in lines) else 'FAIL'}",
    ])


def to_json(results: dict, lines) -> str:
    return json.dumps({**results, "budget": [line.as_dict() for line in lines],
                       "pass": all(line.ok for line in lines)}, indent=2, ensure_ascii=False)
