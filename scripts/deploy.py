"""Atomic deploy of a release bundle (install, rollback, list): see helpsite/deploy/release.py.

Usage: python -m scripts.deploy install dist/helpsite-<date>-<commit>.zip --target /srv/stod
       python -m scripts.deploy install dist/helpsite-….zip --target admin@web1:/srv/stod
       python -m scripts.deploy rollback --target /srv/stod
       python -m scripts.deploy list --target /srv/stod
The same tool is in every bundle as deploy.py, for admins who have the bundle but not this repository.
"""
from __future__ import annotations

import sys

from helpsite.deploy.release import main

if __name__ == "__main__":
    sys.exit(main())
