"""Checks that shown Thai lines break only between words, for the line-break tests."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence

from shared.i18n.thai_breaks import break_points, plain
from shared.paths import DEMO_SITE_FILE

ELLIPSIS = "…"
# Words and compounds a Thai reader sees as one, each seen split on a screen or page.
SEEN_SPLIT = ("ไข้หวัดใหญ่", "ความดัน", "สุขภาพจิต", "ขับรถ", "น้ำตาล", "1 เดือน", "505 บาท")


def demo_texts() -> Iterator[str]:
    """Every Thai service name, agency, document line, fee and place of the demo site."""
    with DEMO_SITE_FILE.open("rb") as f:
        site = tomllib.load(f)
    yield site["site"]["name_th"]
    for service in site["services"]:
        yield service["name_th"]
        for key in ("agency_th", "fee_th", "where_th"):
            if service.get(key):
                yield service[key]
        yield from service.get("documents_th", [])


def cuts(text: str, lines: Sequence[str]) -> list[int]:
    """Where `lines` (as shown, the last maybe ending in "…") cut plain(text), asserting
    that they show the text in order; each cut is the offset the next line starts at."""
    shown = plain(text)
    at = 0
    found: list[int] = []
    for row, line in enumerate(lines):
        body = line.removesuffix(ELLIPSIS)
        while row and at < len(shown) and shown[at].isspace():
            at += 1
        if row:
            found.append(at)
        assert shown.startswith(body, at), (text, lines)
        at += len(body)
        if line.endswith(ELLIPSIS):
            end = at
            while end < len(shown) and shown[end].isspace():
                end += 1
            found.append(end)
            break
    return [cut for cut in found if 0 < cut < len(shown)]


def assert_between_words(text: str, lines: Sequence[str]) -> None:
    """Lines (or an elision) cut the text only where a line may break, and never inside
    one of the words seen split."""
    shown = plain(text)
    allowed = set(break_points(text))
    for cut in cuts(text, lines):
        assert cut in allowed, f"{shown[:cut]}|{shown[cut:]} (lines {list(lines)})"
        for word in SEEN_SPLIT:
            start = shown.find(word)
            while start != -1:
                assert not start < cut < start + len(word), f"{word} cut in {list(lines)}"
                start = shown.find(word, start + 1)
