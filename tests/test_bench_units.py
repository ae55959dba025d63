"""The benchmark's pure parts (helpsite/bench): budget, fit, summaries, configs, generated sites.

No timing is asserted here: `make bench` measures; these tests only check the arithmetic and the
files the benchmark writes.
"""
from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest
import yaml

from helpsite.bench import budget, config, gensite, metrics, report
from helpsite.bench.server import BenchServer, Served, resolve
from tests.sitebuild import ROOT, SITE


def served(path, raw, sent, status=200):
    return Served(path, status, raw, sent, "text/html", 0.0)


def page_summary(requests, gz, critical_gz=5000):
    return {"requests": requests, "gzip": gz, "bytes": gz * 3, "critical": {"gzip": critical_gz},
            "search": {"files": [], "gzip": 0}}


# ------------------------------------------------------------------ fit


def test_a_straight_line_fits_exactly():
    fit = metrics.linear_fit([2, 5, 10], [1.0 + 0.8 * x for x in (2, 5, 10)])
    assert fit.slope == pytest.approx(0.8) and fit.intercept == pytest.approx(1.0)
    assert fit.r2 == pytest.approx(1.0) and fit.curvature == pytest.approx(1.0)


def test_a_quadratic_shows_in_the_step_ratio_even_with_a_high_r2():
    ys = [0.5 + 0.7 * x + 0.05 * x * x for x in (2, 5, 10)]
    fit = metrics.linear_fit([10, 2, 5], [ys[2], ys[0], ys[1]])      # order does not matter
    assert fit.r2 > 0.98
    assert fit.curvature == pytest.approx((0.7 + 0.05 * 15) / (0.7 + 0.05 * 7))
    assert fit.curvature > 1.2


def test_linearity_allows_the_bend_stock_has_but_no_more():
    fit = {"slope_s": 0.9, "intercept_s": 0.0, "r2": 0.995, "curvature": 1.4}
    assert budget.linearity_line(fit, [1.08, 0.96, 1.02]).ok        # ours keeps its proportion to stock
    assert not budget.linearity_line(fit, [1.16, 1.35, 1.57]).ok    # ours bends more than stock
    assert not budget.linearity_line({**fit, "r2": 0.9}, [1.0, 1.0, 1.0]).ok


def test_a_fit_needs_three_sizes():
    with pytest.raises(ValueError):
        metrics.linear_fit([2, 2, 5], [1, 1, 2])


# ------------------------------------------------------------------ budget


def test_content_page_budget_is_half_of_stock_and_six_requests():
    ok = budget.content_page_lines(page_summary(4, 9_000), page_summary(13, 150_000))
    assert [line.ok for line in ok] == [True, True]
    heavy = budget.content_page_lines(page_summary(7, 80_000), page_summary(13, 150_000))
    assert [line.ok for line in heavy] == [False, False]
    edge = budget.content_page_lines(page_summary(6, 75_000), page_summary(13, 150_000))
    assert [line.ok for line in edge] == [True, True]


def test_first_paint_budget_counts_the_heaviest_page():
    line = budget.first_paint_line({"start": page_summary(4, 1, 12_000), "help": page_summary(4, 1, 30_001)})
    assert not line.ok and "help" in line.value
    assert budget.first_paint_line({"start": page_summary(4, 1, 30_000)}).ok


def test_search_budget_names_what_came_early():
    assert budget.search_line({"start": [], "search": []}).ok
    line = budget.search_line({"start": ["/pagefind/pagefind.js"], "search": []})
    assert not line.ok and "start: /pagefind/pagefind.js" in line.value


def test_build_budget_is_a_ratio_to_stock():
    assert budget.build_line("x", 1.3, 1.0).ok
    assert not budget.build_line("x", 1.31, 1.0).ok


def test_check_reads_the_results_structure():
    fit = {"slope_s": 0.8, "intercept_s": 0.3, "r2": 0.999, "curvature": 1.05, "languages": [2, 5, 10],
           "ratios": [1.1, 1.1, 1.12]}
    results = {
        "pages": {"ours": {"content": page_summary(4, 9_000), "start": page_summary(4, 7_000)},
                  "stock": {"content": page_summary(13, 150_000), "start": page_summary(13, 150_000)}},
        "search_before_open": {"content": [], "start": []},
        "build": {"real": {"ours": {"median_s": 1.1}, "stock": {"median_s": 1.0}},
                  "generated": {"label": "generated", "ours": {"median_s": 9.0}, "stock": {"median_s": 8.0}},
                  "fit": {"ours": fit, "stock": fit, "ratios": fit["ratios"]}},
    }
    lines = budget.check(results)
    assert len(lines) == 7 and all(line.ok for line in lines)
    results["build"]["real"]["ours"]["median_s"] = 2.0
    assert [line.ok for line in budget.check(results)].count(False) == 1


# ------------------------------------------------------------------ page summaries


def test_search_files_are_recognised_for_ours_and_stock():
    for path in ("/pagefind/pagefind.js", "/assets/js/search.0123abcdef.js", "/search/search_index.json",
                 "/assets/javascripts/workers/search.a7633da7.min.js", "/assets/javascripts/lunr/min/lunr.sv.min.js"):
        assert metrics.is_search_request(path), path
    for path in ("/assets/js/exit.0123abcdef.js", "/sok/", "/assets/css/site.0123abcdef.css", "/research/"):
        assert not metrics.is_search_request(path), path
    assert not metrics.is_search_engine("/assets/js/search.0123abcdef.js")
    assert metrics.is_search_engine("/pagefind/wasm.sv.pagefind")


