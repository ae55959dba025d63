"""Contacts data: validation with exact file:line messages, phone numbers, freshness, cards."""
import datetime as dt
import textwrap

import pytest

from helpsite import cards
from helpsite.checks.data import load_services
from helpsite.configfile import Language
from helpsite.contacts import add_texts, is_stale, parse_contacts, tel_target
from helpsite.directives import DirectiveError, check_directives, find_directives
from helpsite.yamlpos import DataError
from tests.sitebuild import SITE

GOOD = textwrap.dedent("""\
    services:
      - id: line
        name: {sv: "Linjen", en: "The line"}
        purpose: {sv: "För dig.", en: "For you."}
        phones:
          - number: "020-50 50 50"
        hours: {sv: "Dygnet runt", en: "Around the clock"}
        free: true
        on_phone_bill: false
        anonymous: true
        readers: [adults]
        topics: [any]
        group: national
        sources:
          - {url: "https://example.org/a", date: "2024-01-10"}
        checked: "2025-12"
    """)


ONLY_DIGITS = "a phone number may only contain digits, spaces, - + ( )"


def parse(text):
    return parse_contacts(text, "data/contacts.yml", SITE.default.code)


def test_good_file_loads_with_e164_and_short_numbers():
    service = parse(GOOD)["line"]
    assert service.phones[0].tel == "+4620505050"
    assert service.text("name", "en") == "The line"
    assert tel_target("112") == "112"
    assert tel_target("114 14") == "11414"
    assert tel_target("08-405 50 05") == "+4684055005"
    assert tel_target("020-50") is None


@pytest.mark.parametrize("old, new, line, message", [
    ('- number: "020-50 50 50"', '- number: "020-50"', 6,
     "service 'line': phone '020-50' has 4 digits after the first 0, but a free-phone number (020) has 6 to 9; "
     "check the number at its source"),
    ('- number: "020-50 50 50"', '- number: "020-AB CD"', 6,
     "service 'line': phone '020-AB CD' contains 'A'; " + ONLY_DIGITS),
    ('- number: "020-50 50 50"', '- number: "020-52 10 2O"', 6,
     "service 'line': phone '020-52 10 2O' contains 'O'; " + ONLY_DIGITS),
    ('- number: "020-50 50 50"', '- number: "020-50 50 50 ext 1"', 6,
     "service 'line': phone '020-50 50 50 ext 1' contains 'e'; " + ONLY_DIGITS),
    ('- number: "020-50 50 50"', '- number: "020/50 50 50"', 6,
     "service 'line': phone '020/50 50 50' contains '/'; " + ONLY_DIGITS),
    ('- number: "020-50 50 50"', '- number: "020\u00a050 50 50"', 6,
     "service 'line': phone '020\u00a050 50 50' contains U+00A0 (NO-BREAK SPACE); " + ONLY_DIGITS),
    ('- number: "020-50 50 50"', '- number: "070-123 45 6"', 6,
     "service 'line': phone '070-123 45 6' has 8 digits after the first 0, but a mobile number has 9; check the "
     "number at its source"),
    ('- number: "020-50 50 50"', '- number: "+46 10 223 57 6"', 6,
     "service 'line': phone '+46 10 223 57 6' has 8 digits after +46, but a 010 number has 9; check the number "
     "at its source"),
    ('- number: "020-50 50 50"', '- number: "999 999"', 6,
     "service 'line': phone '999 999' is not a valid Swedish phone number"),
    ("free: true", "free: yes please", 8, "service 'line': 'free' must be true or false (or left out when not verified)"),
    ("readers: [adults]", "readers: [aliens]", 11,
     "service 'line': 'readers' has unknown value 'aliens'; use one of: children, young, adults, older, "
     "worried, uses-violence, professionals, employees, everyone"),
    ('checked: "2025-12"', 'checked: "last year"', 16, "service 'line': 'checked' must be a date like 2025-12 or 2025-12-01"),
    ('name: {sv: "Linjen", en: "The line"}', 'name: {en: "The line"}', 3,
     "service 'line': 'name' has no text in the default language 'sv'"),
    ("group: national", "group: national\n    colour: blue", 14,
     "service 'line': unknown key 'colour'; allowed keys: anonymity_note, anonymous, chat, checked, free, group, "
     "hours, id, languages, name, on_phone_bill, phones, purpose, readers, sources, topics, web"),
    ("    sources:\n      - {url: \"https://example.org/a\", date: \"2024-01-10\"}\n", "", 2,
     "service 'line': 'sources' is missing"),
])
def test_mistakes_name_the_entry_field_and_line(old, new, line, message):
    assert old in GOOD
    with pytest.raises(DataError) as err:
        parse(GOOD.replace(old, new))
    assert str(err.value) == f"data/contacts.yml:{line}: error: {message}"


