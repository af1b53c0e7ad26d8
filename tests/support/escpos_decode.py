"""Read ESC/POS raster images (GS v 0) back into a picture, for tests."""

from __future__ import annotations

from PIL import Image

GS_V0 = b"\x1dv0"
CUT_COMMANDS = (b"\x1dV\x00", b"\x1dV\x01", b"\x1dVA", b"\x1dVB")


def decode_raster(data: bytes) -> Image.Image:
    """Stack every GS v 0 block in `data` into one mode "1" image (black = 0).

    Tall images arrive as several blocks (escpos splits at 960 rows), all of one width.
    """
    blocks: list[Image.Image] = []
    pos = data.find(GS_V0)
    while pos >= 0:
        width_bytes = int.from_bytes(data[pos + 4 : pos + 6], "little")
        height = int.from_bytes(data[pos + 6 : pos + 8], "little")
        start = pos + 8
        raster = data[start : start + width_bytes * height]
        assert len(raster) == width_bytes * height, "truncated raster block"
        # In GS v 0 a set bit prints (black); in PIL mode "1" a set bit is white.
        inverted = bytes(b ^ 0xFF for b in raster)
        blocks.append(Image.frombytes("1", (width_bytes * 8, height), inverted))
        pos = data.find(GS_V0, start + len(raster))
    if not blocks:
        raise ValueError("no GS v 0 raster image in the data")
    out = Image.new("1", (blocks[0].width, sum(b.height for b in blocks)), 1)
    y = 0
    for block in blocks:
        out.paste(block, (0, y))
        y += block.height
    return out


def has_cut(data: bytes) -> bool:
    """Whether a paper cut (GS V) follows the last image."""
    last_image = data.rfind(GS_V0)
    return any(data.find(cmd, max(0, last_image)) >= 0 for cmd in CUT_COMMANDS)
