"""QR codes as inline SVG: no image request, crisp when printed.

Lives in the lowest app so that login cards (people) and certificates can both use it.
"""

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(url: str, *, css_class: str = "qr-svg", label: str = "") -> str:
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=4, border=2, dark="#1b1f24", light="#ffffff", omitsize=True)
    attributes = f'class="{escape(css_class)}" role="img" aria-label="{escape(label or url)}" '
    # segno writes the SVG from the encoded modules only; the attributes are escaped above.
    # (bandit B308/B703, mark_safe: reviewed for that reason.)
    return mark_safe(svg.replace("<svg ", f"<svg {attributes}", 1))  # noqa: S308  # nosec B308, B703
