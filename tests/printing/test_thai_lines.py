"""The printed ticket breaks each demo service's Thai name, agency and documents only
between words, on 58 mm and 80 mm paper."""

from __future__ import annotations

import dataclasses
import tomllib
from typing import cast

import pytest
from PySide6.QtGui import QFontMetricsF

from shared.paths import DEMO_SITE_FILE
from shared.printing import render
from shared.printing.layout import TicketPrintout
from shared.qt.thai_text import wrap_lines
from tests.support.thai import assert_between_words


def _demo_services() -> list[dict[str, object]]:
    with DEMO_SITE_FILE.open("rb") as f:
        return list(tomllib.load(f)["services"])


@pytest.mark.parametrize("width", sorted(render.SUPPORTED_WIDTHS))
def test_demo_texts_on_the_ticket_break_between_words(
    qapp: object, printout: TicketPrintout, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    laid_out: list[tuple[str, list[str]]] = []

    def recording(text: str, metrics: QFontMetricsF, room: float) -> list[str]:
        lines = wrap_lines(text, metrics, room)
        laid_out.append((text, lines))
        return lines

    monkeypatch.setattr(render, "wrap_lines", recording)
    wrapped = 0
    for service in _demo_services():
        ticket = dataclasses.replace(
            printout,
            service_name_th=str(service["name_th"]),
            agency_th=str(service["agency_th"]),
            documents_th=tuple(cast("list[str]", service["documents_th"])),
        )
        laid_out.clear()
        render.render_ticket(ticket, width)
        texts = {text for text, _ in laid_out}
        assert str(service["name_th"]) in texts
        for text, lines in laid_out:
            assert_between_words(text, lines)
            wrapped += len(lines) > 1
    assert wrapped, "no text needed two lines: the test would prove nothing"
