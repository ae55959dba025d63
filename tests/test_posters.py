"""Posters, tear-off sheets and cards: the real command, real PDFs, a real QR decoder.

Expected numbers and addresses are read from the data (contacts, poster strings, mkdocs.yml),
never typed here. Every PDF is rendered with poppler's pdftoppm, every QR code decoded with
zxing-cpp; the PNGs are kept in build/posters/previews/ for a person to look at.
"""
from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
import yaml
import zxingcpp
from PIL import Image

from helpsite.contacts import tel_target
from helpsite.posters import build, html, links, qr, routines, sitepage
from helpsite.posters.pdf import PdfError, write_pdf
from helpsite.site import SiteUrlError, normalise_site_url
from helpsite.yamlpos import DataError
from tests.sitebuild import ROOT, SITE, StaticServer, build_site, copy_repo

SITE_URL = "https://stod.example.se/"
DPI = 150
PREVIEWS = ROOT / "build" / "posters" / "previews"
LANGS = list(SITE.languages)
KINDS = ("a4", "a3", "strips", "cards")
QR_COUNT = {"a4": 1, "a3": 1, "strips": 1, "cards": 10}
DOCS = [(lang, kind) for lang in LANGS for kind in KINDS]
ROUTINES = routines.all_routines(SITE)


def run_posters(*args, unset=(), cwd=ROOT):
    env = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run([sys.executable, "-m", "scripts.posters", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def strings(lang):
    return yaml.safe_load((ROOT / "posters" / "strings" / f"{lang.code}.yml").read_text(encoding="utf-8"))


def expected_numbers(lang, contacts_path=ROOT / "data" / "contacts.yml"):
    from helpsite.contacts import load_contacts
    services = load_contacts(str(contacts_path), LANGS[0].code)
    return [services[item["id"]].phones[0].display for item in strings(lang)["numbers"]]


def site_name(lang):
    return lang.site_name


def url_of(lang):
    return SITE_URL + lang.prefix


def address_of(lang):
    return (SITE_URL.removeprefix("https://") + lang.prefix).rstrip("/")


def is_true(value) -> bool:
    return isinstance(value, pypdf.generic.BooleanObject) and value.value is True


def flat(text):
    return " ".join(text.split())


def render(pdf: Path, name: str) -> Image.Image:
    """First page as an image at DPI, also kept as a preview."""
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(pdf), str(out)], check=True)
    PREVIEWS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(f"{out}.png", PREVIEWS / f"{name}.png")
    return Image.open(f"{out}.png").convert("L")


