"""The one site model: what hooks, checks, scripts, posters, search, deploy, bench and tests know.

`load_site()` reads mkdocs.yml once (helpsite/configfile.py, with MkDocs' own YAML loader, so
`!ENV` and `INHERIT` mean exactly what they mean to the build), resolves every path from the folder of that file (never
from the current folder or from where the code lives), and gives the languages (default first),
the normalised site URL and the validated data. Nothing else reads mkdocs.yml, walks
`plugins > i18n`, or names a language code.

Every mistake is a DataError, printed as `path:line: error: message`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .configfile import CONFIG_NAME, EDITION_OF, RTL_CODES, Language, read_config  # noqa: F401  - part of this model's API
from .yamlpos import file_stamp

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
        config, languages, lines = read_config(path)
        _SITES[path] = (key, Site(path, config, languages, lines))
    return _SITES[path][1]


def site_of(mkdocs_config) -> Site:
    """The site model for a loaded MkDocs config (in hooks)."""
    return load_site(mkdocs_config.config_file_path)
