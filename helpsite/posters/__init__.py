"""Posters, tear-off sheets and cards for staff to print, in every language of the site.

content (what each language prints, from the data) -> html (templates) -> pdf (WeasyPrint) or the
built site (MkDocs hook). qr makes the codes, links the addresses they hold.
"""
