"""`tickets_by_tokens` (one read for every page a change woke) gives exactly the views
`ticket_by_token` gives one by one, whatever mix of queues and states."""

from __future__ import annotations

import random

from shared.storage.sqlite import SqliteStore
from tests.support.clock import FakeClock


def test_bulk_views_equal_single_views(store: SqliteStore, clock: FakeClock) -> None:
    rng = random.Random(11)
    tokens = []
    for i in range(60):
        ticket = store.issue(rng.choice(["DL", "SSO", "FLU"]), priority=rng.random() < 0.2)
        tokens.append(ticket.token)
        clock.advance(seconds=rng.choice([0, 0, 5]))  # some share an issue time
        if i % 7 == 3:
            store.call_next(rng.choice([1, 2, 3]))
        if i % 11 == 5 and store.current_ticket(2):
            store.finish(2)
        if i % 13 == 6 and store.current_ticket(3):
            store.transfer(3, "DL")
    if store.current_ticket(1):
        store.finish(1)
    store.call_next(1)  # one being served
    tokens += ["Q" * 24]  # unknown: left out
    bulk = store.tickets_by_tokens(tokens)
    assert set(bulk) == set(tokens[:-1])
    for token in tokens[:-1]:
        assert bulk[token] == store.ticket_by_token(token), token
    states = {v.state.value for v in bulk.values()}
    assert {"waiting", "called", "done"} <= states
    assert any(v.priority and v.position is not None for v in bulk.values())
