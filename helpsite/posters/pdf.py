"""Tagged, accessible PDFs from poster HTML with WeasyPrint.

PDF/UA-1 makes WeasyPrint tag the structure (headings, lists, figures with their alt text), set
/MarkInfo, show the title instead of the file name, and embed every font. The fonts are the
system's, one per script as posters/poster.css names them (DejaVu Sans for Latin and Cyrillic, Noto
Naskh Arabic for Arabic and Persian, Noto Sans Ethiopic for Tigrinya; shaped by HarfBuzz through Pango);
nothing is fetched from another host: the URL fetcher only reads local files.
"""
from __future__ import annotations

import logging
import pathlib

from . import fit

PDF_VARIANT = "pdf/ua-1"


class PdfError(RuntimeError):
    """WeasyPrint reported an error (a missing resource, an image without alt text, ...)."""


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _render(html: str, base_dir: str):
    import weasyprint  # imported here: the site build uses this package without needing WeasyPrint

    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    return weasyprint.HTML(string=html, base_url=pathlib.Path(base_dir).resolve().as_uri() + "/",
                           url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)


def layout_problems(html: str, base_dir: str) -> list[str]:
    """Why write_pdf would refuse `html`, from WeasyPrint's layout alone: no PDF is written, so
    checking many addresses or languages costs a layout each and no more."""
    return fit.document_problems(_render(html, base_dir))


def write_pdf(html: str, base_dir: str, out_path: str) -> None:
    """Render `html` (relative links resolved in `base_dir`) to a tagged PDF at `out_path`."""
    errors = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(errors)
    try:
        document = _render(html, base_dir)
        spill = fit.document_problems(document)
        if spill:
            raise PdfError(f"{out_path}: the text does not fit the sheet ({spill[0]}); shorten the "
                           "poster texts (posters/strings/) or the service's texts (data/contacts.yml)")
        document.write_pdf(out_path, pdf_variant=PDF_VARIANT)
    finally:
        logger.removeHandler(errors)
    # WeasyPrint logs accessibility problems (no lang, image without alt) instead of failing;
    # a poster with such a problem must not go out silently.
    if errors.messages:
        raise PdfError(f"{out_path}: " + "; ".join(errors.messages))
