"""Argument parsing that fits the command line's contract: every error is one line on
stderr, in Thai under a Thai locale, and numbers are range-checked before any database
call (SQLite integers stop at 2**63 - 1; a bigger one was an OverflowError traceback)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import NoReturn

INT64_MAX = 2**63 - 1
COUNTER_MAX = 999  # the site file allows counters 1..999

# argparse's English messages and their Thai wording (group 1.. are kept as they are).
_THAI = (
    (r"the following arguments are required: (.+)", "ต้องระบุ: {0}"),
    (r"argument (.+?): invalid int value: (.+)", "{0}: ค่า {1} ต้องเป็นจำนวนเต็ม"),
    (r"argument (.+?): invalid float value: (.+)", "{0}: ค่า {1} ต้องเป็นตัวเลข"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
     "{0}: ไม่มีตัวเลือก {1} (เลือกได้: {2})"),
    (r"argument (.+?): expected one argument", "{0}: ต้องตามด้วยค่าหนึ่งค่า"),
    (r"argument (.+?): must be a whole number from (\S+) to (\S+), got (.+)",
     "{0}: ต้องเป็นจำนวนเต็มตั้งแต่ {1} ถึง {2} (ได้ {3})"),
    (r"argument (.+?): must be a number from (\S+) to (\S+), got (.+)",
     "{0}: ต้องเป็นตัวเลขตั้งแต่ {1} ถึง {2} (ได้ {3})"),
    (r"unrecognized arguments: (.+)", "ไม่รู้จักอาร์กิวเมนต์: {0}"),
    (r"argument (.+?): not allowed with argument (.+)", "{0}: ใช้ร่วมกับ {1} ไม่ได้"),
    (r"argument (.+?): (.+)", "{0}: {1}"),
)


def thai_argparse_message(message: str) -> str:
    for pattern, thai in _THAI:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return thai.format(*match.groups())
    return f"คำสั่งไม่ถูกต้อง: {message}"


class KhiuArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, Thai for a Thai locale (subcommand
    parsers inherit the class)."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        one_line = " ".join(message.split())
        if KhiuArgumentParser.lang == "th":
            text = f"{thai_argparse_message(one_line)} (ดูวิธีใช้: {self.prog} --help)"
        else:
            text = f"{one_line} (see: {self.prog} --help)"
        print(f"khiu: {text}", file=sys.stderr)
        sys.exit(2)


def whole_number(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse `type`: a whole number in lo..hi, else a clear error (no traceback)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {lo} to {hi}, got {text!r}"
            ) from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {lo} to {hi}, got {text!r}"
            )
        return value

    parse.__name__ = "whole number"
    return parse


def number(lo: float, hi: float) -> Callable[[str], float]:
    """An argparse `type`: a finite number in lo..hi."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            value = float("nan")
        if not lo <= value <= hi:  # also refuses nan and inf
            raise argparse.ArgumentTypeError(f"must be a number from {lo:g} to {hi:g}, got {text!r}")
        return value

    parse.__name__ = "number"
    return parse


counter_number = whole_number(1, COUNTER_MAX)
event_id = whole_number(0, INT64_MAX)
