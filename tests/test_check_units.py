"""The plain functions behind scripts.check, without a repository."""
import pytest

from helpsite.checks.headings import headings
from helpsite.checks.images import check_images
from helpsite.checks.pages import Page, load_page, mask_code, split_front_matter
from helpsite.checks.phones import find_phone_numbers
from helpsite.checks.readability import lix
from helpsite.checks.rendered import SourceLines, read_tags, url_scheme
from helpsite.checks.tree import address
from helpsite.checks.unsafe_html import check_unsafe_html


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


def page_of(body, path="docs/sv/om.md"):
    """A page as load_page makes it, for Markdown without front matter."""
    return Page(path, "sv", "om.md", body, {}, None, body, mask_code(body))


@pytest.mark.parametrize("markdown, line, message", [
    ("# T\n\n[a](jav&#x61;script:alert(1))\n", 3, "unsafe link: a 'javascript:' address"),
    ("# T\n\n<a href='&#106;avascript:x'>a</a>\n", 3, "unsafe link: a 'javascript:' address"),
    ("# T\n\n<a href=\"java&#9;script:x\">a</a>\n", 3, "unsafe link: a 'javascript:' address"),
    ("# T\n\n<a href=\" JaVaScRiPt:x\">a</a>\n", 3, "unsafe link: a 'javascript:' address"),
    ("# T\n\nText [a][x].\n\n[x]: VBScript:x\n", 5, "unsafe link: a 'vbscript:' address"),
    ("# T\n\n[a](data:text/html,x)\n", 3, "unsafe link: a 'data:' address"),
    ("# T\n\n<img alt=\"x\" src=\"DATA:image/png;base64,AA\">\n", 3, "unsafe image: a 'data:' address"),
    ("# T\n\n<img alt=\"x\" src=\"a.png\" srcset=\"b.png 1x, data:image/png,AA 2x\">\n", 3,
     "unsafe image: a 'data:' address"),
    ("# T\n\n<button formaction=\"javascript:x\">a</button>\n", 3, "unsafe link: a 'javascript:' address"),
    ("# T\n\nText\n{: onClick=\"x\" }\n", 4, "unsafe HTML: the event handler 'onclick='"),
    ("# T\n\n<p ONMOUSEOVER=x>Text</p>\n", 3, "unsafe HTML: the event handler 'onmouseover='"),
    ("# T\n\n!!! note\n    <svg ONLOAD=\"x\"></svg>\n", 4, "unsafe HTML: the event handler 'onload='"),
    ("# T\n\n<div markdown>\n<SCRIPT>x</SCRIPT>\n</div>\n", 4, "unsafe HTML: <script> is not allowed"),
    ("# T\n\nText <object data=x></object>\n", 3, "unsafe HTML: <object> is not allowed"),
    ("# T\n\n<embed src=x>\n", 3, "unsafe HTML: <embed> is not allowed"),
    ("# T\n\n\\<script>x</script>\n", 3, "unsafe HTML: <script> is not allowed"),  # Markdown does not escape \<
    ("# T\n\n<form action=x></form>\n", 3, "unsafe HTML: <form> is not allowed"),
    ("# T\n\n<p style=\"background:URL (x)\">a</p>\n", 3, "unsafe HTML: a style= attribute with url()"),
    ("# T\n\n<p style=\"color:red\">a</p>\n", 3, "unsafe HTML: a style= attribute; the site's security policy"),
])
def test_unsafe_html_is_read_as_the_browser_reads_it(markdown, line, message):
    problems = check_unsafe_html(page_of(markdown))
    assert [(p.line, p.severity) for p in problems] == [(line, "error")]
    assert problems[0].message.startswith(message)


@pytest.mark.parametrize("markdown", [
    "# T\n\n`<script>` and `onclick=` in code are text.\n",
    "# T\n\n```html\n<script>x</script>\n```\n",
    "# T\n\n&lt;script&gt; written with entities is text.\n",
    "# T\n\n<!-- <script>x</script> -->\n",
    "# T\n\n[Start](index.md) and [mail](mailto:a@example.org) and [site](https://example.org/?a=1&b=2)\n",
    "# T\n\nThe word javascript: in text, and online, one, onion.\n",
    "# T\n\n<a href=\"java script:x\">a relative address with a space</a>\n",
])
def test_safe_markdown_is_not_reported(markdown):
    assert check_unsafe_html(page_of(markdown)) == []


def test_the_runner_passes_the_html_it_rendered():
    # A check given HTML reads that HTML, not its own rendering of the page.
    page = page_of("# T\n\nText\n")
    assert check_unsafe_html(page, "<p>Text<script>x</script></p>")[0].message.startswith("unsafe HTML: <script>")
    assert check_images(page, '<p><img src="a.png"></p>')[0].message.startswith("the image 'a.png' has no alt")


