"""What each language's posters say, assembled from the same sources as the site.

The headline is the language's site name (the site model), phone numbers and facts come from
data/contacts.yml, the words around them from data/ui/<lang>.yml and posters/strings/<lang>.yml.
Nothing here types a number, so one change in the data changes every poster.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..site import Language
from ..yamlpos import DataError, load_located, read_text

TEXT_KEYS = ("lead", "scan", "multi_scan", "qr_title", "tear", "kind_a4", "kind_a3", "kind_strips",
             "kind_cards", "kind_multi", "back", "print_hint", "no_site_url", "back_staff", "kind_routine",
             "kind_pocket")


@dataclass(frozen=True)
class Number:
    """One service as a poster shows it: who it is for, the number to call, short facts."""
    id: str
    when: str             # short question: who the number is for
    short: str            # the service in a few words (strips and cards)
    display: str          # the number as people read it, from the data
    tel: str
    facts: tuple          # hours, free, anonymous: from the data, worded by data/ui


@dataclass(frozen=True)
class PosterText:
    lang: Language
    headline: str         # the site name in this language
    call: str             # "Ring" / "Call", the site's own word
    numbers: tuple        # Number, in poster order
    strips: tuple         # Number, on each tear-off strip
    texts: dict           # TEXT_KEYS -> text


def load_strings(lang: str, folder: str) -> tuple:
    """(data, located, path) of posters/strings/<lang>.yml; a missing file or key is a DataError."""
    path = os.path.relpath(os.path.join(folder, f"{lang}.yml"))
    if not os.path.exists(path):
        raise DataError(path, 1, f"poster texts for '{lang}' are missing; copy sv.yml and translate it")
    located = load_located(read_text(path), path)
    data = located.data
    if not isinstance(data, dict):
        raise DataError(path, 1, "expected 'key: text' lines and a 'numbers:' list")
    for key in TEXT_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise DataError(path, located.line(key), f"'{key}' must be a non-empty text")
    return data, located, path


def _number(item, index, located, path, services, chain, ui) -> Number:
    where = located.line("numbers", index)
    if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip()
                                             for k in ("id", "when", "short")):
        raise DataError(path, where, "each entry of 'numbers' needs id, when and short as texts")
    service = services.get(item["id"])
    if service is None:
        raise DataError(path, located.line("numbers", index, "id"),
                        f"unknown service id '{item['id']}'; use an id from data/contacts.yml")
    if not service.phones:
        raise DataError(path, located.line("numbers", index, "id"),
                        f"service '{service.id}' has no phone number to print")
    phone = service.phones[0]
    hours, hours_lang = service.text_in("hours", chain)
    facts = []
    if hours:
        # A fact not yet translated is printed in its fallback language, marked: never dropped.
        facts.append(hours if hours_lang.lang == chain[0].lang else f"{hours} ({ui['fact_untranslated']})")
    # Only what helps a caller decide to call; "you are not anonymous" would scare, not help.
    facts += [ui[key] for key, show in (("free", service.free), ("not_on_bill", service.on_phone_bill is False),
                                        ("anonymous", service.anonymous)) if show]
    return Number(service.id, item["when"].strip(), item["short"].strip(), phone.display, phone.tel,
                  tuple(facts))


def poster_text(lang: Language, services: dict, ui: dict, folder: str, chain: list | None = None) -> PosterText:
    """Everything one language's posters print, checked against the contacts data; service texts
    the language lacks come from the rest of `chain` (site.chain), marked as not translated."""
    chain = chain or [lang]
    data, located, path = load_strings(lang.code, folder)
    items = data.get("numbers")
    if not isinstance(items, list) or not 2 <= len(items) <= 3:
        raise DataError(path, located.line("numbers"), "'numbers' must list two or three services")
    numbers = tuple(_number(item, i, located, path, services, chain, ui) for i, item in enumerate(items))
    by_id = {number.id: number for number in numbers}
    strips = data.get("strips")
    if not isinstance(strips, list) or not strips:
        raise DataError(path, located.line("strips"), "'strips' must list one or more ids from 'numbers'")
    for i, ident in enumerate(strips):
        if ident not in by_id:
            raise DataError(path, located.line("strips", i), f"'{ident}' in 'strips' is not one of the 'numbers'")
    return PosterText(lang, lang.site_name, ui["call"], numbers, tuple(by_id[i] for i in strips),
                      {key: " ".join(data[key].split()) for key in TEXT_KEYS})
