"""Posters, tear-off sheets and cards: the real command, real PDFs, a real QR decoder.

Expected numbers and addresses are read from the data (contacts, poster strings, mkdocs.yml),
never typed here. Every PDF is rendered with poppler's pdftoppm, every QR code decoded with
zxing-cpp, fonts and text read back with pdffonts and pdftotext; the PNGs are kept in
build/posters/previews/ for a person to look at.

The languages still being translated are proven with the site's own texts under new codes and
small script samples (SCRIPT_SAMPLES), never by a list of the site's languages typed here. The
many-address and many-language checks lay the posters out with WeasyPrint and run the fit check
without writing a PDF (the slow part); codes are decoded from the SVG the posters embed.
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
from helpsite.posters.pdf import PdfError, layout_problems, write_pdf
from helpsite.site import RTL_CODES, Language, SiteUrlError, normalise_site_url
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


BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def flat(text):
    # pdftotext wraps right-to-left lines in embedding marks; they are not part of the text.
    return " ".join(BIDI_MARKS.sub("", text).split())


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
    assert root["/Lang"] == routine.lang.lang
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
    assert root["/Lang"] == lang.lang
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


def test_multilingual_poster(posters):
    reader = pypdf.PdfReader(posters / "multilingual.pdf")
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    for lang in LANGS:
        assert lang.name in text and address_of(lang) in text and site_name(lang) in text
    assert reader.trailer["/Root"]["/Lang"] == LANGS[0].lang
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


# ---- fonts: every script a poster prints is set in a font named for it in poster.css

# Characters of a script, and what the name of an embedded font that draws them contains.
SCRIPT_FONTS = (
    ("Ethiopic", re.compile("[\u1200-\u137f]"), "Ethiopic"),
    ("Arabic", re.compile("[\u0600-\u06ff]"), "Arabic"),
    ("Cyrillic", re.compile("[\u0400-\u04ff]"), "DejaVu-Sans"),
    ("Latin", re.compile("[A-Za-z]"), "DejaVu-Sans"),
)
STYLE_SUFFIX = re.compile(r"-(Bold|Oblique|Italic|BoldOblique|BoldItalic)$")


def pdffonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font family as the PDF names it, embedded?) per font, from poppler's pdffonts."""
    rows = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    emb = rows[0].index("emb")        # a table of fixed-width columns under its header
    fonts = []
    for row in rows[2:]:
        name = row.split()[0].split("+", 1)[-1]          # "ABCDEF+DejaVu-Sans-Bold" -> "DejaVu-Sans-Bold"
        fonts.append((STYLE_SUFFIX.sub("", name), row[emb:emb + 3].strip() == "yes"))
    return fonts


def pdftotext(pdf: Path) -> str:
    return flat(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)


def css_font_families() -> set[str]:
    """Every family poster.css names, as PDFs name them ("Noto Sans Ethiopic" -> "Noto-Sans-Ethiopic")."""
    css = (Path(html.POSTERS_DIR) / html.CSS_FILE).read_text(encoding="utf-8")
    return {name.replace(" ", "-") for decl in re.findall(r"font-family:([^;}]+)", css)
            for name in re.findall(r'"([^"]+)"', decl)}


def font_problems(pdf: Path) -> list[str]:
    """Fonts not embedded, fonts poster.css does not name (a fallback fontconfig chose), and
    scripts in the PDF's text without a font for them."""
    fonts, text = pdffonts(pdf), pdftotext(pdf)
    found = [f"{pdf.name}: {name} is not embedded" for name, embedded in fonts if not embedded]
    found += [f"{pdf.name}: {name} is not a font poster.css names" for name, _ in fonts
              if name not in css_font_families()]
    found += [f"{pdf.name}: {script} text but no {needed} font in {sorted({n for n, _ in fonts})}"
              for script, chars, needed in SCRIPT_FONTS
              if chars.search(text) and not any(needed in name for name, _ in fonts)]
    return found


