"""What every command handler gets: the database location (parsed once, here), the
output language, and the store session (commands that need no database never open one)."""

from __future__ import annotations

import argparse
import locale
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from shared.clock import Clock, utc_now
from shared.storage import Location, parse_location, shown_location
from shared.storage.api import Store
from shared.storage.session import StoreSession


def given_location(db_arg: str | None) -> Location:
    """--db (a path or URL), else $KHIU_DB, else `khiu.db` in the per-user data folder
    (portable: Windows too). A mistyped URL is refused here (KhiuError)."""
    text = db_arg or os.environ.get("KHIU_DB")
    if text:
        return parse_location(text)
    return parse_location(Path(user_data_dir("khiu", appauthor=False)) / "khiu.db")


def user_language() -> str:
    """Thai messages for a Thai locale, English otherwise."""
    lang = os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "th" if lang.lower().startswith("th") else "en"


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """Every command takes --json too (SUPPRESS keeps a global --json from being reset)."""
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON value"
    )


@dataclass
class CliContext:
    location: Location
    lang: str
    # A command that did its main work but hit trouble after it (the ticket is issued,
    # the printer failed) still prints its JSON, then warns and exits non-zero.
    warnings: list[str] = field(default_factory=list)
    exit_code: int = 0
    clock: Clock = utc_now
    session: StoreSession = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.session = StoreSession(self.location, clock=self.clock)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(location=given_location(args.db), lang=user_language())

    @property
    def shown_db(self) -> str:
        """The database location as it may be printed (never a password)."""
        return shown_location(self.location)

    def store(self, *, create: bool = False) -> Store:
        """Open the database; only `init` may create a new file."""
        return self.session.store(create=create)

    def note(self, message_th: str, message_en: str) -> None:
        """A line on stderr now, in the user's language (long-running commands)."""
        print(f"khiu: {message_th if self.lang == 'th' else message_en}", file=sys.stderr,
              flush=True)

    def warn(self, message: str, exit_code: int = 3) -> None:
        self.warnings.append(message)
        self.exit_code = max(self.exit_code, exit_code)

    def close(self) -> None:
        self.session.close()