@pytest.fixture(scope="module")
def posters(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("posters")
    result = run_posters("--site-url", SITE_URL, "--out", str(out))
    assert result.returncode == 0, result.stderr
    for old in PREVIEWS.glob("*.png"):
        old.unlink()
    return out


@pytest.fixture(scope="module")
def images(posters) -> dict:
    return {pdf.stem: render(pdf, pdf.stem) for pdf in sorted(posters.glob("*.pdf"))}


def test_every_pdf_exists_per_language_and_format(posters):
    expected = {f"{lang.code}-{kind}.pdf" for lang, kind in DOCS} | {"multilingual.pdf"}
    expected |= {f"{routines.name(r, kind)}.pdf" for r in ROUTINES for kind in routines.KINDS}
    assert {p.name for p in posters.glob("*.pdf")} == expected


@pytest.mark.parametrize("kind", routines.KINDS)
@pytest.mark.parametrize("routine", ROUTINES, ids=[routines.name(r, "") for r in ROUTINES])
def test_staff_routines_are_tagged_one_sheet_with_language_and_numbers(posters, routine, kind):
    reader = pypdf.PdfReader(posters / f"{routines.name(routine, kind)}.pdf")
    assert len(reader.pages) == 1, "a routine is one sheet; more pages means the text overflowed"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == routine.lang.code
    assert is_true(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert reader.metadata.title == routine.title
    text = flat(reader.pages[0].extract_text())
    for _name, display, _tel in routine.numbers:
        assert display in text, (display, text)
    if kind == "routine":
        assert routine.lang.prefix + "personal" in text      # the QR code's printed address
    assert_fonts_embedded(reader)


@pytest.mark.parametrize("lang,kind", DOCS, ids=[f"{lang.code}-{kind}" for lang, kind in DOCS])
def test_pdf_text_language_title_and_tags(posters, lang, kind):
    reader = pypdf.PdfReader(posters / f"{lang.code}-{kind}.pdf")
    assert len(reader.pages) == 1, "a poster is one sheet; more pages means the text overflowed"
    text = flat(reader.pages[0].extract_text())
    for number in expected_numbers(lang):
        assert number in text, (number, text)
    assert address_of(lang) in text
    if kind == "strips":
        strip_ids = strings(lang)["strips"]
        first = expected_numbers(lang)[[i["id"] for i in strings(lang)["numbers"]].index(strip_ids[0])]
        assert text.count(first) >= html.STRIP_COUNT + 1        # on the poster and on every strip
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang.code
    assert is_true(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert is_true(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"{site_name(lang)} – {strings(lang)['kind_' + kind]}"
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    assert_fonts_embedded(reader)


def assert_fonts_embedded(reader):
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            desc = (descendant[0].get_object() if descendant else font)["/FontDescriptor"].get_object()
            fonts.append((font["/BaseFont"], any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_arabic_sheets_use_the_arabic_font(posters):
    for lang in (lang for lang in LANGS if lang.dir == "rtl"):
        reader = pypdf.PdfReader(posters / f"{lang.code}-a4.pdf")
        names = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
        assert any("Noto-Naskh-Arabic" in name for name in names), names


def test_multilingual_poster(posters):
    reader = pypdf.PdfReader(posters / "multilingual.pdf")
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    for lang in LANGS:
        assert lang.name in text and address_of(lang) in text and site_name(lang) in text
    assert reader.trailer["/Root"]["/Lang"] == LANGS[0].code
    assert is_true(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert_fonts_embedded(reader)


def decode(image):
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def check_code(image, code, url):
    """Right address, level M or better, at least 2.5 cm wide, four white modules around it."""
    assert code.text == url
    assert code.ec_level in ("M", "Q", "H")
    modules = 17 + 4 * int(code.extra["Version"])
    pos = code.position
    width_px = pos.top_right.x - pos.top_left.x
    assert width_px / DPI * 2.54 >= 2.5, f"QR symbol only {width_px / DPI * 2.54:.2f} cm wide"
    quiet = round(width_px / modules * 4)
    x0, y0, x1, y1 = pos.top_left.x, pos.top_left.y, pos.bottom_right.x, pos.bottom_right.y
    for box in ((x0 - quiet, y0 - quiet, x1 + quiet, y0 - 2), (x0 - quiet, y1 + 2, x1 + quiet, y1 + quiet),
                (x0 - quiet, y0, x0 - 2, y1), (x1 + 2, y0, x1 + quiet, y1)):
        assert min(image.crop(box).get_flattened_data()) > 200, f"something dark in the quiet zone {box}"
    return width_px / DPI * 25.4


@pytest.mark.parametrize("lang,kind", DOCS, ids=[f"{lang.code}-{kind}" for lang, kind in DOCS])
def test_every_qr_code_decodes_to_the_language_start_page(images, lang, kind):
    image = images[f"{lang.code}-{kind}"]
    codes = decode(image)
    assert len(codes) == QR_COUNT[kind]
    for code in codes:
        width_mm = check_code(image, code, url_of(lang))
        assert abs(width_mm - html.QR_SYMBOL_MM[kind]) < 1.0, width_mm


def test_multilingual_qr_codes(images):
    codes = decode(images["multilingual"])
    assert sorted(code.text for code in codes) == sorted(url_of(lang) for lang in LANGS)
    for code in codes:
        check_code(images["multilingual"], code, code.text)


def test_without_site_url_one_clear_message_and_exit_2(tmp_path):
    result = run_posters("--out", str(tmp_path / "out"), unset=("SITE_URL",))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert re.match(r"mkdocs\.yml:\d+: error: site_url is not set", lines[0]) and "SITE_URL" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_changed_number_in_the_data_changes_every_poster(tmp_path):
    lang = LANGS[0]
    old = expected_numbers(lang)[1]
    new = "020-12 34 56" if old != "020-12 34 56" else "020-65 43 21"
    assert tel_target(new), "the replacement must be a valid Swedish number"
    source = (ROOT / "data" / "contacts.yml").read_text(encoding="utf-8")
    assert source.count(f'number: "{old}"') == 1
    repo = copy_repo(tmp_path / "repo")
    contacts = repo / "data" / "contacts.yml"
    contacts.write_text(source.replace(f'number: "{old}"', f'number: "{new}"'), encoding="utf-8")
    assert new in expected_numbers(lang, contacts)
    result = run_posters("--site-url", SITE_URL, "--out", str(tmp_path / "out"), "--lang", lang.code, cwd=repo)
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        text = flat(pypdf.PdfReader(tmp_path / "out" / f"{lang.code}-{kind}.pdf").pages[0].extract_text())
        assert new in text and old not in text, kind


def test_a_mistake_in_the_poster_strings_names_file_and_line(tmp_path):
    folder = tmp_path / "strings"
    shutil.copytree(ROOT / "posters" / "strings", folder)
    path = folder / f"{LANGS[0].code}.yml"
    text = path.read_text(encoding="utf-8")
    first_id = strings(LANGS[0])["numbers"][0]["id"]
    path.write_text(text.replace(f"id: {first_id}", "id: no-such-service", 1), encoding="utf-8")
    from helpsite.posters.content import poster_text
    with pytest.raises(DataError) as err:
        poster_text(LANGS[0], SITE.contacts(), SITE.ui(LANGS[0].code), str(folder))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if f"id: {first_id}" in row)
    assert err.value.line == line and "no-such-service" in err.value.message


def test_text_that_does_not_fit_is_refused(tmp_path):
    t = build.all_texts(SITE)[0]
    long = dataclasses.replace(t, texts={**t.texts, "lead": " ".join([t.texts["lead"]] * 12)})
    doc = html.language_documents(long, SITE_URL)[0]
    with pytest.raises(PdfError, match="does not fit"):
        write_pdf(doc.html, html.POSTERS_DIR, str(tmp_path / "long.pdf"))
    assert not (tmp_path / "long.pdf").exists()


def test_addresses_are_short_and_keep_the_sub_path():
    sv, en = LANGS[0], LANGS[1]
    assert links.start_url("https://www.example.se/stod", en) == f"https://www.example.se/stod/{en.prefix}"
    assert links.short_address("https://www.example.se/stod/", sv) == "www.example.se/stod"
    local = f"http://127.0.0.1:8000/{en.prefix}".rstrip("/")
    assert links.short_address("http://127.0.0.1:8000/", en) == local
    for bad in ("", None, "stod.example.se", "ftp://x/", "https://x/?a=1"):
        with pytest.raises(SiteUrlError):
            normalise_site_url(bad)
    assert qr.modules(url_of(sv)) <= 29, "the start address should fit a version 3 code"
    assert html.sentences("Bris", "Dygnet runt", "Det är gratis.") == "Bris. Dygnet runt. Det är gratis."


# ---- the printable HTML versions in the built site (MkDocs hook)

def test_staff_page_links_every_poster_page(site_dir):
    for lang in LANGS:
        page = (site_dir / lang.prefix / sitepage.FOLDER / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+\.html)"', page)
        names = {Path(h).stem for h in hrefs}
        assert names == {f"{other.code}-{k}" for other in LANGS for k in KINDS} | {html.MULTI}
        for href in hrefs:
            assert (site_dir / lang.prefix / sitepage.FOLDER / href).resolve().exists(), href
        # The session build has no site_url: no QR codes, and the staff page says why.
        assert strings(lang)["no_site_url"].split()[0] in page
    assert "<svg" not in (site_dir / sitepage.FOLDER / f"{LANGS[0].code}-a4.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory, exit_url):
    out = tmp_path_factory.mktemp("site-url") / "site"
    build_site(out, EXIT_URL=exit_url, SITE_URL=SITE_URL)
    server = StaticServer(out)
    yield server
    server.close()


@pytest.mark.browser
def test_poster_pages_in_the_browser_scan_and_stay_local(browser, site_with_url):
    ctx = browser.new_context(device_scale_factor=2)
    requests, problems = [], []
    ctx.on("request", lambda r: requests.append(r.url))
    page = ctx.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for lang in LANGS:
        for kind in KINDS:
            page.goto(f"{site_with_url.origin}/{sitepage.poster_path(f'{lang.code}-{kind}')}")
            assert page.locator("html").get_attribute("lang") == lang.code
            assert page.locator("html").get_attribute("dir") == lang.dir
            image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
            codes = decode(image)
            assert len(codes) == QR_COUNT[kind] and {c.text for c in codes} == {url_of(lang)}, kind
            back = page.get_by_role("link", name=strings(lang)["back"])
            assert back.get_attribute("href") and back.is_visible()
    page.goto(f"{site_with_url.origin}/{sitepage.poster_path(html.MULTI)}")
    image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
    assert sorted(c.text for c in decode(image)) == sorted(url_of(lang) for lang in LANGS)
    ctx.close()
    assert not problems, problems
    assert all(url.startswith(site_with_url.origin) for url in requests), requests
