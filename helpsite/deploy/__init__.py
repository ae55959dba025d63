"""Packaging and deployment: the release bundle, server settings, the atomic deploy tool.

policy.py     the security headers and cache rules every server config sends
serverconf.py renders deploy/ (nginx, Apache, IIS) for one bundle
bundle.py     version, manifest, zip and SHA-256 sums
offline.py    the file:// copy (links to index.html files)
release.py    the deploy tool itself (standard library only; shipped in the bundle as deploy.py)
"""
