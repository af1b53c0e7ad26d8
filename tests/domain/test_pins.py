"""Officer PINs: format, salted scrypt hashes, constant-time verification."""

from __future__ import annotations

import pytest

from shared.domain.errors import AuthError
from shared.domain.pins import check_pin_format, hash_pin, verify_pin


@pytest.mark.parametrize("pin", ["1234", "000000", "123456789012"])
def test_good_pin_formats(pin: str) -> None:
    check_pin_format(pin)


@pytest.mark.parametrize(
    "pin", ["", "123", "1234567890123", "12a4", "12 34", "๑๒๓๔", "１２３４", "-1234", "1234\n"]
)
def test_bad_pin_formats(pin: str) -> None:
    with pytest.raises(AuthError):
        check_pin_format(pin)
    with pytest.raises(AuthError):
        hash_pin(pin)


def test_hash_is_salted_and_never_plain() -> None:
    first, second = hash_pin("4321"), hash_pin("4321")
    assert first != second
    assert "4321" not in first
    assert first.startswith("scrypt$")
    assert len(first.split("$")) == 6


def test_verify() -> None:
    stored = hash_pin("2468")
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)


@pytest.mark.parametrize(
    "stored", ["", "plain", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$BBBB", "scrypt$16384$8$1$!!$??"]
)
def test_verify_refuses_malformed_hashes(stored: str) -> None:
    assert not verify_pin("1234", stored)
