"""What "Listen" reads: the texts a page shows, in the order they were built (top to
bottom on every kiosk page), ticket numbers spelt out as the hall says them."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from shared.domain.errors import KhiuError
from shared.speech.phrasing import spoken_code


def _said(widget: QWidget, lang: str) -> str:
    if isinstance(widget, QLabel):
        text = widget.text()
        if widget.property("role") == "code" and text:
            try:
                return spoken_code(text, lang)
            except KhiuError:
                return text
        return text
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


def _other_language_only(text: str, lang: str) -> bool:
    """A line in the other language alone (the English name under the Thai one): the
    voice of one language would mangle it."""
    thai = any("\u0e00" <= ch <= "\u0e7f" for ch in text)
    latin = any(ch.isascii() and ch.isalpha() for ch in text)
    return (latin and not thai) if lang == "th" else (thai and not latin)


def spoken_lines(page: QWidget, lang: str) -> list[str]:
    """The visible texts of `page` in `lang`, each once, without list marks and arrows."""
    lines: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        text = " ".join(_said(widget, lang).replace("‹", " ").replace("•", " ").split())
        if text and text not in lines and not _other_language_only(text, lang):
            lines.append(text)
    return lines
