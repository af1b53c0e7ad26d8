"""Pure queue rules: which ticket a counter calls next and the call order (wait
estimates replay them: shared/domain/estimate.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Choice:
    """Which queue to take from, and the counter's priority streak afterwards."""

    take_priority: bool
    streak_after: int


def choose_next(
    has_priority: bool, has_normal: bool, priority_streak: int, fairness: int
) -> Choice | None:
    """Priority tickets first, but after `fairness` priority calls in a row a waiting
    normal ticket gets its turn, so the normal queue is never starved.
    `fairness` 0 turns the rule off (priority always first). "Priority" here is the
    ahead line: priority tickets and booked tickets from their slot's start (one line,
    one streak; storage/lines.py)."""
    if not has_priority and not has_normal:
        return None
    normal_is_due = fairness > 0 and priority_streak >= fairness
    if has_priority and not (has_normal and normal_is_due):
        return Choice(take_priority=True, streak_after=priority_streak + 1)
    return Choice(take_priority=False, streak_after=0)


def call_order(
    priority: Sequence[T], normal: Sequence[T], priority_streak: int, fairness: int, limit: int
) -> list[T]:
    """The next `limit` tickets in the order a counter would call them (applies choose_next)."""
    order: list[T] = []
    p = n = 0
    streak = priority_streak
    while len(order) < limit:
        choice = choose_next(p < len(priority), n < len(normal), streak, fairness)
        if choice is None:
            break
        if choice.take_priority:
            order.append(priority[p])
            p += 1
        else:
            order.append(normal[n])
            n += 1
        streak = choice.streak_after
    return order
