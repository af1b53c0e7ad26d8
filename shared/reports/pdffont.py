"""Searchable Thai in Qt's PDFs: text that copies out exactly as it was written.

Two things stand between Qt's PDF and the text. First, Sarabun draws a tone mark above an
upper vowel (ที่, เมื่อ, ครั้ง) with a variant glyph (uni0E48.small, ...) that its cmap
does not reach. Qt writes the PDF's ToUnicode map from the cmap only, so those glyphs
get no text and `pdftotext` (and a reader's search) sees "ที" for "ที่". We register, for
the PDF only, a copy of the face whose cmap also maps each such variant from a private-use
code point, then rewrite the PDF's ToUnicode maps: each private-use value becomes the real
text of the variant (its glyph name says which: `uni0E48.small` is U+0E48, the ligature
`uni0E4D0E48` is U+0E4D U+0E48).

Second, a text extractor orders glyphs by where they are drawn, and a Thai mark has no
width of its own: it sits at the right edge of its base, exactly where the next letter
starts, so pdftotext read ที่ดิน as "ทดี่ ิน" and put a mark alone on the next line. Sara
am is drawn as two glyphs (ํ + า) and came out as those two letters. So every word the page
shows is also wrapped in a marked-content span whose /ActualText is the word's real text
(PDF 1.5, 14.9.4), which extractors and readers' search use instead of the glyphs.
"""

from __future__ import annotations

import io
import re
import threading
import unicodedata
from pathlib import Path
from typing import Any

from shared.paths import ASSETS_DIR

PDF_FAMILY = "Khiu Sarabun PDF"
_PUA_START = 0xE000  # the Basic Multilingual Plane's private-use area
_WEIGHTS = ("Regular", "Bold")

_lock = threading.Lock()
_pua_text: dict[int, str] | None = None  # private-use code point -> real text
_UNI = re.compile(r"^uni((?:[0-9A-F]{4})+)$")


def _text_of(glyph: str) -> str | None:
    match = _UNI.match(glyph.split(".", 1)[0])
    if match is None:
        return None
    hexes = match.group(1)
    return "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))


def _patched(path: Path, pua_of: dict[str, int]) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    mapped = set(font.getBestCmap().values())
    for glyph in font.getGlyphOrder():
        if glyph in mapped or _text_of(glyph) is None:
            continue
        pua_of.setdefault(glyph, _PUA_START + len(pua_of))
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            for glyph, code in pua_of.items():
                if glyph in font.getGlyphOrder():
                    table.cmap[code] = glyph
    names = font["name"]
    style = path.stem.split("-", 1)[1]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(PDF_FAMILY, record.nameID, record.platformID, record.platEncID,
                          record.langID)  # fmt: skip
        elif record.nameID in (4, 6):
            full = f"{PDF_FAMILY} {style}" if record.nameID == 4 else f"KhiuSarabunPDF-{style}"
            names.setName(full, record.nameID, record.platformID, record.platEncID, record.langID)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def pdf_font_family() -> str:
    """Register the PDF copy of Sarabun with Qt once; returns its family name.
    Needs a QGuiApplication; any thread."""
    global _pua_text
    with _lock:
        if _pua_text is not None:
            return PDF_FAMILY
        from PySide6.QtCore import QByteArray
        from PySide6.QtGui import QFontDatabase

        pua_of: dict[str, int] = {}
        for weight in _WEIGHTS:
            data = _patched(ASSETS_DIR / "fonts" / f"Sarabun-{weight}.ttf", pua_of)
            QFontDatabase.addApplicationFontFromData(QByteArray(data))
        _pua_text = {code: _text_of(glyph) or "" for glyph, code in pua_of.items()}
        return PDF_FAMILY


# ----------------------------------------------------------- ToUnicode rewrite
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_HEX = rb"<([0-9A-Fa-f]+)>"
_RANGE_ARRAY = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*\[(.*?)\]", re.S)
_RANGE_PLAIN = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*" + _HEX)
_PAIR = re.compile(_HEX + rb"\s*" + _HEX)


