"""A generated site for the scaling runs: N languages × M pages, made from the real content.

The real repository is left untouched: the generated site is a folder of its own (docs/, data/,
posters/, mkdocs.yml) with symbolic links to the code (helpsite/, overrides/, scripts/), so our
build runs on it exactly as on the real site, and a stock config can point at the same docs/.

Pages are the real pages, repeated under new slugs (heder-2.md, …) until each language has M of
them. Languages are the real ones first, then generated locales; a generated locale copies the
texts and pages of one real language (its "model"), so every hook finds what it needs.
"""
from __future__ import annotations

import os
import shutil

import yaml

from helpsite import translations
from helpsite.checks.texts import text_folders

from . import config as cfg

# Locales Material has interface texts for; fa is right-to-left like Arabic.
EXTRA_CODES = ("fi", "de", "fr", "es", "pl", "tr", "fa", "so", "it", "nl", "pt", "da", "nb")
# Pages with a role (start, search, staff page) exist once per language; the others are repeated.
SPECIAL = ("index.md", "sok.md", "affischer.md")
CODE_LINKS = ("helpsite", "overrides", "scripts")


def locale_plan(real: list[str], count: int) -> dict[str, str]:
    """{code: model code} for `count` languages: the real ones (their own model) first."""
    codes = list(real) + [code for code in EXTRA_CODES if code not in real]
    if count > len(codes):
        raise ValueError(f"at most {len(codes)} languages can be generated")
    return {code: code if code in real else real[i % len(real)] for i, code in enumerate(codes[:count])}


def page_plan(names: list[str], count: int) -> dict[str, str]:
    """{new file name: real file name}: every real page once, then copies of the ordinary ones."""
    if count < len(names):
        raise ValueError(f"a language has {len(names)} real pages; ask for at least that many")
    plan = {name: name for name in names}
    ordinary = [name for name in names if name not in SPECIAL]
    copy = 2
    while len(plan) < count:
        for name in ordinary:
            if len(plan) == count:
                break
            plan[f"{name[:-3]}-{copy}.md"] = name
        copy += 1
    return plan


def add_languages(data, models: dict[str, str], real: list[str]):
    """Give every per-language text in contacts data ({sv: …, en: …}) the generated codes too."""
    if isinstance(data, list):
        return [add_languages(item, models, real) for item in data]
    if not isinstance(data, dict):
        return data
    out = {key: add_languages(value, models, real) for key, value in data.items()}
    if out and real[0] in out and set(out) <= set(real):
        for code, model in models.items():
            # Only generated languages: a real one keeps its texts where they are (some languages'
            # service texts live in data/contact-texts/, and a text must be in one place only).
            if code not in out and code not in real:
                out[code] = out.get(model, out[real[0]])
    return out


def _stamp_copy(path: str) -> None:
    """A generated language modelled on the default one holds copies of its pages; stamp each as a
    translation of itself, so the site treats it as translated (the workload of a real language)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(translations.stamp_text(text, translations.fingerprint(text)))


def generate(repo: str, root: str, languages: int, pages: int) -> str:
    """Write the generated site into `root` (created); returns the path of its mkdocs.yml."""
    base = cfg.read(os.path.join(repo, "mkdocs.yml"))
    entries = cfg.i18n_options(base)["languages"]
    real = [e["locale"] for e in sorted(entries, key=lambda e: not e.get("default"))]
    by_code = {e["locale"]: e for e in entries}
    models = locale_plan(real, languages)
    os.makedirs(root, exist_ok=True)
    for name in CODE_LINKS:
        os.symlink(os.path.join(repo, name), os.path.join(root, name))
    for name in ("data", "posters"):
        shutil.copytree(os.path.join(repo, name), os.path.join(root, name))
    shutil.copytree(os.path.join(repo, "docs", "assets"), os.path.join(root, "docs", "assets"))

    source_names = sorted(n for n in os.listdir(os.path.join(repo, "docs", real[0])) if n.endswith(".md"))
    plan = page_plan(source_names, pages)
    for code, model in models.items():
        folder = os.path.join(root, "docs", code)
        os.makedirs(folder)
        for new, old in plan.items():
            src = os.path.join(repo, "docs", model, old)
            if os.path.exists(src):          # a missing translation falls back, as on the real site
                shutil.copyfile(src, os.path.join(folder, new))
                if model == real[0] and code != model:
                    _stamp_copy(os.path.join(folder, new))
        # Sections in folders (the staff section) come along once, as they are: pages link to them.
        model_docs = os.path.join(repo, "docs", model)
        for sub in sorted(os.listdir(model_docs)):
            if os.path.isdir(os.path.join(model_docs, sub)):
                shutil.copytree(os.path.join(model_docs, sub), os.path.join(folder, sub))
                if model == real[0] and code != model:
                    for dirpath, _, names in os.walk(os.path.join(folder, sub)):
                        for name in names:
                            if name.endswith(".md"):
                                _stamp_copy(os.path.join(dirpath, name))
    for folder in text_folders(repo, real):
        for code, model in models.items():
            target = os.path.join(root, folder, f"{code}.yml")
            source = os.path.join(repo, folder, f"{model}.yml")
            if not os.path.exists(target) and os.path.exists(source):   # a missing one falls back
                shutil.copyfile(source, target)

    contacts = os.path.join(root, "data", "contacts.yml")
    with open(contacts, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    with open(contacts, "w", encoding="utf-8") as fh:
        yaml.safe_dump(add_languages(data, models, real), fh, allow_unicode=True, sort_keys=False)

    new_entries = [by_code[code] if code in by_code else
                   {"locale": code, "name": code, "build": True, "site_name": by_code[model].get("site_name", "")}
                   for code, model in models.items()]
    path = os.path.join(root, "mkdocs.yml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(cfg.dump(cfg.with_languages(base, new_entries)))
    return path
