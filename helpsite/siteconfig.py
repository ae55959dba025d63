"""Read the one site config (mkdocs.yml) outside MkDocs: the language list, site_url, extras.

Scripts (posters, checks, packaging) read the same file the build reads, so the language list
exists once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader that understands MkDocs' `!ENV` and ignores Python tags it cannot run."""


def _env(loader, node):
    # `!ENV [NAME, default]` or `!ENV NAME`, as MkDocs reads it.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Language:
    code: str
    name: str            # the language's own name in its own script
    default: bool
    dir: str             # "rtl" or "ltr"


RTL = {"ar", "fa", "he", "ku", "ps", "ur", "ckb"}


def load_config(path: str = "mkdocs.yml") -> dict:
    with open(path, encoding="utf-8") as fh:
        config = yaml.load(fh, Loader=_Loader) or {}  # noqa: S506 - _Loader is a SafeLoader
    parent = config.pop("INHERIT", None)
    if parent:  # as MkDocs does: the parent first, this file's keys merged over it (dicts deeply)
        config = _merge(load_config(os.path.join(os.path.dirname(path), parent)), config)
    return config


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def languages(config: dict) -> list[Language]:
    """The languages from the i18n plugin's list, default language first."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return languages_from_entries(plugin["i18n"]["languages"])
    raise ValueError("mkdocs.yml has no i18n plugin with a languages list")


def languages_from_entries(entries) -> list[Language]:
    """Language objects from the i18n plugin's `languages` entries (dicts or plugin config items)."""
    out = [Language(item["locale"], item["name"], bool(item.get("default")),
                    "rtl" if item["locale"] in RTL else "ltr")
           for item in entries]
    return sorted(out, key=lambda lang: not lang.default)


def language_prefix(lang: Language) -> str:
    """URL path of a language's start page relative to the site root ('' for the default)."""
    return "" if lang.default else f"{lang.code}/"
