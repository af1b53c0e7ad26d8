"""Pure queue rules: choose_next and call_order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.rules import Choice, call_order, choose_next


def test_nothing_waiting_gives_none() -> None:
    assert choose_next(False, False, 0, 3) is None
    assert choose_next(False, False, 7, 0) is None


@pytest.mark.parametrize(
    ("has_priority", "has_normal", "streak", "fairness", "expected"),
    [
        (True, True, 0, 3, Choice(True, 1)),
        (True, True, 2, 3, Choice(True, 3)),
        (True, True, 3, 3, Choice(False, 0)),  # the normal ticket's turn
        (True, True, 5, 3, Choice(False, 0)),
        (True, False, 3, 3, Choice(True, 4)),  # no normal waits: priority goes on
        (False, True, 2, 3, Choice(False, 0)),
        (True, True, 50, 0, Choice(True, 51)),  # 0 disables the rule
        (True, True, 1, 1, Choice(False, 0)),
        (True, True, 0, 1, Choice(True, 1)),
    ],
)
def test_choose_next_table(
    has_priority: bool, has_normal: bool, streak: int, fairness: int, expected: Choice
) -> None:
    assert choose_next(has_priority, has_normal, streak, fairness) == expected


def test_call_order_fairness_three() -> None:
    priority = [f"P{i}" for i in range(7)]
    normal = [f"N{i}" for i in range(3)]
    assert call_order(priority, normal, 0, 3, 20) == [
        "P0", "P1", "P2", "N0", "P3", "P4", "P5", "N1", "P6", "N2",
    ]  # fmt: skip


def test_call_order_respects_starting_streak_and_limit() -> None:
    assert call_order(["P0", "P1"], ["N0"], 2, 3, 2) == ["P0", "N0"]
    assert call_order(["P0"], ["N0"], 3, 3, 1) == ["N0"]
    assert call_order(["P0"], ["N0"], 0, 3, 0) == []


def test_call_order_fairness_off_is_all_priority_first() -> None:
    assert call_order(["P0", "P1", "P2", "P3"], ["N0"], 9, 0, 9) == ["P0", "P1", "P2", "P3", "N0"]


@given(
    p=st.integers(0, 12),
    n=st.integers(0, 12),
    streak=st.integers(0, 6),
    fairness=st.integers(0, 5),
)
def test_call_order_properties(p: int, n: int, streak: int, fairness: int) -> None:
    priority = [("P", i) for i in range(p)]
    normal = [("N", i) for i in range(n)]
    order = call_order(priority, normal, streak, fairness, p + n + 5)
    # Every ticket exactly once, each queue in its own order.
    assert sorted(order) == sorted(priority + normal)
    assert [t for t in order if t[0] == "P"] == priority
    assert [t for t in order if t[0] == "N"] == normal
    # A priority call while a normal ticket waits only before `fairness` in a row.
    run, normals_left = streak, n
    for kind, _ in order:
        if kind == "P":
            if fairness and normals_left:
                assert run < fairness
            run += 1
        else:
            run, normals_left = 0, normals_left - 1
