"""What every command handler gets: the database location, the output language,
and a lazily opened store (commands that need no database never open one)."""

from __future__ import annotations

import argparse
import locale
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from shared.storage import as_location, open_store, shown_location
from shared.storage.api import Store


def default_db_path() -> str | Path:
    """$KHIU_DB (a path or URL), else `khiu.db` in the per-user data folder (portable:
    Windows too)."""
    env = os.environ.get("KHIU_DB")
    if env:
        return as_location(env)
    return Path(user_data_dir("khiu", appauthor=False)) / "khiu.db"


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
    db_path: str | Path  # the database location: a file path or a postgresql:// URL
    lang: str
    # A command that did its main work but hit trouble after it (the ticket is issued,
    # the printer failed) still prints its JSON, then warns and exits non-zero.
    warnings: list[str] = field(default_factory=list)
    exit_code: int = 0
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        path = as_location(args.db) if args.db else default_db_path()
        return cls(db_path=path, lang=user_language())

    @property
    def shown_db(self) -> str:
        """The database location as it may be printed (never a password)."""
        return shown_location(self.db_path)

    def store(self, *, create: bool = False) -> Store:
        """Open the database; only `init` may create a new file."""
        if self._store is None:
            self._store = open_store(self.db_path, create=create)
        return self._store

    def note(self, message_th: str, message_en: str) -> None:
        """A line on stderr now, in the user's language (long-running commands)."""
        print(f"khiu: {message_th if self.lang == 'th' else message_en}", file=sys.stderr,
              flush=True)

    def warn(self, message: str, exit_code: int = 3) -> None:
        self.warnings.append(message)
        self.exit_code = max(self.exit_code, exit_code)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