def test_every_pdf_embeds_a_named_font_for_every_script_it_prints(posters):
    pdfs = sorted(posters.glob("*.pdf"))
    assert pdfs
    assert [problem for pdf in pdfs for problem in font_problems(pdf)] == []


# Test samples in scripts the site is being translated into (own words, not the translators'):
# code -> (the language's name, a headline, a line to scan). Only codes the config lacks are used.
SCRIPT_SAMPLES = {
    "ti": ("ትግርኛ", "ደገፍን ሓገዝን ኣብ ዓመጽ", "ብትግርኛ ንምንባብ ስካን ግበሩ"),
    "fa": ("فارسی", "پشتیبانی و کمک در برابر خشونت", "برای خواندن به فارسی اسکن کنید"),
    "uk": ("Українська", "Підтримка та допомога у разі насильства", "Скануйте, щоб читати українською"),
}


# Editions: a folder of its own whose pages are in another language (easy-read Swedish: ll -> sv),
# from the config, or a made-up one when the config has none.
EDITIONS = {lang.code: lang.lang for lang in SITE.languages if lang.html_lang} or {"ll": SITE.default.lang}


def sample_text(base, code: str, name: str, headline: str, words: str):
    """base's poster texts under another language, with its headline and scan lines in `words`."""
    html_lang = EDITIONS.get(code, "")
    lang = Language(code, name, "rtl" if code.split("-")[0] in RTL_CODES else "ltr", headline, html_lang=html_lang)
    texts = {**base.texts, **{key: words for key in ("lead", "scan", "multi_scan", "qr_title")}}
    return dataclasses.replace(base, lang=lang, headline=headline, texts=texts)


@pytest.mark.parametrize("code", SCRIPT_SAMPLES)
def test_a_language_in_another_script_is_set_in_its_font(tmp_path, code):
    base = build.all_texts(SITE)[0]
    t = sample_text(base, code, *SCRIPT_SAMPLES[code])
    doc = html.language_documents(t, SITE_URL)[0]
    pdf = tmp_path / f"{doc.name}.pdf"
    write_pdf(doc.html, html.POSTERS_DIR, str(pdf))
    text = pdftotext(pdf)
    assert t.headline in text and t.texts["scan"] in text
    assert font_problems(pdf) == []
    needed = next(needed for _, chars, needed in SCRIPT_FONTS if chars.search(t.headline))
    assert any(needed in name for name, _ in pdffonts(pdf)), pdffonts(pdf)


def test_the_font_check_can_fail(tmp_path):
    # Thai, a script poster.css names no font for: fontconfig picks one, and the check says so.
    page = '<!doctype html><html lang="th"><title>x</title><p>ความช่วยเหลือ</p></html>'
    pdf = tmp_path / "unnamed.pdf"
    write_pdf(page, html.POSTERS_DIR, str(pdf))
    assert any("is not a font poster.css names" in problem for problem in font_problems(pdf)), pdffonts(pdf)


# ---- any real address: up to 60 characters, printed in pieces that wrap, never refused

# The longest site addresses the posters promise to print (60 characters as normalised, with the
# trailing slash): a long host name, and a shorter one with a sub-path. Reserved example names.
LONG_ADDRESSES = {
    "host": "https://stod-och-hjalp-vid-vald.kulturforvaltningen.example/",
    "sub-path": "https://bibliotek.example.org/stod-och-hjalp/vid-vald/sprak/",
}
ADDRESS_RE = re.compile(r'<bdi dir="ltr" class="\w+__address address[^"]*">(.*?)</bdi>')


