"""Translation tracking: fingerprints, status, the stamp command and the notice, without a build."""
import json
import shutil
import subprocess
import sys

import pytest

from helpsite import translations
from tests.sitebuild import ROOT, SITE

SOURCE = ("---\ntitle: Om oss\ndescription: Vilka vi är.\nreviewed: 2026-11-01\n---\n\n"
          "# Om oss\n\nVi är en stad.\nVi hjälper dig.\n")
TRANSLATED = ("---\ntitle: About us\ndescription: Who we are.\nreviewed: 2026-11-01\n---\n\n"
              "# About us\n\nWe are a city.\n")


def test_layout_and_review_date_do_not_change_the_fingerprint():
    mark = translations.fingerprint(SOURCE)
    assert translations.STAMP_RE.match(mark)
    rewrapped = SOURCE.replace("Vi är en stad.\nVi hjälper dig.", "Vi är en stad.   Vi hjälper\n  dig.")
    assert translations.fingerprint(rewrapped) == mark
    assert translations.fingerprint(SOURCE.replace("2026-11-01", "2026-11-20")) == mark
    assert translations.fingerprint(SOURCE.replace("\n", "\r\n")) == mark
    assert translations.fingerprint("\ufeff" + SOURCE) == mark
    assert translations.fingerprint(SOURCE.replace("Vi är en stad.", "Vi är en stad. <!-- note -->")) == mark


@pytest.mark.parametrize("change", [("Vi hjälper dig.", "Vi hjälper alla."), ("title: Om oss", "title: Om staden"),
                                    ("description: Vilka vi är.", "description: Vem vi är.")])
def test_a_change_in_what_is_translated_changes_the_fingerprint(change):
    assert translations.fingerprint(SOURCE.replace(*change)) != translations.fingerprint(SOURCE)


def test_status_current_outdated_missing():
    stamped = translations.stamp_text(TRANSLATED, translations.fingerprint(SOURCE))
    assert translations.status(SOURCE, stamped) == "current"
    assert translations.status(SOURCE.replace("stad", "kommun"), stamped) == "outdated"
    # Never stamped: nobody has said it translates the Swedish page (only its title may be done).
    assert translations.status(SOURCE, TRANSLATED) == "missing"
    assert translations.status(SOURCE, None) == "missing"


def test_stamp_adds_one_line_then_replaces_only_that_line():
    once = translations.stamp_text(TRANSLATED, "sha256:0000000000000000")
    assert once.splitlines() == (TRANSLATED.splitlines()[:4] + ["translation_source: sha256:0000000000000000"]
                                 + TRANSLATED.splitlines()[4:])
    twice = translations.stamp_text(once, "sha256:1111111111111111")
    assert twice == once.replace("0000000000000000", "1111111111111111")


def test_stamp_keeps_crlf_bom_and_odd_spacing():
    text = "\ufeff---\r\ntitle:   About\r\ntranslation_source:  sha256:0000000000000000\r\nx: 1\r\n---\r\nBody\r\n"
    out = translations.stamp_text(text, "sha256:abcdefabcdefabcd")
    assert out == text.replace("translation_source:  sha256:0000000000000000",
                               "translation_source: sha256:abcdefabcdefabcd")


def test_stamp_refuses_a_page_without_front_matter():
    with pytest.raises(ValueError, match="no front matter"):
        translations.stamp_text("# About\n", "sha256:0000000000000000")
    with pytest.raises(ValueError, match="no closing"):
        translations.stamp_text("---\ntitle: x\n# About\n", "sha256:0000000000000000")


def test_notice_in_the_readers_language_with_date_and_link():
    ui = {"translation_missing_title": "Not translated", "translation_missing_text": "Shown in Swedish.",
          "translation_outdated_title": "May be out of date", "translation_outdated_text": "Changed on {date}.",
          "translation_outdated_link": "Read it in Swedish & more"}
    outdated = translations.notice_html("outdated", ui, "ar", "rtl", "2026-11-20", "../../om/", "sv")
    assert outdated.startswith('<div class="admonition warning translation-notice" role="note" lang="ar" dir="rtl"')
    assert 'Changed on <bdi dir="ltr">2026-11-20</bdi>.' in outdated
    assert '<a href="../../om/" hreflang="sv">Read it in Swedish &amp; more</a>' in outdated
    missing = translations.notice_html("missing", ui, "en", "ltr", None, "", "sv")
    assert '<p class="admonition-title">Not translated</p><p>Shown in Swedish.</p>' in missing


def make_docs(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "base", repo)
    return repo


def run(repo, *args):
    return subprocess.run([sys.executable, "-m", "scripts.translations", "--root", str(repo), *args],
                          cwd=ROOT, capture_output=True, text=True)