@pytest.mark.parametrize("written, display, tel", [
    ("020-50 50 50", "020-50 50 50", "+4620505050"),
    ("020 505050", "020-50 50 50", "+4620505050"),
    ("(020) 50 50 50", "020-50 50 50", "+4620505050"),
    ("020-555 666", "020-55 56 66", "+4620555666"),        # phonenumbers' grouping, not the editor's
    ("08-405 50 05", "08-405 50 05", "+4684055005"),
    ("+46 8 405 50 05", "+46 8 405 50 05", "+4684055005"),  # written for callers abroad: shown so
    ("+46 (0)8-405 50 05", "+46 8 405 50 05", "+4684055005"),
    ("+46 77 114 14 00", "+46 77 114 14 00", "+46771141400"),
    ("112", "112", "112"),
    ("1177", "1177", "1177"),
    ("11414", "114 14", "11414"),
    ("116 111", "116 111", "116111"),
    ("116006", "116 006", "116006"),
])
def test_shown_and_dialled_come_from_one_parse(written, display, tel):
    phone = parse(GOOD.replace('"020-50 50 50"', f'"{written}"'))["line"].phones[0]
    assert (phone.display, phone.tel) == (display, tel)
    assert tel_target(written) == tel


def test_letters_are_never_dialled():
    # phonenumbers alone reads them as keypad digits: 020-AB CD would dial +46202223.
    assert tel_target("020-AB CD") is None
    assert tel_target("020-52 10 2O") is None


def test_duplicate_id_and_bad_yaml():
    doubled = GOOD + GOOD.split("services:\n", 1)[1]
    with pytest.raises(DataError, match=r"^data/contacts.yml:17: error: service id 'line' is used twice \(first at line 2\)$"):
        parse(doubled)
    with pytest.raises(DataError, match=r"^data/contacts.yml:3: error: this is not valid YAML"):
        parse("services:\n  - id: x\n  name: [\n")


def test_freshness_is_twelve_months():
    service = parse(GOOD)["line"]
    assert not is_stale(service, dt.date(2026, 12, 1))
    assert is_stale(service, dt.date(2026, 12, 2))
    assert is_stale(service, dt.date(2027, 1, 1))


def test_directives_report_the_line():
    services = parse(GOOD)
    md = "# T\n\nText\n\n{{contact line}}\n\nRing {{phone line}}.\n"
    assert [d.line for d in check_directives(md, services)] == [5, 7]
    with pytest.raises(DirectiveError) as err:
        check_directives(md + "\n{{contact nope}}\n", services)
    assert (err.value.line, err.value.message) == (9, "unknown service id 'nope' (see data/contacts.yml)")
    with pytest.raises(DirectiveError, match="must stand alone"):
        find_directives("Se {{contact line}} här")


def _lang(code, lang=None, direction="ltr"):
    return Language(code, code, direction, "x", html_lang=lang or "")


