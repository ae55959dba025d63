"""The strict build produces exactly the expected pages, each with the right lang and dir."""
import re

import pytest

from tests.conftest import LANGS
from tests.sitebuild import SITE, page_addresses


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_page_is_built_in_every_language(pages, lang):
    """The default language's tree defines the pages; each language builds every one of them."""
    language = SITE.language(lang)
    others = tuple(f"/{other.prefix}" for other in SITE.languages if other.prefix)
    if language.default:
        got = [p for p in pages if not p.startswith(others)]
    else:
        got = [p for p in pages if p.startswith(f"/{language.prefix}")]
    assert sorted(got) == page_addresses(language)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_and_dir_of_every_page(site_dir, lang):
    language = SITE.language(lang)
    for path in page_addresses(language):
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        tag = re.search(r"<html\b[^>]*>", html).group(0)
        assert f'lang="{language.lang}"' in tag, (path, tag)
        assert f'dir="{language.dir}"' in tag, (path, tag)


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.dir == "rtl"])
def test_right_to_left_headings_get_readable_ids(site_dir, lang):
    # Every page of the language that is translated: its h2 ids are words, not _1, _2.
    for path in page_addresses(SITE.language(lang)):
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if 'data-translation="missing"' in html:
            continue
        ids = re.findall(r'<h2 id="([^"]+)"', html)
        assert not any(re.fullmatch(r"_\d+", i) for i in ids), (path, ids)


def test_nothing_points_to_other_hosts_in_page_chrome(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not re.search(r'<(?:link|script|img)\b[^>]*(?:href|src)="(?:https?:)?//', html)
    assert 'name="generator"' not in html
