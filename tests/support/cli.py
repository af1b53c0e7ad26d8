"""Running the `khiu` command line in-process and in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from shared.cli.main import main
from tests.support.backends import Location

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def value(self) -> Any:
        return json.loads(self.out)


def khiu(capsys: pytest.CaptureFixture[str], db: Location, *argv: str) -> Run:
    """`khiu --db DB ARGV... --json` in this process."""
    capsys.readouterr()
    code = main(["--db", str(db), *argv, "--json"])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def khiu_process(
    db: Location, *argv: str, lang: str = "C.UTF-8", env: dict[str, str] | None = None
) -> Run:
    """`khiu` as its own process, as a user's script runs it (`env`: more variables)."""
    env = {**os.environ, "LANG": lang, "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", str(db), *argv, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)
