"""The bench's `khiu serve` process: the real app under uvicorn, without the
per-address limits (every bench client comes from 127.0.0.1)."""

from __future__ import annotations

import resource
import sys

import uvicorn

from shared.storage import parse_location
from shared.web.app import WebSettings, create_app


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    db, port = sys.argv[1], int(sys.argv[2])
    app = create_app(
        parse_location(db), WebSettings(rate_limit=False, streams_per_client=WebSettings.streams)
    )
    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
        timeout_graceful_shutdown=1, backlog=4096,
    )


if __name__ == "__main__":
    main()
