"""Site search: per-language Pagefind indexes built after MkDocs, and the search page's HTML.

    page.py    str -> str changes to built pages (index markers, the form, the script, the CSP)
    texts.py   the form's texts per language (data/ui/search/<lang>.yml)
    index.py   run Pagefind on a built site and check that every language got its pages
"""
