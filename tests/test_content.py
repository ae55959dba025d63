"""The content: numbers only from the data, isolated in right-to-left pages, no placeholders.

Whether every page is translated is a check (scripts/check.py), not a test: an untranslated page
is a warning there and a notice on the site, as CONTRIBUTING says."""
import re

import phonenumbers
import pytest

from helpsite.contacts import tel_target
from helpsite.directives import check_directives
from tests.conftest import LANGS
from tests.sitebuild import ROOT, SITE, copy_repo

SERVICES = SITE.contacts()
DATA_TELS = {p.tel for s in SERVICES.values() for p in s.phones}
DATA_DISPLAYS = {p.display for s in SERVICES.values() for p in s.phones}
PLACEHOLDER_RE = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|platshållare|placeholder)\b|\[\.\.\.\]", re.I)
TAG_RE = re.compile(r"<[^>]+>")


def markdown_files(lang):
    return sorted(p.relative_to(ROOT / "docs" / lang).as_posix() for p in (ROOT / "docs" / lang).rglob("*.md"))


def page_html(site_dir, path):
    return (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")


def visible_text(html):
    body = html.split("<body", 1)[1]
    return TAG_RE.sub(" ", re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S))


@pytest.mark.parametrize("lang", LANGS)
def test_every_contact_id_exists(lang):
    for name in markdown_files(lang):
        text = (ROOT / "docs" / lang / name).read_text(encoding="utf-8")
        check_directives(text, SERVICES)   # raises with the line on any problem


def test_tel_links_are_e164_or_swedish_short_numbers_from_the_data(site_dir, pages):
    seen = set()
    for path in pages:
        for tel in re.findall(r'href="tel:([^"]+)"', page_html(site_dir, path)):
            seen.add(tel)
            if tel.startswith("+"):
                assert phonenumbers.is_valid_number(phonenumbers.parse(tel)), (path, tel)
            else:
                assert tel_target(tel) == tel, (path, tel)
    assert seen <= DATA_TELS, seen - DATA_TELS
    assert seen >= DATA_TELS, f"numbers in the data never shown: {DATA_TELS - seen}"


def test_numbers_in_pages_are_exactly_those_in_the_data(site_dir, pages):
    for path in pages:
        text = visible_text(page_html(site_dir, path))
        for match in phonenumbers.PhoneNumberMatcher(text, "SE"):
            assert match.raw_string.strip() in DATA_DISPLAYS, (path, match.raw_string)


@pytest.mark.parametrize("lang", [lang for lang in SITE.languages if lang.dir == "rtl"], ids=lambda lang: lang.code)
def test_right_to_left_numbers_are_direction_isolated(site_dir, pages, lang):
    for path in [p for p in pages if p.startswith(f"/{lang.prefix}")]:
        html = page_html(site_dir, path)
        for link in re.findall(r'<a [^>]*href="tel:[^"]+"[^>]*>.*?</a>', html):
            assert re.search(r'<bdi dir="ltr">[^<]+</bdi>', link), (path, link)
        outside = re.sub(r'<bdi dir="ltr">.*?</bdi>', " ", html.split("<body", 1)[1], flags=re.S)
        for display in DATA_DISPLAYS:
            assert display not in visible_text("<body>" + outside), (path, display)


def test_no_placeholder_text(site_dir, pages):
    for path in pages:
        found = PLACEHOLDER_RE.search(visible_text(page_html(site_dir, path)))
        assert not found, (path, found.group(0))


def test_one_change_in_the_data_changes_every_page(tmp_path):
    """Change Kvinnofridslinjen's number in a copy of the repo: every language shows only the new one."""
    copy = copy_repo(tmp_path / "repo")
    contacts = copy / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace('"020-50 50 50"', '"020-51 51 51"'), encoding="utf-8")
    out = tmp_path / "site"
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--out", str(out)], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = [p for p in out.rglob("index.html") if "assets" not in p.parts]
    shown = [p for p in pages if "020-51 51 51" in p.read_text(encoding="utf-8")]
    assert not [p for p in pages if "020-50 50 50" in p.read_text(encoding="utf-8")]
    for lang in SITE.languages:
        assert (out / lang.prefix / "hjalp" / "index.html") in shown
        assert 'href="tel:+4620515151"' in (out / lang.prefix / "index.html").read_text(encoding="utf-8")
