"""Does every poster still fit its paper? Checked on WeasyPrint's laid-out boxes.

A poster is one fixed sheet: when a translation or a longer opening-hours text in the data makes
the content taller than the sheet, WeasyPrint shrinks the flex boxes and lets the text spill over
its neighbours instead of failing. The PDF would look fine to a program and wrong on the wall, so
the poster command refuses it: every box must lie inside its parent and no two blocks may overlap.

This walks WeasyPrint's box tree (`page._page_box`), which is not public API; WeasyPrint is pinned
(requirements.txt), and the poster tests exercise this on every build.
"""
from __future__ import annotations

TOLERANCE = 1.0          # CSS px (0.26 mm): rounding in layout, not a visible overflow


def _unwrap(box):
    return getattr(box, "_box", box)      # AbsolutePlaceholder -> the positioned box


def _rect(box):
    x, y = box.border_box_x(), box.border_box_y()
    return x, y, x + box.border_width(), y + box.border_height()


def _label(box) -> str:
    element = getattr(box, "element", None)
    if element is None:
        return type(box).__name__
    cls = element.get("class")
    text = " ".join("".join(element.itertext()).split())[:50]
    return f"<{element.tag.split('}')[-1]}{' class=' + repr(cls) if cls else ''}> “{text}”"


def problems(box, found: list | None = None, flex_item: bool = False) -> list[str]:
    """Every child sticking out of its parent, and every pair of overlapping sibling blocks.

    A box of automatic height grows with its content (a sheet that continues on the next page
    may even report none), so only boxes whose height is set, or squeezed by a flex container,
    are checked for content sticking out at the bottom.
    """
    from weasyprint.formatting_structure import boxes

    found = [] if found is None else found
    raw_children = list(getattr(box, "children", ()))
    if isinstance(box, boxes.PageBox):      # the page itself: look inside only
        for child in raw_children:
            problems(_unwrap(child), found)
        return found
    if box.style["overflow"] == "hidden" and box.border_width() <= TOLERANCE:
        return found                        # visually hidden on purpose (text for screen readers)
    fixed_height = flex_item or box.style["height"] != "auto"
    px0, py0 = box.padding_box_x(), box.padding_box_y()
    px1, py1 = px0 + box.padding_width(), py0 + box.padding_height()
    blocks = []
    for raw in raw_children:
        child = _unwrap(raw)
        # Positioned boxes (cut marks, the turned strip texts) are placed on purpose; only
        # their own contents are checked.
        if child is raw and child.style["position"] not in ("absolute", "fixed"):
            x0, y0, x1, y1 = _rect(child)
            # Glyphs may reach above and below a tight line-height; only their width matters.
            inline = isinstance(child, (boxes.InlineLevelBox, boxes.LineBox))
            if x0 < px0 - TOLERANCE or x1 > px1 + TOLERANCE or fixed_height and not inline and (
                    y0 < py0 - TOLERANCE or y1 > py1 + TOLERANCE):
                found.append(f"{_label(child)} sticks out of {_label(box)}")
            elif isinstance(child, boxes.BlockLevelBox):
                blocks.append((child, (x0, y0, x1, y1)))
        problems(child, found, isinstance(box, boxes.FlexContainerBox))
    for i, (first, a) in enumerate(blocks):
        for second, b in blocks[i + 1:]:
            if min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE:
                found.append(f"{_label(first)} overlaps {_label(second)}")
    return found


def document_problems(document) -> list[str]:
    """Problems on every page of a rendered weasyprint.Document; every poster is one sheet."""
    found: list[str] = []
    if len(document.pages) > 1:
        found.append(f"it runs on to {len(document.pages)} sheets")
    for page in document.pages:
        problems(page._page_box, found)
    return found
