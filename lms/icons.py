"""Draws the installable app's PNG icons from the logo's shapes (run: python -m lms.icons).

The PNGs are committed under static/img/icons/; run this again only when the logo changes.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = "#0b5394"
WHITE = "#ffffff"
ACCENT = "#ffbf47"
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"


def draw_icon(size: int, *, maskable: bool = False) -> Image.Image:
    """The logo (a screen with a tick) on the brand colour; maskable icons keep the drawing
    inside the central 80 % safe zone and fill the whole square."""
    scale = 4  # draw large, then shrink: smooth edges without anti-aliasing support
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BRAND)
        inset = big * 0.2
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 8 // 36, fill=BRAND)
        inset = 0
    unit = (big - 2 * inset) / 36

    def point(x: float, y: float) -> tuple[float, float]:
        return (inset + x * unit, inset + y * unit)

    width = round(2.5 * unit)
    draw.rectangle((*point(9, 11), *point(27, 23)), outline=WHITE, width=width)
    draw.line((*point(14, 27), *point(22, 27)), fill=WHITE, width=width)
    draw.line((*point(18, 23), *point(18, 27)), fill=WHITE, width=width)
    draw.line(
        (point(14, 17), point(17, 20), point(22, 14)), fill=ACCENT, width=width, joint="curve"
    )
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw_icon(size).save(OUT / f"icon-{size}.png", optimize=True)
        draw_icon(size, maskable=True).save(OUT / f"maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
