"""A phone number as written in data/contacts.yml, read once for both what is shown and what is dialled.

phonenumbers is lenient on purpose: it reads letters as keypad digits ('020-AB CD' dials
+46202223) and drops other characters it does not expect ('020-52 10 2O' dials +462052102). A
help line printed one way and dialled another is the worst mistake this site can make, so the
written form may only hold digits, spaces and - + ( ), and the text shown is formatted from the
same parse that makes the tel: link.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import CountryCodeSource, PhoneNumberFormat, shortnumberinfo

REGION = "SE"
ALLOWED = frozenset("0123456789 -+()")
ALLOWED_WORDS = "digits, spaces, - + ( )"
# Number kinds phonenumbers knows the lengths of, in the order a prefix is tried against them.
KINDS = (("toll_free", "a free-phone number (020)"), ("mobile", "a mobile number"),
         ("uan", "a 010 number"), ("shared_cost", "a 077 number"), ("personal_number", "a 075 number"),
         ("pager", "a 074 number"), ("premium_rate", "a premium-rate number"),
         ("fixed_line", "a number with an area code"), ("voicemail", "a voicemail number"))


class NumberError(ValueError):
    """A written number that must not be published; the message is for editors."""


@dataclass(frozen=True)
class ParsedPhone:
    display: str          # as shown on pages and posters, e.g. "020-50 50 50"
    tel: str              # for tel: links: E.164 (+4620505050) or a Swedish short number (112)


def read_number(written: str) -> ParsedPhone:
    """Check and parse one written number; raise NumberError saying what is wrong."""
    bad = next((char for char in written if char not in ALLOWED), None)
    if bad is not None:
        raise NumberError(f"phone '{written}' contains {_describe(bad)}; a phone number may only contain "
                          f"{ALLOWED_WORDS}")
    try:
        parsed = phonenumbers.parse(written, REGION, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        raise NumberError(f"phone '{written}' is not a valid Swedish phone number") from None
    if phonenumbers.is_valid_number(parsed):
        # Written with +46 (or 0046): shown the same way, for callers abroad; otherwise as dialled in Sweden.
        national = parsed.country_code_source == CountryCodeSource.FROM_DEFAULT_COUNTRY
        shown = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL if national
                                           else PhoneNumberFormat.INTERNATIONAL)
        return ParsedPhone(shown, phonenumbers.format_number(parsed, PhoneNumberFormat.E164))
    digits = re.sub(r"\D", "", written)
    # Emergency and helpline short numbers (112, 1177, 116 111) have no E.164 form; they are
    # dialled as they are, and only inside Sweden.
    if digits == str(parsed.national_number) and shortnumberinfo.is_valid_short_number_for_region(parsed, REGION):
        return ParsedPhone(group_short_number(digits), digits)
    raise NumberError(_length_problem(written, parsed) or f"phone '{written}' is not a valid Swedish phone number")


def group_short_number(digits: str) -> str:
    """Short numbers as Swedish authorities print them: 112, 1177, 114 14, 116 111."""
    return digits if len(digits) <= 4 else f"{digits[:3]} {digits[3:]}"


def _describe(char: str) -> str:
    if char.isascii() and char.isprintable() and char != " ":
        return f"'{char}'"
    # A no-break space or an en dash looks like an allowed character: name it.
    name = "a tab" if char == "\t" else unicodedata.name(char, "a control character")
    return f"'{char}' (U+{ord(char):04X} {name})" if char.isprintable() else f"U+{ord(char):04X} ({name})"


def _length_problem(written: str, parsed) -> str | None:
    """Too few or too many digits for the kind of number its prefix shows, when phonenumbers can tell.

    A valid number always has a length its kind allows, so a truncated number that is still
    possible (020-52 10: free-phone numbers have 6 to 9 digits) cannot be caught here.
    """
    nsn, digits = str(parsed.national_number), re.sub(r"\D", "", written)
    if written.lstrip("( ").startswith("+"):
        after = f"after +{parsed.country_code}"
    elif digits.startswith("0") and not digits.startswith("00"):
        after = "after the first 0"
    else:
        return None          # no prefix to say the kind of number by
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(REGION)
    for attribute, kind in KINDS:
        desc = getattr(metadata, attribute, None)
        if desc is None or not desc.possible_length or not desc.national_number_pattern:
            continue
        for length in desc.possible_length:
            # The number's own digits, cut or filled to this length, fit this kind of number.
            fills = [nsn[:length]] if len(nsn) >= length else [nsn + d * (length - len(nsn)) for d in "0123456789"]
            if len(nsn) != length and any(re.fullmatch(desc.national_number_pattern, f) for f in fills):
                return (f"phone '{written}' has {len(nsn)} digits {after}, but {kind} has "
                        f"{_lengths(desc.possible_length)}; check the number at its source")
    return None


def _lengths(lengths) -> str:
    lengths = sorted(lengths)
    if len(lengths) == 1:
        return str(lengths[0])
    if lengths == list(range(lengths[0], lengths[-1] + 1)):
        return f"{lengths[0]} to {lengths[-1]}"
    return ", ".join(map(str, lengths[:-1])) + f" or {lengths[-1]}"
