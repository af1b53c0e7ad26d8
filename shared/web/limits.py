"""How much `khiu serve` lets its clients hold, from the process's descriptor limit: every
open connection is a descriptor, and a process out of them resets everyone; and how
much a client may send."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request

# Descriptors kept for the database connections, the font and template files, the
# listening socket and the change feed, whatever the clients do.
RESERVED_DESCRIPTORS = 128
MAX_CONNECTIONS = 10_000  # beyond this, memory and wake-ups bound the server first
WINDOWS_CONNECTIONS = 4_000  # no descriptor limit to read there (sockets are handles)
STREAMS_PER_CLIENT = 50  # one phone holds one or two; a family or a NAT a few dozen
MAX_BODY = 1024  # a rating or a booking is a few bytes


async def read_body(request: Request) -> bytes:
    """The request's body, or 413 as soon as it (or its declared length) is too large."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise HTTPException(413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413)
    return body


def raise_descriptor_limit() -> int | None:
    """Raise the soft limit on open files to the hard one; the limit now in force, or
    None where the platform has none to read (Windows: no `resource` module)."""
    try:
        import resource
    except ImportError:
        return None

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + RESERVED_DESCRIPTORS if hard == resource.RLIM_INFINITY else hard
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return MAX_CONNECTIONS + RESERVED_DESCRIPTORS if soft == resource.RLIM_INFINITY else soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError):  # some sandboxes refuse: keep the soft limit
        return soft
    return wanted


@dataclass(frozen=True)
class Capacity:
    """Open connections in all (uvicorn's `limit_concurrency`), open live streams in all
    (half of the connections, so pages and the API keep answering) and per client."""

    connections: int
    streams: int
    streams_per_client: int = STREAMS_PER_CLIENT

    @classmethod
    def for_descriptors(cls, limit: int | None) -> Capacity:
        if limit is None:
            connections = WINDOWS_CONNECTIONS
        else:
            connections = max(16, min(MAX_CONNECTIONS, limit - RESERVED_DESCRIPTORS))
        return cls(connections=connections, streams=connections // 2)
