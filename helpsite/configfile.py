"""Reading mkdocs.yml for the site model (helpsite/site.py): MkDocs' own YAML loader (so `!ENV`
and `INHERIT` mean what they mean to the build), the i18n plugin's language list checked entry by
entry, and the line of each entry, so a message about one language can point at it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import yaml

from . import engine  # noqa: F401  - before any mkdocs import: the engine may be ProperDocs
from .yamlpos import DataError

# Scripts written right to left. A language not listed here is laid out left to right.
RTL_CODES = frozenset({"ar", "fa", "he", "ku", "ps", "ur", "ckb"})
CONFIG_NAME = "mkdocs.yml"
# Editions that are not a language of their own: their texts are in the language named here, and
# lang="" says so (to screen readers, hyphenation and fonts). "ll" is easy-read Swedish.
EDITION_OF = {"ll": "sv"}


@dataclass(frozen=True)
class Language:
    code: str              # the folder below docs/ and the value of <html lang>
    name: str              # the language's own name, in its own script
    dir: str               # "rtl" or "ltr"
    site_name: str         # the site's name in this language
    default: bool = False  # the source language: built at the site root

    @property
    def prefix(self) -> str:
        """URL path of this language's start page below the site root ('' for the default)."""
        return "" if self.default else f"{self.code}/"

    @property
    def tag(self) -> str:
        """The lang="" value of its texts: the code, or the language an edition is written in."""
        return EDITION_OF.get(self.code, self.code)

    @property
    def search_lang(self) -> str:
        """The language Pagefind indexes and stems this language's pages in (from <html lang>)."""
        return self.code


def read_config(path: str) -> tuple[dict, tuple[Language, ...], dict]:
    """(the config as MkDocs reads it, the languages default first, {code: line of its entry})."""
    shown = os.path.relpath(path)
    if not os.path.isfile(path):
        raise DataError(shown, 1, f"there is no site config here ({os.path.dirname(path)}); run this from the "
                                  f"repository folder (where {CONFIG_NAME} is) or give the config's path")
    config = _load_yaml(path, shown)
    if not isinstance(config, dict):
        raise DataError(shown, 1, "the site config must be 'key: value' lines")
    entries, lines = _language_entries(config, path, shown)
    langs = _languages(entries, lines, config.get("site_name") or "", shown)
    return config, tuple(langs), {item["locale"]: lines.get(i, 1) for i, item in enumerate(entries)}


def _load_yaml(path: str, shown: str):
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml_load(fh)
    except UnicodeDecodeError:
        raise DataError(shown, 1, "the file is not UTF-8 text; save it as UTF-8") from None
    except ConfigurationError as exc:
        cause = exc.__context__
        mark = getattr(cause, "problem_mark", None)
        problem = getattr(cause, "problem", None) or str(exc).splitlines()[-1]
        raise DataError(shown, mark.line + 1 if mark else 1, f"this is not valid YAML ({problem})") from None


def _language_entries(config: dict, path: str, shown: str) -> tuple[list, dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages")
            if isinstance(entries, list) and entries:
                return entries, _entry_lines(path)
    raise DataError(shown, 1, "there is no language list (plugins > i18n > languages)")


def _entry_lines(path: str) -> dict:
    """{index: line} of each entry of the i18n language list, for messages about one language."""
    with open(path, encoding="utf-8") as fh:
        node = yaml.compose(fh, Loader=yaml.SafeLoader)   # compose only: tags need no constructors
    for item in _mapping_value(node, "plugins").value if _mapping_value(node, "plugins") else []:
        i18n = _mapping_value(item, "i18n")
        langs = _mapping_value(i18n, "languages") if i18n is not None else None
        if langs is not None:
            return {i: entry.start_mark.line + 1 for i, entry in enumerate(langs.value)}
    return {}


def _mapping_value(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def _languages(entries: list, lines: dict, global_name: str, shown: str) -> list[Language]:
    out = []
    for index, item in enumerate(entries):
        line = lines.get(index, 1)
        if not isinstance(item, dict) or not isinstance(item.get("locale"), str) or not item["locale"].strip():
            raise DataError(shown, line, "each language needs 'locale: CODE' (e.g. locale: fi)")
        code = item["locale"]
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            raise DataError(shown, line, f"language '{code}' needs 'name:' (its own name, e.g. Suomi)")
        out.append(Language(code, item["name"], "rtl" if code.split("-")[0] in RTL_CODES else "ltr",
                            item.get("site_name") or global_name, bool(item.get("default"))))
    defaults = [lang for lang in out if lang.default]
    if len(defaults) != 1:
        raise DataError(shown, lines.get(0, 1), "exactly one language must have 'default: true'")
    seen = set()
    for index, lang in enumerate(out):
        if lang.code in seen:
            raise DataError(shown, lines.get(index, 1), f"language '{lang.code}' is listed twice")
        seen.add(lang.code)
    return sorted(out, key=lambda lang: not lang.default)
