"""The Jinja2 templates the pages and error pages render (autoescaped: site text is never
markup), the small pieces of wording they share with the page script, and the page's
language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request

from shared.i18n import glossary
from shared.i18n.thai_breaks import segments
from shared.i18n.waits import wait_range

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

_DAYS_TH = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["days_text"] = days_text
    env.globals["glossary"] = glossary
    env.globals["shows"] = shows
    env.globals["wait_range"] = wait_range  # the page scripts say it the same way
    env.filters["thai"] = thai_words
    return env


def lang_of(request: Request) -> str:
    """The page's language: English when asked for (`?lang=en`), else Thai."""
    return "en" if request.query_params.get("lang") == "en" else "th"


def thai_words(text: str | None) -> Markup:
    """Site text in Thai with its own line breaks: each piece a line may not break inside
    is a no-wrap span (the browser's dictionary splits compounds such as ไข้หวัดใหญ่),
    with <wbr> between pieces where the browser would see no break. Marks are removed and
    nothing is added: what is read aloud and copied is the text as written."""
    out = []
    for piece in segments(text or ""):
        word = piece.rstrip()
        out.append(Markup('<span class="nb">{}</span>{}').format(word, piece[len(word) :]))
    return Markup("<wbr>").join(out)


def days_text(days: list[int], lang: str) -> str:
    """Weekdays (0 = Monday) as people write them: every day, a range, or a list."""
    names = _DAYS_TH if lang == "th" else _DAYS_EN
    ordered = sorted(set(days))
    if ordered == list(range(7)):
        return "ทุกวัน" if lang == "th" else "Every day"
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}–{names[ordered[-1]]}"
    return ", ".join(names[d] for d in ordered)


def shows(ticket: dict[str, Any]) -> set[str]:
    """Which optional lines of the ticket page apply (the page script computes the same)."""
    out = set()
    if ticket["service"] != ticket.get("origin_service", ticket["service"]):
        out.add("transferred")
    if ticket.get("recall_count"):
        out.add("recalled")
    position = ticket.get("position")
    if position == 0:
        out.add("next")
    elif position is not None:
        out.add("ahead")
    if ticket.get("estimated_wait_range_min"):
        out.add("wait")
    out.add("rated" if ticket.get("rated") else "unrated")
    if ticket.get("priority"):
        out.add("priority")
    return out