def test_summary_counts_requests_bytes_and_the_critical_path():
    log = [served("/om/", 20_000, 6_000), served("/assets/css/site.1.css", 9_000, 2_500),
           served("/assets/js/exit.1.js", 4_000, 1_500), served("/nope", 10, 10, status=404)]
    summary = metrics.summarize(log, "/om/", ["/assets/css/site.1.css"])
    assert summary["requests"] == 4 and summary["gzip"] == 10_010 and summary["bytes"] == 33_010
    assert summary["critical"] == {"files": ["/om/", "/assets/css/site.1.css"], "bytes": 29_000, "gzip": 8_500}
    assert summary["errors"] == ["404 /nope"]


def test_report_table_aligns_numbers():
    text = report.table(["a", "n"], [["x", "1"], ["yy", "10"]], right={1})
    assert text.splitlines() == ["| a  |  n |", "|----|---:|", "| x  |  1 |", "| yy | 10 |"]


# ------------------------------------------------------------------ configs and generated sites


def test_config_round_trip_keeps_mkdocs_tags_and_stock_drops_our_machinery():
    ours = config.read(str(ROOT / "mkdocs.yml"))
    stock = config.stock(ours, "/abs/docs")
    text = config.dump(stock)
    assert "!ENV" in text and "!!python/object/apply:pymdownx.slugs.slugify" in text
    data = yaml.load(text, Loader=config._Loader)       # noqa: S506 - a SafeLoader subclass
    assert "hooks" not in data and "custom_dir" not in data["theme"] and "extra_css" not in data
    assert data["plugins"][0] == "search" and data["theme"]["font"] is False
    assert data["plugins"][1]["i18n"]["languages"] == config.i18n_options(ours)["languages"]
    assert data["docs_dir"] == "/abs/docs"


def test_locale_plan_keeps_real_languages_and_models_the_others():
    real = SITE.codes
    plan = gensite.locale_plan(real, len(real) + 2)
    assert list(plan)[:len(real)] == real and all(plan[code] == code for code in real)
    made_up = list(plan)[len(real):]
    assert len(made_up) == 2 and not set(made_up) & set(real)
    assert all(plan[code] in real for code in made_up)        # each modelled on a real language
    with pytest.raises(ValueError):
        gensite.locale_plan(real[:1], 100)


def test_page_plan_repeats_ordinary_pages_only():
    plan = gensite.page_plan(["index.md", "sok.md", "om.md", "heder.md"], 7)
    assert len(plan) == 7 and plan["index.md"] == "index.md"
    assert {old for new, old in plan.items() if new != old} <= {"om.md", "heder.md"}
    assert "om-2.md" in plan and "om-3.md" in plan


def test_generated_locales_get_every_per_language_text():
    data = {"services": [{"name": {"sv": "A", "en": "B"}, "phones": [{"note": {"sv": "n"}}], "web": "x.se"}]}
    out = gensite.add_languages(data, {"sv": "sv", "en": "en", "fi": "en", "de": "sv"}, ["sv", "en", "ar"])
    assert out["services"][0]["name"] == {"sv": "A", "en": "B", "fi": "B", "de": "A"}
    # A real language keeps the texts it has (a missing one falls back on the site, as in reality).
    assert out["services"][0]["phones"][0]["note"] == {"sv": "n", "fi": "n", "de": "n"}
    assert out["services"][0]["web"] == "x.se"


def test_generate_writes_a_site_with_the_asked_languages_and_pages(tmp_path):
    real = SITE.codes
    pages = len(list((ROOT / "docs" / real[0]).glob("*.md"))) + 3      # every real page, plus copies
    path = gensite.generate(str(ROOT), str(tmp_path / "gen"), len(real) + 1, pages)
    written = config.read(path)
    codes = [e["locale"] for e in config.i18n_options(written)["languages"]]
    assert len(codes) == len(real) + 1 and codes[:len(real)] == real
    for code in codes:
        # Every page in the default language; a language translated in part keeps its gaps.
        count = len(list((tmp_path / "gen" / "docs" / code).glob("*.md")))
        assert count == pages if code == real[0] else 1 <= count <= pages, (code, count)
        assert (tmp_path / "gen" / "data" / "ui" / f"{code}.yml").exists()
    assert written["hooks"] == config.read(str(ROOT / "mkdocs.yml"))["hooks"]
    assert (ROOT / "docs" / real[0]).exists() and not (ROOT / "docs" / codes[-1]).exists()   # repository untouched


# ------------------------------------------------------------------ the bench server


def test_server_gzips_text_and_logs_both_sizes(tmp_path):
    (tmp_path / "a").mkdir()
    body = "<p>" + "hello " * 500 + "</p>"
    (tmp_path / "a" / "index.html").write_text(body)
    (tmp_path / "404.html").write_text("missing")
    assert resolve(str(tmp_path), "/a/") == str(tmp_path / "a" / "index.html")
    assert resolve(str(tmp_path), "/../etc/passwd") is None
    server = BenchServer(str(tmp_path))
    try:
        request = urllib.request.Request(server.origin + "/a/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == body
        log = server.take()
        assert log[0].path == "/a/" and log[0].raw == len(body) and log[0].sent < log[0].raw
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(server.origin + "/nothing")
        assert info.value.code == 404
    finally:
        server.close()


def test_a_generated_site_passes_the_checks(tmp_path):
    """The benchmark's generated sites are built with the checks first: they must pass them."""
    from helpsite.checks.runner import run_checks
    real = SITE.codes
    pages = len(list((ROOT / "docs" / real[0]).glob("*.md"))) + 2
    path = gensite.generate(str(ROOT), str(tmp_path / "gen"), len(real) + 2, pages)
    errors = [str(p) for p in run_checks(str(Path(path).parent)).problems if p.severity == "error"]
    assert errors == []
