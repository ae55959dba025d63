"""What is printed is what is dialled: every tel: link in the built site shows the digits it dials."""
from html.parser import HTMLParser

import phonenumbers
import pytest

from tests.sitebuild import SITE


class TelLinks(HTMLParser):
    """(href, visible text) of every <a href="tel:..."> in a page, nested markup included."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.depth, self.href, self.text = [], 0, None, []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.lower().startswith("tel:"):
            self.href, self.text, self.depth = href, [], 1
        elif tag == "a" and self.href:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.depth -= 1
            if not self.depth:
                self.links.append((self.href, "".join(self.text)))
                self.href = None

    def handle_data(self, data):
        if self.href:
            self.text.append(data)


def tel_links(html: str) -> list[tuple[str, str]]:
    reader = TelLinks()
    reader.feed(html)
    reader.close()
    return reader.links


def shown_and_dialled(href: str, text: str) -> tuple[str, str]:
    """The digits a reader sees and the digits the link dials, in the same national or international form."""
    # normalize_digits_only also reads Arabic-Indic digits, in case a page shows them.
    shown = phonenumbers.normalize_digits_only(text)
    dialled = phonenumbers.normalize_digits_only(href[len("tel:"):])
    international = "+" in text
    if href[len("tel:"):].startswith("+46") and not international:
        dialled = "0" + dialled[2:]              # +46 8 … is read as 08 … in Sweden
    return shown, dialled


@pytest.mark.parametrize("href, text, same", [
    ("tel:+4620505050", "Ring 020-50 50 50", True),
    ("tel:+4684055005", "Call +46 8 405 50 05", True),
    ("tel:11414", "114 14", True),
    ("tel:+46202223", "020-AB CD", False),                  # what phonenumbers dials for letters
    ("tel:+4620555666", "020-555 66", False),               # a digit lost in the text
    ("tel:+4620505050", "+46 20 50 50 51", False),
])
def test_the_comparison_sees_a_difference(href, text, same):
    shown, dialled = shown_and_dialled(href, text)
    assert (shown == dialled) is same


def test_every_tel_link_shows_the_digits_it_dials(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    seen = set()
    for page in pages:
        for href, text in tel_links(page.read_text(encoding="utf-8")):
            shown, dialled = shown_and_dialled(href, text)
            assert shown == dialled, (page.relative_to(site_dir).as_posix(), href, text)
            seen.add(href[len("tel:"):])
    data = {phone.tel for service in SITE.contacts().values()
            for phone in service.phones}
    assert data <= seen, f"numbers never linked in the site: {data - seen}"
