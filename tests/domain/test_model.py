"""The ticket state machine: every legal transition, and every illegal one refused."""

from __future__ import annotations

import itertools

import pytest

from shared.domain.errors import InvalidStateError
from shared.domain.model import STATE_NAMES_TH, Action, TicketState, next_state

W, C, D, N, X, E = (
    TicketState.WAITING,
    TicketState.CALLED,
    TicketState.DONE,
    TicketState.NO_SHOW,
    TicketState.CANCELLED,
    TicketState.EXPIRED,
)

LEGAL: dict[tuple[TicketState, Action], TicketState] = {
    (W, Action.CALL): C,
    (C, Action.RECALL): C,
    (C, Action.FINISH): D,
    (C, Action.NO_SHOW): N,
    (C, Action.TRANSFER): W,
    (C, Action.RETURN): W,
    (W, Action.CANCEL): X,
    (W, Action.EXPIRE): E,
    (C, Action.EXPIRE): E,
}

ACTIONS = [a for a in Action if a is not Action.ISSUE]


@pytest.mark.parametrize(("state", "action"), list(LEGAL))
def test_legal_transitions(state: TicketState, action: Action) -> None:
    assert next_state(state, action, "A001") is LEGAL[state, action]


ILLEGAL = [(s, a) for s, a in itertools.product(TicketState, ACTIONS) if (s, a) not in LEGAL]


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transitions_refused(state: TicketState, action: Action) -> None:
    with pytest.raises(InvalidStateError) as info:
        next_state(state, action, "B007")
    assert "B007" in info.value.message_en and state.value in info.value.message_en
    assert STATE_NAMES_TH[state] in info.value.message_th


def test_end_states_accept_nothing() -> None:
    for state in (D, N, X, E):
        for action in ACTIONS:
            with pytest.raises(InvalidStateError):
                next_state(state, action)


def test_every_state_has_a_thai_name() -> None:
    assert set(STATE_NAMES_TH) == set(TicketState)
