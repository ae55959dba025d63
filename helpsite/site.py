"""The one site model: what hooks, checks, scripts, posters, search, deploy, bench and tests know.

`load_site()` reads mkdocs.yml once, with MkDocs' own YAML loader (so `!ENV` and `INHERIT` mean
exactly what they mean to the build), resolves every path from the folder of that file (never
from the current folder or from where the code lives), and gives the languages (default first),
the normalised site URL and the validated data. Nothing else reads mkdocs.yml, walks
`plugins > i18n`, or names a language code.

Every mistake is a DataError, printed as `path:line: error: message`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from . import engine  # noqa: F401  - before any mkdocs import: the engine may be ProperDocs
from .yamlpos import DataError, file_stamp

# Scripts written right to left. A language not listed here is laid out left to right.
RTL_CODES = frozenset({"ar", "fa", "he", "ku", "ps", "ur", "ckb"})
CONFIG_NAME = "mkdocs.yml"
# What a working copy of the repository leaves out: history, outputs and environments.
NOT_SOURCE = frozenset({".git", "site", "build", "dist", "node_modules", ".venv", ".venv-properdocs", ".venv-bench",
                        ".pytest_cache", ".ruff_cache", "helpsite.egg-info"})


class SiteUrlError(ValueError):
    """The site address is missing or is not an absolute http(s) page address."""


def normalise_site_url(url: str | None) -> str:
    """'https://x.se/stod' -> 'https://x.se/stod/'; SiteUrlError when missing or unusable."""
    url = (url or "").strip()
    if not url:
        raise SiteUrlError("site_url is not set (set SITE_URL=https://… or site_url in mkdocs.yml)")
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment
            or any(ch.isspace() for ch in url)):
        raise SiteUrlError(f"site_url '{url}' must be an absolute address like https://stod.example.se/")
    return url.rstrip("/") + "/"


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
    def search_lang(self) -> str:
        """The language Pagefind indexes and stems this language's pages in (from <html lang>)."""
        return self.code


@dataclass
class Site:
    config_path: str               # absolute path of mkdocs.yml
    config: dict                   # mkdocs.yml as MkDocs reads it (env values filled in)
    languages: tuple[Language, ...]
    language_lines: dict           # code -> line of its entry in mkdocs.yml
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def root(self) -> str:
        return os.path.dirname(self.config_path)

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def path(self, *parts: str) -> str:
        """A path inside the repository, resolved from the folder of mkdocs.yml."""
        return os.path.join(self.root, *parts)

    @property
    def docs_dir(self) -> str:
        return self.path(self.config.get("docs_dir") or "docs")

    @property
    def data_dir(self) -> str:
        return self.path("data")

    @property
    def ui_dir(self) -> str:
        return self.path("data", "ui")

    @property
    def contacts_path(self) -> str:
        return self.path("data", "contacts.yml")

    @property
    def site_url(self) -> str:
        """The normalised deployed address, or '' when none is set."""
        raw = self.config.get("site_url") or ""
        return normalise_site_url(raw) if raw else ""

    @property
    def exit_url(self) -> str:
        return (self.config.get("extra") or {}).get("exit_url") or ""

    def display(self, path: str) -> str:
        """A path as messages show it: relative to the current folder."""
        return os.path.relpath(path)

    def contacts(self) -> dict:
        """{id: Service} from data/contacts.yml, validated; read again only when the file changed."""
        from .contacts import load_contacts
        path = self.contacts_path
        return self.cached(("contacts", file_stamp(path)),
                       lambda: load_contacts(self.display(path), self.default.code))

    def search_texts(self, code: str) -> dict:
        """Texts of the search page in one language (data/ui/search/<code>.yml)."""
        from .search.texts import load_search_texts
        folder = self.path("data", "ui", "search")
        paths = [os.path.join(folder, f"{c}.yml") for c in (code, self.default.code)]
        return self.cached(("search", code, *map(file_stamp, paths)),
                           lambda: load_search_texts(code, self.display(folder), self.default.code))

    def cached(self, key: tuple, load):
        """`load()` once per key; keys hold the stamps of the files read, so an edit reloads."""
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def ui(self, code: str) -> dict:
        """Interface texts of one language (data/ui/<code>.yml), checked against the default's keys."""
        from .ui import load_ui
        paths = [os.path.join(self.ui_dir, f"{c}.yml") for c in (code, self.default.code)]
        return self.cached(("ui", code, *map(file_stamp, paths)),
                       lambda: load_ui(code, self.display(self.ui_dir), self.default.code))


_SITES: dict = {}


def load_site(config_path: str | None = None) -> Site:
    """The site model of the repository whose config is `config_path` (default: ./mkdocs.yml).

    Cached by the config file's stamp and the environment values it can read, so hooks that run
    once per language, and `mkdocs serve` rebuilds, read it once and see every edit.
    """
    path = os.path.abspath(config_path or CONFIG_NAME)
    key = (file_stamp(path), os.environ.get("SITE_URL"), os.environ.get("EXIT_URL"))
    if _SITES.get(path, (None,))[0] != key:
        _SITES[path] = (key, _read_site(path))
    return _SITES[path][1]


def _read_site(path: str) -> Site:
    shown = os.path.relpath(path)
    if not os.path.isfile(path):
        raise DataError(shown, 1, f"there is no site config here ({os.path.dirname(path)}); run this from the "
                                  f"repository folder (where {CONFIG_NAME} is) or give the config's path")
    config = _load_yaml(path, shown)
    if not isinstance(config, dict):
        raise DataError(shown, 1, "the site config must be 'key: value' lines")
    entries, lines = _language_entries(config, path, shown)
    langs = _languages(entries, lines, config.get("site_name") or "", shown)
    return Site(path, config, tuple(langs), {lang.code: lines.get(i, 1) for i, lang in
                                             enumerate(_in_file_order(langs, entries))})


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


def _in_file_order(langs: list[Language], entries: list) -> list[Language]:
    by_code = {lang.code: lang for lang in langs}
    return [by_code[item["locale"]] for item in entries]


def site_of(mkdocs_config) -> Site:
    """The site model for a loaded MkDocs config (in hooks)."""
    return load_site(mkdocs_config.config_file_path)
