"""The plain functions behind scripts.check, without a repository."""
import pytest

from helpsite.checks.headings import headings
from helpsite.checks.pages import mask_code, split_front_matter
from helpsite.checks.phones import find_phone_numbers
from helpsite.checks.readability import lix
from helpsite.checks.tree import address


@pytest.mark.parametrize("text", [
    "Den nya socialtjänstlagen gäller från 2025-07-01.",
    "Källan är från 2025-07 och uppdaterades 2024.",
    "Öppet kl. 08.00–17.00 och 8:00-16:30.",
    "Ring {{phone bris-116111}} eller läs {{contact sos-112}}.",
    "Läs [Vårdguiden](https://www.1177.se/stockholm/om-1177/nar-du-ringer-1177/).",
    "Se https://www.bris.se/116111 och <https://example.org/08123456>.",
    "[Kunskapsbanken](https://www.nck.uu.se/?tarContentId=928948) (2021-02-15)",
    "Cirka 200 språk, 15 000 kronor, 1 200 personer, version 2.1, SFS 2025:400, kap. 11 §.",
    "translation_source: sha256:1177011200112233",
    "في ٢٠٢٥-٠٧-٠١ صدر القانون.",
])
def test_text_that_is_not_a_phone_number(text):
    assert find_phone_numbers(text) == []


@pytest.mark.parametrize("text, number", [
    ("Ring 020-50 50 50 nu.", "020-50 50 50"),
    ("Ring 08-123 456 78.", "08-123 456 78"),
    ("Från utlandet: +46 77 114 14 00.", "+46 77 114 14 00"),
    ("Ett felskrivet nummer 020-50 50 5.", "020-50 50 5"),
    ("Ring 112 direkt.", "112"),
    ("1177 Vårdguiden svarar.", "1177"),
    ("Polisen: 114 14.", "114 14"),
    ("Barnens hjälptelefon 116 111.", "116 111"),
    ("اتصل بالرقم ١١٢ الآن", "١١٢"),
    ("اتصل بالرقم ٠٢٠-٥٠ ٥٠ ٥٠ الآن", "٠٢٠-٥٠ ٥٠ ٥٠"),
])
def test_what_looks_like_a_phone_number(text, number):
    assert [found for _, found in find_phone_numbers(text)] == [number]


def test_code_is_masked_but_lines_stay():
    body = "Text `<script>` here\n```html\n<script>x</script>\n```\nafter"
    masked = mask_code(body)
    assert masked.count("\n") == body.count("\n")
    assert "<script>" not in masked and masked.endswith("after") and masked.startswith("Text ")


def test_front_matter_is_split_like_mkdocs():
    assert split_front_matter("---\ntitle: x\n---\n# X\n") == ("title: x\n", "# X\n")
    assert split_front_matter("# X\n---\n") == (None, "# X\n---\n")


def test_headings_atx_setext_and_html_with_lines():
    text = "# One\n\nTwo\n---\n\nPara\n===\n\n<h4 id=x>Four</h4>\n\n- item\n---\n"
    assert headings(text) == [(1, 1, "One"), (3, 2, "Two"), (6, 1, "Para"), (9, 4, "Four")]


def test_lix_counts_words_sentences_and_long_words():
    value, words, sentences, long_words = lix("# Rubrik\n\nDet här är en mening. Och en till!\n\n- punkt ett\n"
                                              "- långvariga förhållanden\n")
    # Rubrik | Det här är en mening | Och en till | punkt ett | långvariga förhållanden
    assert (words, sentences, long_words) == (13, 5, 2)
    assert value == pytest.approx(13 / 5 + 100 * 2 / 13)


@pytest.mark.parametrize("rel, url", [("index.md", ""), ("heder.md", "heder/"), ("om/index.md", "om/"),
                                      ("om/README.md", "om/"), ("om/team.md", "om/team/")])
def test_address_of_a_page(rel, url):
    assert address(rel) == url


def test_a_long_digit_run_starting_with_11_is_not_a_crash():
    from helpsite.checks.phones import find_phone_numbers
    assert find_phone_numbers("Mätpunkt 1 1795983107789683209") == []
