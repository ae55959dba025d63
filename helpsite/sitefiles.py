"""Walking a built site: the one place that lists its HTML files, for every post-build tool."""
from __future__ import annotations

import os


def html_files(site: str):
    """(absolute path, path relative to the site with '/') of every .html file, in a stable order."""
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, site).replace(os.sep, "/")
