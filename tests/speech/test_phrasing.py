"""The announcement wording and clips for codes and counters (the `khiu announce` contract)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from shared.domain.errors import KhiuError
from shared.speech.clips import CLIP_BY_ID, CLIPS
from shared.speech.phrasing import MAX_COUNTER, announce, announce_short, parse_code


def test_a001_counter_3_exact() -> None:
    ann = announce("A001", 3)
    assert ann.th == "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ สาม ค่ะ"
    assert ann.en == "Number A zero zero one, please go to counter three"
    assert ann.th_clips == (
        "th/phrase_invite", "th/letter_a", "th/digit_0", "th/digit_0", "th/digit_1",
        "th/phrase_at_counter", "th/digit_3", "th/particle_ka",
    )  # fmt: skip
    assert ann.en_clips == (
        "en/number", "en/letter_a", "en/digit_0", "en/digit_0", "en/digit_1",
        "en/phrase_go_to_counter", "en/digit_3",
    )  # fmt: skip


COUNTERS = [
    (1, "หนึ่ง", "one", ("th/digit_1",)),
    (10, "สิบ", "ten", ("th/num_10",)),
    (11, "สิบเอ็ด", "eleven", ("th/num_10", "th/num_et")),
    (12, "สิบสอง", "twelve", ("th/num_10", "th/digit_2")),
    (20, "ยี่สิบ", "twenty", ("th/num_yi", "th/num_10")),
    (21, "ยี่สิบเอ็ด", "twenty-one", ("th/num_yi", "th/num_10", "th/num_et")),
    (25, "ยี่สิบห้า", "twenty-five", ("th/num_yi", "th/num_10", "th/digit_5")),
    (100, "หนึ่งร้อย", "one hundred", ("th/digit_1", "th/num_100")),
    (101, "หนึ่งร้อยเอ็ด", "one hundred and one", ("th/digit_1", "th/num_100", "th/num_et")),
    (
        111,
        "หนึ่งร้อยสิบเอ็ด",
        "one hundred and eleven",
        ("th/digit_1", "th/num_100", "th/num_10", "th/num_et"),
    ),
    (
        999,
        "เก้าร้อยเก้าสิบเก้า",
        "nine hundred and ninety-nine",
        ("th/digit_9", "th/num_100", "th/digit_9", "th/num_10", "th/digit_9"),
    ),
]


@pytest.mark.parametrize(("counter", "th_words", "en_words", "th_number_clips"), COUNTERS)
def test_counter_numbers(
    counter: int, th_words: str, en_words: str, th_number_clips: tuple[str, ...]
) -> None:
    ann = announce("A001", counter)
    assert ann.th == f"ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง ที่ช่องบริการ {th_words} ค่ะ"
    assert ann.en == f"Number A zero zero one, please go to counter {en_words}"
    at = ann.th_clips.index("th/phrase_at_counter")
    assert ann.th_clips[at + 1 : -1] == th_number_clips
    assert ann.th_clips[-1] == "th/particle_ka"


@pytest.mark.parametrize(
    ("code", "th_ticket", "en_ticket"),
    [
        ("A001", "เอ ศูนย์ ศูนย์ หนึ่ง", "A zero zero one"),
        ("a001", "เอ ศูนย์ ศูนย์ หนึ่ง", "A zero zero one"),
        (" b045 ", "บี ศูนย์ สี่ ห้า", "B zero four five"),
        ("Z9", "แซด เก้า", "Z nine"),
        ("W100", "ดับเบิลยู หนึ่ง ศูนย์ ศูนย์", "W one zero zero"),
        ("AB012", "เอ บี ศูนย์ หนึ่ง สอง", "A B zero one two"),
        ("qx7", "คิว เอ็กซ์ เจ็ด", "Q X seven"),
        ("M123456", "เอ็ม หนึ่ง สอง สาม สี่ ห้า หก", "M one two three four five six"),
    ],
)
def test_codes(code: str, th_ticket: str, en_ticket: str) -> None:
    ann = announce(code, 2)
    assert ann.th == f"ขอเชิญหมายเลข {th_ticket} ที่ช่องบริการ สอง ค่ะ"
    assert ann.en == f"Number {en_ticket}, please go to counter two"


def test_two_letter_clips() -> None:
    ann = announce("AB012", 7)
    assert ann.th_clips[:6] == (
        "th/phrase_invite", "th/letter_a", "th/letter_b", "th/digit_0", "th/digit_1", "th/digit_2",
    )  # fmt: skip
    assert ann.en_clips[:3] == ("en/number", "en/letter_a", "en/letter_b")


@pytest.mark.parametrize(
    "bad",
    ["", " ", "001", "A", "ABC001", "A-001", "A 001", "A001B", "ก001", "A๐๐๑", "Ａ001",
     "ı001", "A1234567", "A0.1", None, 1],
)  # fmt: skip
def test_bad_codes_are_rejected(bad: object) -> None:
    with pytest.raises(KhiuError) as info:
        announce(bad, 3)  # type: ignore[arg-type]
    assert "ticket code" in info.value.message_en
    assert "รหัสบัตรคิว" in info.value.message_th


@pytest.mark.parametrize("bad", [0, -1, MAX_COUNTER + 1, True, 2.0, "3"])
def test_bad_counters_are_rejected(bad: object) -> None:
    with pytest.raises(KhiuError, match="counter"):
        announce("A001", bad)  # type: ignore[arg-type]


def test_parse_code() -> None:
    assert parse_code(" ab12 ") == ("AB", "12")


def test_recall_says_again_and_keeps_the_rest() -> None:
    ann = announce("A001", 3, recall=True)
    assert ann.th == "ขอเชิญหมายเลข เอ ศูนย์ ศูนย์ หนึ่ง อีกครั้ง ที่ช่องบริการ สาม ค่ะ"
    assert ann.en == "Calling again, number A zero zero one, please go to counter three"
    assert "th/phrase_again" in ann.th_clips
    assert ann.en_clips[:2] == ("en/phrase_calling_again", "en/number")
    assert ann != announce("A001", 3)


def test_short_form_is_thai_only() -> None:
    ann = announce_short("a001", 3)
    assert ann.th == "เอ ศูนย์ ศูนย์ หนึ่ง ช่อง สาม"
    assert ann.en == "" and ann.en_clips == ()
    assert ann.th_clips == (
        "th/letter_a", "th/digit_0", "th/digit_0", "th/digit_1", "th/word_counter", "th/digit_3",
    )  # fmt: skip
    assert announce_short("B12", 21).th == "บี หนึ่ง สอง ช่อง ยี่สิบเอ็ด"


def test_every_counter_and_letter_is_covered_by_the_clip_set() -> None:
    used: set[str] = set()
    for counter in range(1, MAX_COUNTER + 1):
        for ann in (
            announce("A0", counter, recall=True),
            announce("B1", counter),
            announce_short("C2", counter),
        ):
            used.update(ann.th_clips, ann.en_clips)
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        ann = announce(f"{letter}0123456789"[:7], 1)
        used.update(ann.th_clips, ann.en_clips)
    assert used <= set(CLIP_BY_ID), used - set(CLIP_BY_ID)
    # Every clip but the large-number words (beyond 999) is actually used.
    unused = {c.id for c in CLIPS} - used
    assert unused == {
        "th/num_1000", "th/num_10000", "th/num_100000", "th/num_1000000",
        "en/num_thousand", "en/num_million",
    }  # fmt: skip


def test_clip_ids_are_unique_and_worded() -> None:
    ids = [c.id for c in CLIPS]
    assert len(ids) == len(set(ids))
    assert all(c.text.strip() and c.lang in ("th", "en") for c in CLIPS)
    assert CLIP_BY_ID["th/letter_w"].text == "ดับเบิลยู"
    assert CLIP_BY_ID["en/num_20"].text == "twenty"


def test_pure_modules_import_no_qt() -> None:
    code = (
        "import sys\n"
        "import shared.i18n.thai_numbers, shared.speech.phrasing, shared.speech.clips\n"
        "import shared.speech.wav, shared.speech.backlog, shared.speech.chime\n"
        "import shared.speech.engines, shared.speech.voicepack\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyttsx3')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
