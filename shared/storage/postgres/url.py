"""PostgreSQL URLs: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME`.

Kept apart from the driver so that telling a URL from a file path costs no import.
A mistyped URL is refused with a message that shows the right form (and never the
password); anything written as a URL is never taken as a file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from shared.domain.errors import DatabaseError

SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 5

_URL_FORM = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME"
_SCHEME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")
# USER:PASSWORD@ up to the LAST '@': a password may hold '@', '/' or ':' itself, and
# masking too much is harmless where masking too little prints the secret.
_USER_INFO = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9+.-]*:/*[^:/@]*):.*@")
_PASSWORD_OPTION = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)
HIDDEN = "***"


def is_url(text: str) -> bool:
    """True for anything written as a URL (scheme:/...): such text is never a file name.
    A Windows drive path (C:/x or C:\\x) is not a URL."""
    text = text.strip()
    if re.match(r"^[A-Za-z]:[\\/]", text):
        return False
    return bool(_SCHEME_LIKE.match(text)) or text.lower().startswith(("postgres:", "postgresql:"))


def is_postgres_url(text: str) -> bool:
    return text.strip().lower().startswith(tuple(f"{s}:" for s in SCHEMES))


@dataclass(frozen=True)
class PgUrl:
    """A parsed postgresql:// URL. `shown` is safe to print (no password)."""

    user: str
    password: str | None
    host: str
    port: int
    dbname: str
    options: tuple[tuple[str, str], ...] = ()

    @property
    def shown(self) -> str:
        """The URL as it may be printed: every part but the password (`shown_location`
        in `shared.storage` is how any location becomes text)."""
        auth = f"{self.user}:{HIDDEN}" if self.password else self.user
        query = "&".join(
            f"{key}={HIDDEN if key.lower() == 'password' else value}" for key, value in self.options
        )
        return f"postgresql://{auth}@{self.host}:{self.port}/{self.dbname}" + (
            f"?{query}" if query else ""
        )

    def conninfo(self) -> dict[str, str | int]:
        info: dict[str, str | int] = {
            "user": self.user,
            "host": self.host,
            "port": self.port,
            "dbname": self.dbname,
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "khiu",
        }
        if self.password is not None:
            info["password"] = self.password
        info.update(dict(self.options))
        return info


def masked(text: str) -> str:
    """Any text written as a URL (even a mistyped one) with its password replaced by
    ***, in the user part and in a `password=` option."""
    return _PASSWORD_OPTION.sub(rf"\g<1>{HIDDEN}", _USER_INFO.sub(rf"\g<1>:{HIDDEN}@", text))


def _typo(text: str, why_th: str, why_en: str) -> DatabaseError:
    shown = masked(text)
    return DatabaseError(
        f"ที่อยู่ฐานข้อมูล {shown!r} เขียนไม่ถูกต้อง ({why_th}) "
        f"ให้เขียนแบบ {_URL_FORM}",
        f"The database address {shown!r} is not a valid PostgreSQL URL ({why_en}); "
        f"write it as {_URL_FORM}.",
    )


def _schema_override(text: str) -> DatabaseError:
    """Khiu's tables live in the database's own schema: a search_path from the URL
    would make a second, empty Khiu beside the first ("database is empty; run init")."""
    return DatabaseError(
        f"ที่อยู่ฐานข้อมูล {masked(text)!r} เปลี่ยน search_path (schema) ซึ่งระบบคิวไม่รองรับ "
        "ระบบคิวเก็บตารางไว้ใน schema ปกติของฐานข้อมูล การเปลี่ยน search_path จะทำให้เห็นเป็นฐานข้อมูลว่าง"
        "อีกชุดหนึ่ง กรุณาลบ search_path ออกจาก URL และแยกแต่ละสถานที่ไว้คนละฐานข้อมูล (createdb)",
        f"The database address {masked(text)!r} sets a search_path (a schema), which Khiu "
        "does not support: Khiu keeps its tables in the database's default schema, and "
        "another search_path shows a second, empty Khiu. Remove the search_path from the "
        "URL; give each site its own database (createdb) instead.",
    )


def parse_url(text: str) -> PgUrl:
    """Parse `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?option=value&…]`."""
    raw = text.strip()
    scheme, _, rest = raw.partition(":")
    if scheme.lower() not in SCHEMES:
        raise _typo(raw, f"ไม่รู้จักชนิด {scheme!r}", f"unknown scheme {scheme!r}")
    if not rest.startswith("//"):
        raise _typo(raw, "ขาด '//' หลัง 'postgresql:'", "'//' missing after 'postgresql:'")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise _typo(raw, "หมายเลขพอร์ตไม่ถูกต้อง", f"bad port: {exc}") from None
    if not parts.hostname:
        raise _typo(raw, "ไม่มีชื่อเครื่องเซิร์ฟเวอร์", "no server name")
    if not parts.username:
        raise _typo(raw, "ไม่มีชื่อผู้ใช้ก่อน '@'", "no user name before '@'")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise _typo(raw, "ไม่มีชื่อฐานข้อมูลหลัง '/'", "no database name after the last '/'")
    if parts.fragment:
        raise _typo(raw, "มีเครื่องหมาย '#' เกินมา", "unexpected '#'")
    try:
        options = tuple(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        raise _typo(raw, "ตัวเลือกหลัง '?' ไม่ถูกต้อง", "bad options after '?'") from None
    for key, value in options:
        if key.lower() == "search_path" or (
            key.lower() == "options" and "search_path" in value.lower()
        ):
            raise _schema_override(raw)
    return PgUrl(
        user=unquote(parts.username),
        password=unquote(parts.password) if parts.password is not None else None,
        host=parts.hostname,
        port=port or 5432,
        dbname=dbname,
        options=options,
    )


def shown_url(text: str) -> str:
    """THE way a URL is shown: without its password, a mistyped URL too."""
    try:
        return parse_url(text).shown
    except DatabaseError:
        return masked(text)