@pytest.mark.parametrize("markdown, expected", [
    ("# T\n\n![](a.png)\n", [(3, "the image 'a.png' has no alt text; describe it between the brackets: "
                                 "![what the image shows](a.png)")]),
    ("# T\n\n<div markdown>\n<img src=\"b.png\" alt=\" \">\n</div>\n",
     [(4, "the image 'b.png' has no alt text; add alt=\"what the image shows\"")]),
    ("# T\n\n![A phone](a.png) <img src=\"b.png\" alt=\"A card\">\n", []),
    ("# T\n\n![](a.png)\n\n![](a.png)\n", [(3, "the image 'a.png' has no alt text; describe it between the brackets: "
                                                "![what the image shows](a.png)"),
                                           (5, "the image 'a.png' has no alt text; describe it between the brackets: "
                                                "![what the image shows](a.png)")]),
])
def test_images_need_alt_text(markdown, expected):
    assert [(p.line, p.message) for p in check_images(page_of(markdown))] == expected


@pytest.mark.parametrize("value, scheme", [
    ("javascript:x", "javascript"), ("JavaScript:x", "javascript"), ("java\tscript:x", "javascript"),
    ("\x01 javascript:x", "javascript"), ("java\nscript:x", "javascript"), ("https://x.se/", "https"),
    ("heder.md", None), ("heder.md#a:b", None), ("../a.png", None), ("#top", None), ("", None),
])
def test_url_scheme_as_a_browser_reads_it(value, scheme):
    assert url_scheme(value) == scheme


def test_tags_are_read_with_decoded_values_and_lower_case_names():
    tags = read_tags('<p>Hej</p><A HREF="jav&#x61;script:x" onClick=y>a</A><img src=b.png alt>')
    assert [t.name for t in tags] == ["p", "a", "img"]
    assert tags[1].attrs == (("href", "javascript:x"), ("onclick", "y"))
    assert tags[1].raw_value("href") == "jav&#x61;script:x" and tags[1].before == "Hej"
    assert tags[2].get("alt") == "" and tags[2].get("title") is None


def test_source_lines_find_the_written_text_else_the_block_never_zero():
    lines = SourceLines(page_of("\n\n# T\n\nVem vi är\n\n[a](x.md) [b](x.md)\n"))
    assert [lines.line(["x.md"]), lines.line(["X.MD"]), lines.line(["x.md"])] == [7, 7, 3]
    assert lines.line(["not written"], near="Vem vi är") == 5
    assert lines.line(["not written"], near="nor this") == 3          # the first line with text
    assert SourceLines(page_of("")).line(["x"]) == 1


@pytest.mark.parametrize("yaml_text, line, words", [
    ("title: Våld: vad är det?\n", 1, "put the title in quotes: a colon inside a title ends the title"),
    ("title: x\ndescription: Läs mer:\n", 2,
     "put the description in quotes: a colon inside a description ends the description"),
    ("title: x\n\tdescription: y\n", 2, "use spaces, not tabs"),
    ("title: [Om\ndescription: x\n", 1, "put the title in quotes: a title that starts with '[' is not read as text"),
    ("title: @Om\n", 1, "put the title in quotes: a title that starts with '@' is not read as text"),
    ("title: x\ndescription: \"Vem\nreviewed: 2026-11-01\n", 2,
     "the description opens a quote (\") that is never closed: end the description with \""),
    ("title: \"Om\" oss\n", 1, "put all of the title inside the quotes: nothing may follow the closing quote"),
    ("title Om oss\ndescription: x\n", 1, "write a colon and a space after the key, e.g. 'title: ...'"),
    ("title: x\n  description: y\n", 2,
     "remove the spaces at the start of the line: each key starts at the beginning of its line"),
    ("title: x\n- toc\n", 2, "the front matter is not valid YAML (expected <block end>, but found '-')"),
])
def test_front_matter_yaml_mistakes_in_plain_words(tmp_path, yaml_text, line, words):
    (tmp_path / "docs" / "sv").mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "om.md").write_text(f"---\n{yaml_text}---\n\n# Om\n", encoding="utf-8")
    page, problems = load_page(str(tmp_path), "docs/sv/om.md", "sv", "om.md")
    assert [str(p) for p in problems] == [f"docs/sv/om.md:{line + 1}: error: {words}"]
    assert page.meta is None


@pytest.mark.parametrize("text", [
    "---\ntitle: x\ndescription: y\n\n# Om\n\nText\n",
    "---\ntitle: x\n# Om\n",
    "---\ntitle: x\n\n# Om\n\nText\n\n---\n\nMore text after a rule\n",
])
def test_front_matter_that_is_never_closed(tmp_path, text):
    (tmp_path / "docs" / "sv").mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "om.md").write_text(text, encoding="utf-8")
    page, problems = load_page(str(tmp_path), "docs/sv/om.md", "sv", "om.md")
    assert [str(p) for p in problems] == ["docs/sv/om.md:1: error: the front matter that starts on line 1 is never "
                                          "closed: add a line with only --- after the last key"]
    # The keys are not page text for the other checks; the lines stay where they are.
    assert "title" not in page.body and page.body.count("\n") == text.count("\n")
    assert headings(page.body)[0][2] == "Om"
