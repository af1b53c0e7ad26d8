"""`khiu serve` as a site runs it: a real process on loopback (optionally under a
descriptor limit, as `prlimit` would set it), stopped with Ctrl+C."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.web import free_port

START_S = 30.0
READY_PATH = "/static/favicon.svg"


def khiu_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "shared.cli.main", *args]


class ServeProcess:
    """Start with `with`; `url` is http://127.0.0.1:PORT; `stop()` returns stderr."""

    def __init__(
        self, db: str | Path, *, descriptors: int | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = str(db)
        self.descriptors = descriptors
        self.env = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
        self.proc: subprocess.Popen[str] | None = None
        self.stderr = ""

    def _limit(self) -> None:  # in the child, before exec
        if self.descriptors is not None:
            limit = (self.descriptors, self.descriptors)
            resource.setrlimit(resource.RLIMIT_NOFILE, limit)

    def start(self) -> ServeProcess:
        self.proc = subprocess.Popen(
            khiu_command(
                "--db", self.db, "serve", "--host", "127.0.0.1", "--port", str(self.port)
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            preexec_fn=self._limit,
        )
        # `khiu serve` listens before its lifespan has checked the database, so a
        # connection alone does not mean ready: wait for the app's first answer (a
        # static file, which reads no database). A test that moved the database away
        # before the check had the server refuse to start under its first request.
        deadline = time.monotonic() + START_S
        while True:
            try:
                httpx.get(self.url + READY_PATH, timeout=START_S).raise_for_status()
                return self
            except httpx.TransportError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"khiu serve did not start: {self.stderr}") from None
                time.sleep(0.1)

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, timeout=20)

    def stop(self) -> str:
        if self.proc is not None and self.proc.returncode is None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGINT)
            _out, self.stderr = self.proc.communicate(timeout=30)
        return self.stderr

    def __enter__(self) -> ServeProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