def test_status_table_and_json_agree(tmp_path):
    repo = make_docs(tmp_path)
    (repo / "docs" / "ar" / "om.md").unlink()
    om = repo / "docs" / "sv" / "om.md"
    om.write_text(om.read_text(encoding="utf-8").replace("biblioteket", "ditt bibliotek"), encoding="utf-8")
    table = run(repo, "status")
    assert table.returncode == 0, table.stderr
    assert [line.split() for line in table.stdout.splitlines()] == [
        ["page", "en", "ar"], ["index.md", "current", "current"], ["om.md", "outdated", "missing"],
        [], ["per", "language,", "of", "2", "pages", "(reviewed", "=", "checked", "by", "a", "qualified", "translator):"],
        ["en:", "2", "translated,", "1", "current,", "1", "outdated,", "0", "missing,", "0", "reviewed"],
        ["ar:", "1", "translated,", "1", "current,", "0", "outdated,", "1", "missing,", "0", "reviewed"]]
    data = json.loads(run(repo, "status", "--json").stdout)
    assert data == {
        "source_language": "sv",
        "pages": [
            {"page": "index.md", "source_reviewed": "2026-11-01", "translations": {"en": "current", "ar": "current"}},
            {"page": "om.md", "source_reviewed": "2026-11-01", "translations": {"en": "outdated", "ar": "missing"}},
        ],
        "summary": {"en": {"current": 1, "outdated": 1, "missing": 0, "translated": 2, "reviewed": 0},
                    "ar": {"current": 1, "outdated": 0, "missing": 1, "translated": 1, "reviewed": 0}},
    }


def test_stamp_changes_one_line_of_the_file_and_nothing_else(tmp_path):
    repo = make_docs(tmp_path)
    om = repo / "docs" / "sv" / "om.md"
    om.write_text(om.read_text(encoding="utf-8").replace("biblioteket", "ditt bibliotek"), encoding="utf-8")
    target = repo / "docs" / "en" / "om.md"
    before = target.read_bytes()
    result = run(repo, "stamp", "docs/en/om.md")
    mark = translations.fingerprint(om.read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert result.stdout == f"docs/en/om.md: stamped {mark} (translates docs/sv/om.md)\n"
    after = target.read_bytes()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [(changed[0][0], f"translation_source: {mark}".encode())]
    assert run(repo, "stamp", "docs/en/om.md").stdout == f"docs/en/om.md: already current ({mark})\n"
    assert target.read_bytes() == after


def test_stamp_all_of_a_language(tmp_path):
    repo = make_docs(tmp_path)
    om = repo / "docs" / "sv" / "om.md"
    om.write_text(om.read_text(encoding="utf-8") + "\nNy mening.\n", encoding="utf-8")
    result = run(repo, "stamp", "--all", "ar")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("docs/ar/index.md: already current")
    assert result.stdout.splitlines()[1].startswith("docs/ar/om.md: stamped sha256:")
    assert json.loads(run(repo, "status", "--json").stdout)["summary"]["ar"]["current"] == 2


@pytest.mark.parametrize("args, message", [
    (["stamp", "docs/sv/om.md"], "docs/sv/om.md:1: error: not a translated page; give a page below "
                                 "docs/<language>/ for one of: en, ar\n"),
    (["stamp", "docs/en/saknas.md"], "docs/en/saknas.md:1: error: there is no Swedish original "
                                     "docs/sv/saknas.md to translate from\n"),
    (["stamp", "--all", "fi"], "mkdocs.yml:1: error: 'fi' is not a translated language here (en, ar)\n"),
])
def test_stamp_mistakes_are_one_line_and_exit_1(tmp_path, args, message):
    result = run(make_docs(tmp_path), *args)
    assert (result.returncode, result.stderr) == (1, message)


def test_status_of_the_real_content_lists_every_swedish_page():
    data = json.loads(subprocess.run([sys.executable, "-m", "scripts.translations", "status", "--json"], cwd=ROOT,
                                     capture_output=True, text=True, check=True).stdout)
    source = ROOT / "docs" / SITE.default.code
    pages = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.md"))
    assert [row["page"] for row in data["pages"]] == pages
    assert list(data["summary"]) == SITE.codes[1:]
    for code, counts in data["summary"].items():
        # Every page of a language is translated or not; 'translated' counts the current and outdated ones.
        own = len(list((ROOT / "docs" / code).rglob("*.md")))
        assert counts["translated"] == counts["current"] + counts["outdated"] == own, code
        assert counts["translated"] + counts["missing"] == len(pages), code