def test_card_shows_facts_as_text_and_isolates_numbers():
    services = parse(GOOD)
    html = cards.card(services["line"], [_lang("en"), _lang("sv")], SITE.ui("en"), level=3)
    assert '<h3 class="contact__name">The line</h3>' in html
    assert '<a class="tel" href="tel:+4620505050">Call <bdi dir="ltr">020-50 50 50</bdi></a>' in html
    for text in ("Open: Around the clock", "It is free of charge.", "The call is not shown on the phone bill.",
                 "You can stay anonymous."):
        assert text in html
    assert "untranslated" not in html


def test_a_text_missing_in_a_language_is_shown_from_its_fallback_marked():
    services = parse(GOOD)
    ui = {**SITE.ui("en"), "fact_untranslated": "not translated"}
    html = cards.card(services["line"], [_lang("xx", direction="rtl"), _lang("sv")], ui, level=3)
    # Never dropped: the Swedish hours are there, in Swedish, marked as not translated.
    assert ('Open: <span lang="sv" dir="ltr">Dygnet runt</span> <span class="untranslated">(not translated)</span>'
            in html)
    assert '<h3 class="contact__name"><span lang="sv" dir="ltr">Linjen</span>' in html
    # An edition in the same language (easy-read Swedish, lang="sv") borrows without a mark.
    html = cards.card(services["line"], [_lang("ll", lang="sv"), _lang("sv")], ui, level=3)
    assert "Dygnet runt" in html and "untranslated" not in html and 'lang="sv"' not in html


def test_texts_of_a_further_language_come_from_their_own_file(tmp_path):
    services = parse(GOOD.replace('"020-50 50 50"', '"020-50 50 50"\n        note: {sv: "Gratis", en: "Free"}'))
    path = tmp_path / "fi.yml"
    path.write_text('line:\n  name: "Linja"\n  hours: "Ympäri vuorokauden"\n'
                    '  phone_notes:\n    "020-50 50 50": "Maksuton"\n', encoding="utf-8")
    add_texts(services, str(path), "fi")
    service = services["line"]
    assert service.text("name", "fi") == "Linja" and service.text("hours", "fi") == "Ympäri vuorokauden"
    assert service.phones[0].note["fi"] == "Maksuton" and service.phones[0].display == "020-50 50 50"


@pytest.mark.parametrize("body, line, message", [
    ("nope:\n  name: x\n", 2, "unknown service id 'nope' (see data/contacts.yml)"),
    ("line:\n  number: x\n", 2, "service 'line' has no 'number' to translate"),
    ("line:\n  name: x\n  anonymity_note: y\n", 3, "service 'line' has no 'anonymity_note' to translate"),
    ("line:\n  phone_notes:\n    '020-99 99 99': x\n", 3, "service 'line' has no phone '020-99 99 99' with a note"),
    ("line:\n  name: ''\n", 2, "service 'line': 'name' must be a non-empty text"),
])
def test_a_texts_file_cannot_add_facts_or_unknown_services(tmp_path, body, line, message):
    path = tmp_path / "fi.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as err:
        add_texts(parse(GOOD), str(path), "fi")
    assert err.value.line == line and err.value.message.startswith(message)


def test_a_language_is_kept_in_one_place(tmp_path):
    path = tmp_path / "en.yml"
    path.write_text("line:\n  name: Another line\n", encoding="utf-8")
    with pytest.raises(DataError, match="also in data/contacts.yml"):
        add_texts(parse(GOOD), str(path), "en")


def test_real_contacts_file_is_valid():
    services = SITE.contacts()
    assert "sos-112" in services and "kvinnofridslinjen" in services
    assert all(s.sources for s in services.values())


def test_a_yaml_tag_in_the_data_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "contacts.yml").write_text(GOOD.replace('checked: "2025-12"', 'checked: !x "2025-12"'),
                                                     encoding="utf-8")
    services, problems = load_services(str(tmp_path), "sv")
    assert services is None
    assert [str(p) for p in problems] == [
        "data/contacts.yml:16: error: this value cannot be read (could not determine a constructor for the tag "
        "'!x'); a value that starts with ! must be in quotes"]
