"""Officer PINs, kept only as salted scrypt hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from shared.domain.errors import AuthError

_N, _R, _P = 2**14, 8, 1
# ASCII digits only, the whole string: `$` alone would let "1234\n" through, and `\d`
# alone would take Thai or full-width digits a counter keypad can never type.
_PIN = re.compile(r"[0-9]{4,12}")


def check_pin_format(pin: str) -> None:
    if not _PIN.fullmatch(pin):
        raise AuthError("รหัส PIN ต้องเป็นตัวเลข 4 ถึง 12 หลัก", "A PIN is 4 to 12 digits")


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time check of `pin` against a stored `scrypt$n$r$p$salt$hash` string."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
