"""Thai and English number words, digit names and letter names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.i18n.thai_numbers import (
    english_digit_names,
    english_number_words,
    thai_digit_names,
    thai_letter_name,
    thai_number_parts,
    thai_number_words,
)

THAI = [
    (0, "ศูนย์"),
    (1, "หนึ่ง"),
    (2, "สอง"),
    (9, "เก้า"),
    (10, "สิบ"),
    (11, "สิบเอ็ด"),
    (12, "สิบสอง"),
    (19, "สิบเก้า"),
    (20, "ยี่สิบ"),
    (21, "ยี่สิบเอ็ด"),
    (22, "ยี่สิบสอง"),
    (25, "ยี่สิบห้า"),
    (30, "สามสิบ"),
    (31, "สามสิบเอ็ด"),
    (99, "เก้าสิบเก้า"),
    (100, "หนึ่งร้อย"),
    (101, "หนึ่งร้อยเอ็ด"),
    (110, "หนึ่งร้อยสิบ"),
    (111, "หนึ่งร้อยสิบเอ็ด"),
    (120, "หนึ่งร้อยยี่สิบ"),
    (201, "สองร้อยเอ็ด"),
    (999, "เก้าร้อยเก้าสิบเก้า"),
    (1000, "หนึ่งพัน"),
    (1001, "หนึ่งพันเอ็ด"),
    (2021, "สองพันยี่สิบเอ็ด"),
    (10000, "หนึ่งหมื่น"),
    (12345, "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้า"),
    (100000, "หนึ่งแสน"),
    (1000000, "หนึ่งล้าน"),
    (1000001, "หนึ่งล้านเอ็ด"),
    (2500000, "สองล้านห้าแสน"),
    (9999999, "เก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้า"),
    (11000000, "สิบเอ็ดล้าน"),
    (21000021, "ยี่สิบเอ็ดล้านยี่สิบเอ็ด"),
]


@pytest.mark.parametrize(("n", "words"), THAI)
def test_thai_number_words(n: int, words: str) -> None:
    assert thai_number_words(n) == words


def test_thai_parts_are_the_clip_words() -> None:
    assert thai_number_parts(21) == ["ยี่", "สิบ", "เอ็ด"]
    assert thai_number_parts(111) == ["หนึ่ง", "ร้อย", "สิบ", "เอ็ด"]


@given(st.integers(min_value=0, max_value=99_999_999))
def test_thai_words_never_say_one_ten_or_two_ten(n: int) -> None:
    words = thai_number_words(n)
    assert "หนึ่งสิบ" not in words and "สองสิบ" not in words
    assert words == "".join(thai_number_parts(n))


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_thai_number_words_rejects_non_counts(bad: object) -> None:
    with pytest.raises(ValueError):
        thai_number_words(bad)  # type: ignore[arg-type]


ENGLISH = [
    (0, "zero"),
    (1, "one"),
    (3, "three"),
    (10, "ten"),
    (11, "eleven"),
    (12, "twelve"),
    (20, "twenty"),
    (21, "twenty-one"),
    (25, "twenty-five"),
    (99, "ninety-nine"),
    (100, "one hundred"),
    (101, "one hundred and one"),
    (111, "one hundred and eleven"),
    (999, "nine hundred and ninety-nine"),
    (1000, "one thousand"),
    (1001, "one thousand and one"),
    (1_200_000, "one million two hundred thousand"),
]


@pytest.mark.parametrize(("n", "words"), ENGLISH)
def test_english_number_words(n: int, words: str) -> None:
    assert english_number_words(n) == words


def test_digit_names() -> None:
    assert thai_digit_names("0123456789") == (
        "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
    )  # fmt: skip
    assert english_digit_names("007") == ("zero", "zero", "seven")


@pytest.mark.parametrize("bad", ["", "12a", "๑๒", "1 2", "-1"])
def test_digit_names_reject_non_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        thai_digit_names(bad)


LETTERS = dict(
    A="เอ", B="บี", C="ซี", D="ดี", E="อี", F="เอฟ", G="จี", H="เอช", I="ไอ", J="เจ",
    K="เค", L="แอล", M="เอ็ม", N="เอ็น", O="โอ", P="พี", Q="คิว", R="อาร์", S="เอส",
    T="ที", U="ยู", V="วี", W="ดับเบิลยู", X="เอ็กซ์", Y="วาย", Z="แซด",
)  # fmt: skip


@pytest.mark.parametrize(("letter", "name"), sorted(LETTERS.items()))
def test_thai_letter_names(letter: str, name: str) -> None:
    assert thai_letter_name(letter) == name
    assert thai_letter_name(letter.lower()) == name


@pytest.mark.parametrize("bad", ["", "AB", "1", "ก", "Ä"])
def test_thai_letter_name_rejects_others(bad: str) -> None:
    with pytest.raises(ValueError):
        thai_letter_name(bad)
