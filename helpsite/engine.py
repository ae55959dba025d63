"""Which site engine this environment has: MkDocs 1.6, or ProperDocs (its maintained fork).

Our code imports `mkdocs.*` (hooks, the YAML loader, the preview's in-process build). Where only
ProperDocs is installed, importing this module turns on ProperDocs' own redirect of those
imports, so the same code runs on either engine. Import it before any `mkdocs` import.
"""
from __future__ import annotations

import importlib.util

NAME = "properdocs" if importlib.util.find_spec("properdocs") else "mkdocs"

if NAME == "properdocs" and importlib.util.find_spec("mkdocs") is None:
    import properdocs.replacement  # noqa: F401  - answers mkdocs.* imports with properdocs.*
