"""Draw PlexGeo's brand icons: a globe with a play triangle, on a transparent ground.

.venv/bin/python scripts/lib/draw_icon.py   writes custom_components/plexgeo/brand/
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = Path(__file__).resolve().parents[2] / "custom_components" / "plexgeo" / "brand"
SUPERSAMPLE = 4
OCEAN = (31, 111, 178, 255)
GRID = (255, 255, 255, 150)
PLAY = (229, 160, 13, 255)  # Plex's amber
OUTLINE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    """The icon at size x size pixels."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = big * 0.04
    box = (margin, margin, big - margin, big - margin)
    radius = (big - 2 * margin) / 2
    centre = big / 2
    line = max(1, round(big * 0.012))
    pen.ellipse(box, fill=OCEAN)
    # Meridians: ellipses of shrinking width; parallels: chords at fixed latitudes.
    for fraction in (0.35, 0.75):
        half = radius * fraction
        pen.ellipse((centre - half, margin, centre + half, big - margin), outline=GRID, width=line)
    pen.line((centre, margin, centre, big - margin), fill=GRID, width=line)
    for offset in (-0.5, 0.0, 0.5):
        y = centre + offset * radius
        half = (radius**2 - (y - centre) ** 2) ** 0.5
        pen.line((centre - half, y, centre + half, y), fill=GRID, width=line)
    pen.ellipse(box, outline=OUTLINE, width=line * 2)
    # The play triangle, its centroid on the globe's centre.
    side = radius * 1.05
    height = side * 3**0.5 / 2
    left = centre - height / 3
    triangle = [(left, centre - side / 2), (left, centre + side / 2), (left + height, centre)]
    pen.polygon(triangle, fill=PLAY, outline=OUTLINE, width=line * 2)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write icon.png (256 px) and icon@2x.png (512 px)."""
    BRAND.mkdir(parents=True, exist_ok=True)
    draw(256).save(BRAND / "icon.png", optimize=True)
    draw(512).save(BRAND / "icon@2x.png", optimize=True)
    print(f"Wrote {BRAND}/icon.png and icon@2x.png")


if __name__ == "__main__":
    main()