def _parse_cmap(data: bytes) -> dict[int, str]:
    """CID -> hex UTF-16 text of a ToUnicode CMap (Qt's bfrange/bfchar forms)."""
    table: dict[int, str] = {}
    for block in _BFRANGE.findall(data):
        for lo, _hi, items in _RANGE_ARRAY.findall(block):
            for offset, value in enumerate(re.findall(_HEX, items)):
                table[int(lo, 16) + offset] = value.decode()
        rest = _RANGE_ARRAY.sub(b"", block)
        for lo, hi, start in _RANGE_PLAIN.findall(rest):
            first = int(start, 16)
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                table[int(lo, 16) + offset] = f"{first + offset:04X}"
    for block in _BFCHAR.findall(data):
        for cid, value in _PAIR.findall(block):
            table[int(cid, 16)] = value.decode()
    return table


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def fixed_cmap(data: bytes, pua_text: dict[int, str]) -> bytes | None:
    """The CMap with private-use values replaced by real text (None: nothing to fix)."""
    table = _parse_cmap(data)
    changed = False
    for cid, value in table.items():
        code = int(value, 16) if len(value) == 4 else -1
        if pua_text.get(code):
            table[cid] = _utf16_hex(pua_text[code])
            changed = True
    if not changed:
        return None
    entries = sorted(table.items())
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines = "\n".join(f"<{cid:04X}> <{value}>" for cid, value in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    head = data.split(b"endcodespacerange", 1)[0] + b"endcodespacerange\n"
    tail = b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    return head + "\n".join(blocks).encode() + tail


def glyph_texts(data: bytes) -> dict[int, str]:
    """CID -> text, from a ToUnicode CMap."""
    return {cid: bytes.fromhex(value).decode("utf-16-be", "replace")
            for cid, value in _parse_cmap(data).items()}  # fmt: skip


_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")  # nikhahit, a tone, sara aa
_LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬁ, ﬂ, ...: the font's Latin ligatures


def word_text(glyphs: str) -> str:
    """The text a word was written with, from its glyphs' text in drawing order: sara am
    (drawn as nikhahit + sara aa, a tone mark between) and Latin ligatures recomposed."""
    text = _SARA_AM.sub("\\1\u0e33", glyphs)
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def fix_text_layer(path: Path) -> None:
    """Rewrite the ToUnicode maps of a PDF that Qt wrote with the PDF family, and give
    each word drawn on its pages its real text (/ActualText)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(str(path))
    writer = PdfWriter(clone_from=reader)
    texts: dict[int, dict[int, str]] = {}  # ToUnicode stream -> CID -> text
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        page_fonts: dict[str, dict[int, str]] = {}
        for name, ref in fonts.items():
            to_unicode = ref.get_object().get(NameObject("/ToUnicode"))
            if to_unicode is None:
                continue
            stream = to_unicode.get_object()
            if id(stream) not in texts:
                new = fixed_cmap(stream.get_data(), _pua_text) if _pua_text else None
                if new is not None:
                    stream.set_data(new)
                texts[id(stream)] = glyph_texts(stream.get_data())
            page_fonts[str(name)] = texts[id(stream)]
        _mark_words(page, page_fonts)
    with open(path, "wb") as fh:
        writer.write(fh)


# Text-state operators that may sit inside a word; Td/TD are checked apart (a vertical
# move starts a new line, so the word ends there).
_IN_WORD = {b"Tc", b"Tw", b"Tz", b"TL", b"Ts"}
# A content stream as Qt writes it, token by token: strings, other operands, operators.
_TOKEN = re.compile(
    rb"(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|(?P<literal>\((?:\\.|[^\\()])*\))"
    rb"|(?P<operand><<|>>|/[^\s/\[\]()<>{}%]*|[-+]?(?:\d+\.?\d*|\.\d+)|\[|\])"
    rb"|(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]*)"
    rb"|(?P<comment>%[^\r\n]*)"
)


def _mark_words(page: Any, fonts: dict[str, dict[int, str]]) -> None:
    """Wrap each run of glyphs between spaces and line moves in an /ActualText span.
    Works on the stream's bytes (pypdf's own parser takes seconds per page)."""
    from pypdf.generic import DecodedStreamObject

    contents = page.get_contents()
    if contents is None or not fonts:
        return
    marked = mark_words(contents.get_data(), fonts)
    if marked is None:
        return
    stream = DecodedStreamObject()
    stream.set_data(marked)
    page.replace_contents(stream.flate_encode())


def mark_words(data: bytes, fonts: dict[str, dict[int, str]]) -> bytes | None:
    """The content stream with every shown word inside `/Span <</ActualText …>> BDC …
    EMC`; None when the stream holds something this reader does not follow."""
    out: list[bytes] = []
    copied = 0  # data[:copied] is in `out`
    word_start = word_end = -1
    text: list[str] = []
    font: dict[int, str] = {}
    operands: list[tuple[str, bytes]] = []
    op_start = -1

    def end_word() -> None:
        nonlocal copied, word_start
        if word_start >= 0 and "".join(text).strip():
            actual = ("\ufeff" + word_text("".join(text))).encode("utf-16-be").hex().upper()
            out.append(data[copied:word_start])
            out.append(b"/Span <</ActualText <" + actual.encode() + b">>> BDC\n")
            out.append(data[word_start:word_end])
            out.append(b"\nEMC")
            copied = word_end
        word_start = -1
        text.clear()

    for token in _TOKEN.finditer(data):
        kind = token.lastgroup
        if kind == "comment":
            continue
        if op_start < 0:
            op_start = token.start()
        if kind != "op":
            operands.append((kind or "", token.group()))
            continue
        operator = token.group()
        if operator in (b"BI", b"ID", b"EI"):
            return None  # inline image data is not made of tokens
        if operator == b"Tf" and operands:
            font = fonts.get(operands[0][1].decode("latin-1"), {})
        if operator in (b"Tj", b"TJ") and font:
            shown = _shown_text(operands, font)
            if shown is None or shown.isspace():
                end_word()
            else:
                if word_start < 0:
                    word_start = op_start
                word_end = token.end()
                text.append(shown)
        elif word_start >= 0 and (
            operator in _IN_WORD
            or (operator in (b"Td", b"TD") and len(operands) == 2 and float(operands[1][1]) == 0)
        ):
            word_end = token.end()
        else:
            end_word()
        operands = []
        op_start = -1
    end_word()
    if copied == 0:
        return None
    out.append(data[copied:])
    return b"".join(out)


def _shown_text(operands: list[tuple[str, bytes]], font: dict[int, str]) -> str | None:
    """The text of a Tj or TJ (two-byte CIDs in hex strings, as Qt writes them); None
    for a literal string, which Qt does not write for these fonts."""
    out: list[str] = []
    for kind, value in operands:
        if kind == "literal":
            return None
        if kind == "hex":
            data = bytes.fromhex(re.sub(rb"\s", b"", value[1:-1]).decode())
            out.extend(font.get(int.from_bytes(data[i : i + 2], "big"), "")
                       for i in range(0, len(data) - 1, 2))  # fmt: skip
    return "".join(out)
