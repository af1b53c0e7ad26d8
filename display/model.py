"""What the hall display shows, as frozen data: a snapshot read from the store and the
change-feed events applied on top of it (pure, no Qt)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from shared.domain.model import EventKind
from shared.site import SiteConfig
from shared.storage.api import EventView, Store

CALL_KINDS = (EventKind.CALL, EventKind.RECALL)
# Events after which a counter no longer serves its ticket.
ENDING_KINDS = (
    EventKind.FINISH,
    EventKind.NO_SHOW,
    EventKind.RETURN,
    EventKind.TRANSFER,
    EventKind.EXPIRE,
    EventKind.CANCEL,
)


@dataclass(frozen=True)
class CounterState:
    """One row of the counter board."""

    number: int
    name_th: str
    name_en: str
    open: bool
    ticket: str | None


@dataclass(frozen=True)
class ServiceState:
    """People waiting for one service."""

    code: str
    prefix: str
    name_th: str
    name_en: str
    waiting: int


@dataclass(frozen=True)
class CallState:
    """A ticket called to a counter; `event_id` 0 when it came from a snapshot."""

    code: str
    counter: int
    recall: bool = False
    event_id: int = 0


@dataclass(frozen=True)
class Board:
    """Everything on the hall screen except the clock."""

    site: SiteConfig
    counters: tuple[CounterState, ...]
    services: tuple[ServiceState, ...]
    calls: tuple[CallState, ...]  # newest first, one per ticket code
    latest: CallState | None  # the call shown huge
    last_event_id: int

    def counter(self, number: int) -> CounterState | None:
        return next((c for c in self.counters if c.number == number), None)

    def recent(self) -> tuple[CallState, ...]:
        """The calls before the one shown huge, as many as the site file asks for."""
        limit = self.site.display.recent_calls
        latest = self.latest.code if self.latest else None
        return tuple(c for c in self.calls if c.code != latest)[:limit]


def load_board(store: Store) -> Board:
    """Read a whole board (runs on the store worker's thread)."""
    # Read the id first: events committed during the reads below are applied again on
    # top, which is harmless because applying an event is idempotent.
    last_id = store.last_event_id()
    site = store.site()
    status = store.status()
    recent = store.recent_calls(site.display.recent_calls + 1)
    counters = tuple(
        CounterState(
            number=c.number,
            name_th=c.name_th,
            name_en=c.name_en,
            open=c.open,
            ticket=c.current.code if c.current else None,
        )
        for c in status.counters
    )
    services = tuple(
        ServiceState(s.code, s.prefix, s.name_th, s.name_en, s.waiting)
        for s in status.services
    )
    calls = tuple(CallState(t.code, t.counter) for t in recent if t.counter is not None)
    return Board(site, counters, services, calls, calls[0] if calls else None, last_id)


def _set_counter(board: Board, number: int | None, **changes: object) -> Board:
    counters = tuple(
        replace(c, **changes) if c.number == number else c  # type: ignore[arg-type]
        for c in board.counters
    )
    return replace(board, counters=counters)


def feed_start_id(store: Store, since: datetime, lookback: int = 200) -> int:
    """The id to start the feed after so that events committed at or after `since` are
    delivered (looking at most `lookback` events back: a busy hall's last seconds)."""
    last = store.last_event_id()
    recent = store.changes(max(0, last - lookback), lookback)
    first_new = next((e for e in recent if e.at >= since), None)
    return last if first_new is None else first_new.id - 1


def calls_in(events: Iterable[EventView], after_id: int) -> list[CallState]:
    """The calls and recalls among `events` with an id above `after_id`, oldest first.

    Calls are taken from the feed on their own, not from what `apply_events` applies:
    a snapshot read after a commit but before the feed delivered it already holds that
    state, yet the call must still be flashed and announced when its event arrives."""
    return [
        CallState(e.ticket, e.counter, e.kind == EventKind.RECALL, e.id)
        for e in events
        if e.kind in CALL_KINDS and e.ticket and e.counter is not None and e.id > after_id
    ]


def with_latest(board: Board, calls: list[CallState]) -> Board:
    """The newest of `calls` becomes the big number unless the board has a newer one."""
    if not calls:
        return board
    newest = calls[-1]
    if board.latest is not None and board.latest.event_id >= newest.event_id:
        return board
    rest = tuple(c for c in board.calls if c.code != newest.code)
    keep = board.site.display.recent_calls + 1
    return replace(board, latest=newest, calls=(newest, *rest)[:keep])


def apply_events(board: Board, events: Iterable[EventView]) -> tuple[Board, list[CallState]]:
    """The board after `events` (in id order), and the calls among them, oldest first.

    Waiting counts are left to the next snapshot: +1/-1 would not be idempotent."""
    calls: list[CallState] = []
    for event in events:
        if event.id <= board.last_event_id:
            continue
        if event.kind in CALL_KINDS and event.ticket and event.counter is not None:
            call = CallState(event.ticket, event.counter, event.kind == EventKind.RECALL, event.id)
            calls.append(call)
            board = _set_counter(board, event.counter, ticket=event.ticket)
            # A ticket shows once: a recall or a transfer moves it to the top.
            rest = tuple(c for c in board.calls if c.code != call.code)
            keep = board.site.display.recent_calls + 1
            board = replace(board, calls=(call, *rest)[:keep], latest=call)
        elif event.kind in ENDING_KINDS and event.counter is not None:
            current = board.counter(event.counter)
            if current is not None and current.ticket == event.ticket:
                board = _set_counter(board, event.counter, ticket=None)
        elif (
            event.kind in (EventKind.COUNTER_PAUSED, EventKind.COUNTER_OPENED)
            and event.counter is not None
        ):
            board = _set_counter(
                board, event.counter, open=event.kind == EventKind.COUNTER_OPENED
            )
        board = replace(board, last_event_id=event.id)
    return board, calls