def printed_addresses(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", found) for found in ADDRESS_RE.findall(page)]


def test_a_printed_address_breaks_only_after_a_slash_or_before_a_dot():
    for site_url in [*LONG_ADDRESSES.values(), SITE_URL, "http://127.0.0.1:8000/"]:
        for lang in LANGS:
            address = links.short_address(site_url, lang)
            pieces = links.address_chunks(address)
            assert "".join(pieces) == address
            for first, second in zip(pieces, pieces[1:]):
                assert first.endswith("/") or second.startswith("."), (first, second)
                assert not first.endswith("-"), "a hyphen at a line end reads as a divided word"
    assert links.address_chunks("a.example/stod-vid-vald/en") == ["a", ".example/", "stod-vid-vald/", "en"]


@pytest.mark.parametrize("site_url", LONG_ADDRESSES.values(), ids=LONG_ADDRESSES.keys())
def test_an_address_of_60_characters_fits_every_document_in_every_language(site_url):
    assert len(normalise_site_url(site_url)) == 60
    docs = build.all_documents(build.all_texts(SITE), site_url, routines=ROUTINES)
    # Pocket cards print neither code nor address (routines.QR_MM), so an address cannot change them.
    docs = [doc for doc in docs if doc.kind in html.QR_SYMBOL_MM or doc.kind in (html.MULTI, *routines.QR_MM)]
    assert {doc.kind for doc in docs} == {*KINDS, html.MULTI, *routines.QR_MM}
    refused = {doc.name: layout_problems(doc.html, html.POSTERS_DIR) for doc in docs}
    assert {name: found for name, found in refused.items() if found} == {}
    # Printed whole: the pieces add up to the address, nothing inserted or lost.
    for doc in docs:
        if doc.kind in routines.QR_MM:
            expected = [(site_url + doc.lang.prefix + routines.STAFF_PAGE).removeprefix("https://").rstrip("/")]
        elif doc.kind == html.MULTI:
            expected = [links.short_address(site_url, lang) for lang in LANGS]
        else:
            expected = [links.short_address(site_url, doc.lang)] * (html.STRIP_COUNT + 1 if doc.kind == "strips" else
                                                                     QR_COUNT[doc.kind])
        assert printed_addresses(doc.html) == expected, doc.name


@pytest.mark.parametrize("site_url", LONG_ADDRESSES.values(), ids=LONG_ADDRESSES.keys())
def test_an_address_of_60_characters_decodes_at_every_printed_size(tmp_path, site_url):
    # Every QR size the posters print, as the SVG they embed, on one sheet per language.
    sizes = sorted({*html.QR_SYMBOL_MM.values(), *(row[3] for row in html.MULTI_LAYOUTS)})
    for t in build.all_texts(SITE):
        staff = routines.qr_block(site_url, t.lang, "routine", "x")
        svgs = [html.qr_block(t, site_url, size)["svg"] for size in sizes] + [staff["svg"]]
        page = (f'<!doctype html><html lang="{t.lang.lang}"><title>QR</title><style>@page {{ size: 420mm 300mm; '
                f'margin: 10mm }} svg {{ display: inline-block; margin: 4mm }}</style>{"".join(svgs)}</html>')
        pdf = tmp_path / f"codes-{t.lang.code}.pdf"
        write_pdf(page, html.POSTERS_DIR, str(pdf))
        image = render(pdf, f"long-address-codes-{t.lang.code}")
        codes = decode(image)
        assert sorted(code.text for code in codes) == sorted([links.start_url(site_url, t.lang)] * len(sizes) + [staff["url"]])
        widths = sorted(check_code(image, code, code.text) for code in codes)
        printed = sorted([*sizes, routines.QR_MM["routine"]])
        assert all(abs(width - size) < 1.0 for width, size in zip(widths, printed)), (widths, printed)


# ---- the multilingual poster: every language on one sheet, whatever their number

def wide_texts(count: int) -> list:
    """`count` languages as the multilingual poster will get them: the site's own, the script
    samples the config lacks, an edition sharing the default language's headline (EDITIONS),
    then copies of the default language under private-use codes, each with a headline of its own."""
    real = build.all_texts(SITE)
    base = real[0]
    extra = [sample_text(base, code, *words) for code, words in SCRIPT_SAMPLES.items() if code not in SITE.codes]
    extra += [sample_text(base, code, f"{base.lang.name} ({code})", base.headline,
                          f"{base.texts['multi_scan']} ({code})") for code in EDITIONS if code not in SITE.codes]
    n = 0
    while len(real) + len(extra) < count:
        n += 1
        code = f"{base.lang.code}-x-{n}"
        extra.append(sample_text(base, code, f"{base.lang.name} {n}", f"{base.headline} {n}",
                                 f"{base.texts['multi_scan']} ({code})"))
    return (real + extra)[:count]


def found_once_each(text: str, phrases: list[str]) -> dict:
    """{phrase: times printed} for every phrase not printed exactly once; a phrase inside a
    longer one of the list is also counted there."""
    # A phrase may wrap at a hyphen ("af-Soomaali"), and pdftotext then joins the halves without
    # it: hyphens are left out on both sides.
    text = text.replace("-", "")
    wanted = {p.replace("-", ""): p for p in phrases}
    return {wanted[p]: text.count(p) for p in wanted if text.count(p) != sum(p in other for other in wanted)}


@pytest.mark.parametrize("count", [row[0] for row in html.MULTI_LAYOUTS])
def test_every_multilingual_layout_fits_its_largest_count(count):
    texts = wide_texts(count)
    assert len(texts) == count
    doc = html.multilingual_document(texts, LONG_ADDRESSES["sub-path"])
    assert layout_problems(doc.html, html.POSTERS_DIR) == []


def test_ten_languages_share_one_sheet_each_with_its_own_code_and_label(tmp_path):
    texts = wide_texts(max(10, len(LANGS)))
    site_url = LONG_ADDRESSES["sub-path"]
    doc = html.multilingual_document(texts, site_url)
    # Each language's block says its language and direction.
    blocks = re.findall(r'<section class="lang" lang="([^"]+)" dir="([^"]+)"', doc.html)
    assert blocks == [(t.lang.lang, t.lang.dir) for t in texts]
    pdf = tmp_path / "multilingual.pdf"
    write_pdf(doc.html, html.POSTERS_DIR, str(pdf))        # refuses a spill or a second sheet
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    # A4 (595 × 842 pt) holds up to six languages; more are set on A3 (842 × 1191 pt).
    width = {"a4": 595, "a3": 842}[html.multi_layout(len(texts)).sheet]
    assert round(float(reader.pages[0].mediabox.width)) == width
    text = pdftotext(pdf)
    scans = [t.texts["multi_scan"] for t in texts]
    assert len(set(scans)) == len(scans)
    assert found_once_each(text, scans) == {}
    assert found_once_each(text, [t.headline for t in texts]) == {}
    assert all(t.lang.name in text for t in texts)
    # pdftotext reads a grid's lines in its own order, so the addresses are read from the HTML.
    assert printed_addresses(doc.html) == [links.short_address(site_url, t.lang) for t in texts]
    assert font_problems(pdf) == []
    image = render(pdf, "multilingual-wide")
    codes = decode(image)
    assert sorted(code.text for code in codes) == sorted(links.start_url(site_url, t.lang) for t in texts)
    for code in codes:
        check_code(image, code, code.text)


def test_an_edition_prints_the_language_it_is_written_in_and_its_headline_once():
    texts = build.all_texts(SITE)
    base = texts[0]
    for code, written_in in EDITIONS.items():
        edition = sample_text(base, code, code, base.headline, f"{base.texts['multi_scan']} ({code})")
        for doc in html.language_documents(edition, SITE_URL):
            assert doc.name.startswith(f"{code}-")
            assert f'<html lang="{written_in}"' in doc.html
        # It shares its language's headline: the multilingual poster prints that headline once.
        multi = html.multilingual_document([*texts, edition], SITE_URL)
        headline = re.search(r"<h1 .*?</h1>", multi.html, re.S).group()
        assert headline.count(f">{base.headline}<") == 1
        assert f'<section class="lang" lang="{written_in}"' in multi.html


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
            assert page.locator("html").get_attribute("lang") == lang.lang
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
