"""Thai line-break points: between words only, compounds whole, numbers with their units,
and the site's own marks (U+200B break, U+2060 join) honoured and never shown."""

from __future__ import annotations

import threading

import pytest

from shared.i18n.thai_breaks import (
    WORD_JOINER,
    ZERO_WIDTH_SPACE,
    after,
    plain,
    segments,
    warm_up_in_background,
)
from tests.support.thai import assert_between_words, demo_texts


@pytest.mark.parametrize("text", list(demo_texts()))
def test_demo_texts_break_only_between_words(text: str) -> None:
    pieces = segments(text)
    assert "".join(pieces) == plain(text)
    for piece in pieces:
        assert piece.strip(), pieces  # no empty pieces, no piece of only spaces
    # Every break point as a line break: none inside a seen compound.
    assert_between_words(text, [p.rstrip() for p in pieces])


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("ฉีดวัคซีนป้องกันไข้หวัดใหญ่", "ไข้หวัดใหญ่"),
        ("ตรวจสุขภาพเบื้องต้น วัดความดัน น้ำตาลในเลือด", "ความดัน"),
        ("ตรวจสุขภาพเบื้องต้น วัดความดัน น้ำตาลในเลือด", "น้ำตาล"),
        ("ปรึกษาปัญหาสุขภาพจิต", "สุขภาพจิต"),
        ("ต่ออายุใบอนุญาตขับรถ", "ขับรถ"),
        ("ใบรับรองแพทย์ ออกไม่เกิน 1 เดือน", "1 เดือน"),
        ("ใบอนุญาตขับรถยนต์ส่วนบุคคล 5 ปี 505 บาท", "505 บาท"),
        ("กรุณารออยู่ใกล้ ๆ หน้านี้", "ใกล้ ๆ"),
        ("บัตรประจำตัวประชาชน (ตัวจริง)", "(ตัวจริง)"),
    ],
)
def test_words_seen_split_stay_whole(text: str, whole: str) -> None:
    start = text.index(whole)
    edges = set()
    at = 0
    for piece in segments(text):
        at += len(piece)
        edges.add(at)
    assert not any(start < edge < start + len(whole) for edge in edges), segments(text)


def test_a_typed_zero_width_space_is_a_break_point() -> None:
    assert segments(f"ไข้{ZERO_WIDTH_SPACE}หวัดใหญ่") == ["ไข้", "หวัดใหญ่"]
    # Before an opening bracket only a typed mark allows a break.
    assert segments("ไม่มี(ตัวจริง)") == ["ไม่", "มี(ตัวจริง)"]
    assert segments(f"ไม่มี{ZERO_WIDTH_SPACE}(ตัวจริง)") == ["ไม่", "มี", "(ตัวจริง)"]


def test_a_typed_word_joiner_forbids_a_break() -> None:
    # The segmenter cuts รถยนต์ (a car) here: the site's joiner keeps it whole.
    assert segments("ใบอนุญาตขับรถยนต์") == ["ใบอนุญาตขับรถ", "ยนต์"]
    assert segments(f"ใบอนุญาตขับรถ{WORD_JOINER}ยนต์") == ["ใบอนุญาตขับรถยนต์"]
    assert segments(f"ขับ{WORD_JOINER}รถยนต์ส่วนบุคคล") == ["ขับรถยนต์ส่วนบุคคล"]
    assert segments(f"เวลา{WORD_JOINER} 10 น.") == ["เวลา 10 น."]


def test_marks_are_never_shown() -> None:
    text = f"ตรวจ{ZERO_WIDTH_SPACE}สุขภาพ{WORD_JOINER}จิต"
    assert plain(text) == "ตรวจสุขภาพจิต"
    assert "".join(segments(text)) == "ตรวจสุขภาพจิต"
    assert after(text, 4) == f"{ZERO_WIDTH_SPACE}สุขภาพ{WORD_JOINER}จิต"
    assert after("ตรวจ สุขภาพ", 4) == "สุขภาพ"


def test_english_and_numbers_break_at_spaces_only() -> None:
    assert segments("Counters 1-2") == ["Counters 1-2"]
    assert segments("ID card (the card itself)") == ["ID ", "card ", "(the ", "card ", "itself)"]
    assert segments("") == []


def test_the_dictionary_warm_up_is_waited_for_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    # A daemon thread still building the dictionary as the interpreter ends aborted a Qt
    # app ("terminate called"): Python waits for this one instead.
    started: list[threading.Thread] = []
    start = threading.Thread.start

    def record(thread: threading.Thread) -> None:
        started.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", record)
    warm_up_in_background()
    (warming,) = started
    assert warming.name == "khiu-thai-words" and not warming.daemon
    warming.join(30)
