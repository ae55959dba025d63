"""The strict build produces exactly the expected pages, each with the right lang and dir."""
import re

import pytest

from tests.conftest import LANGS

SLUGS = ["", "affischer", "aldre", "barn-och-unga", "heder", "hjalp", "medarbetare", "nara-relationer", "om",
         "orolig-for-nagon", "prostitution-manniskohandel", "sakerhet-pa-natet", "sexuellt-vald",
         "sok", "tillganglighet", "utovar-vald", "vuxna", "yrkesverksamma"]
DIRS = {"sv": "ltr", "en": "ltr", "ar": "rtl"}


def expected_pages(lang):
    prefix = "/" if lang == "sv" else f"/{lang}/"
    return sorted(prefix + (f"{slug}/" if slug else "") for slug in SLUGS)


@pytest.mark.parametrize("lang", LANGS)
def test_exact_pages_per_language(pages, lang):
    others = tuple(f"/{code}/" for code in LANGS if code != "sv")
    if lang == "sv":
        got = [p for p in pages if not p.startswith(others)]
    else:
        got = [p for p in pages if p.startswith(f"/{lang}/")]
    assert sorted(got) == expected_pages(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_and_dir_of_every_page(site_dir, lang):
    for path in expected_pages(lang):
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        tag = re.search(r"<html\b[^>]*>", html).group(0)
        assert f'lang="{lang}"' in tag, (path, tag)
        assert f'dir="{DIRS[lang]}"' in tag, (path, tag)


def test_arabic_headings_get_readable_ids(site_dir):
    html = (site_dir / "ar" / "nara-relationer" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids, "no h2 on the Arabic page"
    assert not any(re.fullmatch(r"_\d+", i) for i in ids), ids
    assert all(re.search(r"[\u0600-\u06FF]", i) for i in ids), ids


def test_nothing_points_to_other_hosts_in_page_chrome(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not re.search(r'<(?:link|script|img)\b[^>]*(?:href|src)="(?:https?:)?//', html)
    assert 'name="generator"' not in html
