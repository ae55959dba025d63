"""QR codes as inline SVG (vector, so they print sharp at any size), made with segno.

Error correction M (15 % of the code may be dirty or torn and it still scans), a quiet zone of
four modules as the standard asks, and a size given as the printed width of the symbol itself
(without the quiet zone), so a longer address makes more, smaller modules but never a smaller code.
"""
from __future__ import annotations

import io

import segno

QUIET_ZONE = 4          # modules of white around the symbol (ISO/IEC 18004)
ERROR = "m"


def make(url: str) -> segno.QRCode:
    # boost_error=False keeps level M exactly, so the size depends on the address alone.
    return segno.make_qr(url, error=ERROR, boost_error=False)


def modules(url: str) -> int:
    """Width of the symbol in modules, without the quiet zone (21 for version 1, +4 a version)."""
    return make(url).symbol_size(border=0)[0]


def svg(url: str, symbol_mm: float, title: str) -> str:
    """An inline <svg> whose symbol is `symbol_mm` wide when printed; `title` is its text alternative.

    The title becomes the accessible name in the HTML and the /Alt of the figure in the tagged PDF.
    """
    code = make(url)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, border=QUIET_ZONE,
              scale=round(symbol_mm / modules(url), 4), unit="mm", dark="#000", light="#fff",
              title=title, svgclass="qr__code", lineclass=None)
    # role="img" so screen readers announce the title once, not the drawing inside.
    return out.getvalue().decode("utf-8").replace("<svg ", '<svg role="img" ', 1)


def printed_mm(url: str, symbol_mm: float) -> float:
    """Printed width including the quiet zone, for layout and for the staff page."""
    size = modules(url)
    return round(symbol_mm / size, 4) * (size + 2 * QUIET_ZONE)
