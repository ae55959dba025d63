"""Read and write MkDocs configs for the benchmark without losing their YAML tags.

The benchmark writes new configs (a stock one, one with generated languages) next to temporary
content. MkDocs configs carry tags that only MkDocs resolves (`!ENV`, `!!python/object/apply:`
for the Unicode slugify); a plain safe_load would drop them, so they are kept as `Tagged` values
and written back unchanged.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass
class Tagged:
    tag: str        # full tag, e.g. "!ENV" or "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify"
    value: Any      # the tagged node's plain value (scalar, list or dict)


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep(loader, suffix, node, prefix=""):
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(prefix + suffix, value)


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _keep(loader, suffix, node, "!"))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/",
                              lambda loader, suffix, node: _keep(loader, suffix, node, "tag:yaml.org,2002:python/"))


def _represent(dumper, data: Tagged):
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent)


def read(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader) or {}  # noqa: S506 - _Loader is a SafeLoader


def dump(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def i18n_options(config: dict) -> dict:
    """The i18n plugin's options in a raw config (the `plugins` list holds it as {'i18n': {...}})."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise ValueError("the config has no i18n plugin")


def with_languages(config: dict, entries: list[dict]) -> dict:
    """A copy of `config` whose i18n plugin builds exactly `entries` (same options otherwise)."""
    out = dict(config)
    out["plugins"] = [{"i18n": {**plugin["i18n"], "languages": entries}}
                      if isinstance(plugin, dict) and "i18n" in plugin else plugin
                      for plugin in config.get("plugins", [])]
    return out


def stock(config: dict, docs_dir: str) -> dict:
    """What a site owner gets from the stock tools for the same content and languages.

    Material with its default features and its own search plugin, the i18n plugin with the same
    languages, the same Markdown extensions and link validation; no custom_dir, no hooks, no
    extra CSS or JS. Our `{{contact ...}}` directives then stay as plain text, which makes stock
    pages slightly shorter than ours, never longer.

    One deviation: `font: false`. Material's default loads Roboto from Google Fonts, a request to
    another host, which neither this benchmark (127.0.0.1 only) nor the site allows; leaving it
    out makes stock lighter, so the ratios err in stock's favour.
    """
    theme = config.get("theme", {})
    i18n = i18n_options(config)
    return {
        "site_name": config.get("site_name", ""),
        "site_url": config.get("site_url", ""),
        "docs_dir": docs_dir,
        "use_directory_urls": config.get("use_directory_urls", True),
        "theme": {"name": "material", "language": theme.get("language", "en"), "font": False},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": i18n.get("docs_structure", "folder"),
                      "fallback_to_default": i18n.get("fallback_to_default", True),
                      "languages": i18n["languages"]}},
        ],
        "markdown_extensions": config.get("markdown_extensions", []),
        "validation": config.get("validation", {}),
    }


def add_material_languages(config: dict, folder: str) -> list[str]:
    """Material has no interface texts for some of the site's languages (Somali, Tigrinya, our
    easy-read folder 'll') and stops the build without them. A stock owner adds a language file
    for each in the theme's custom_dir, copied from the language the pages are written in or from
    English; do the same here. Returns the codes given a file."""
    from importlib.resources import files
    languages = files("material").joinpath("templates", "partials", "languages")
    added = []
    for entry in i18n_options(config)["languages"]:
        code = entry["locale"]
        if languages.joinpath(f"{code}.html").is_file():
            continue
        written_in = (entry.get("extra") or {}).get("html_lang")
        model = written_in if written_in and languages.joinpath(f"{written_in}.html").is_file() else "en"
        os.makedirs(os.path.join(folder, "partials", "languages"), exist_ok=True)
        with open(os.path.join(folder, "partials", "languages", f"{code}.html"), "w", encoding="utf-8") as fh:
            fh.write(languages.joinpath(f"{model}.html").read_text(encoding="utf-8"))
        added.append(code)
    if added:
        config["theme"]["custom_dir"] = folder
    return added
