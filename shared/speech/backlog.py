"""Which call the hall hears next, and how: full, shortened, or dropped from voice (pure).

Rules, in the order they apply:
- one announcement at a time: nothing is handed out while one is being spoken;
- a newer call for a counter supersedes an older one for it that was not spoken yet;
- a call that could not start within `max_delay_s` of its commit is dropped from voice
  (the screen still shows it), so nothing is heard more than a minute late;
- calls are spoken in commit order; the full form (Thai + English) while the queue is
  short, the short Thai-only form when calls pile up or speaking in full would make a
  later call miss its deadline;
- a recall is a new call: it is announced again even if the first call was heard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Form(Enum):
    """How much of an announcement is spoken."""

    FULL = "full"  # chime, Thai, English
    SHORT = "short"  # chime, short Thai only


@dataclass(frozen=True)
class Call:
    """A ticket called (or recalled) to a counter, committed at `committed_at` (clock seconds)."""

    code: str
    counter: int
    recall: bool
    committed_at: float


@dataclass(frozen=True)
class Turn:
    """The next thing to speak: a call and the form to speak it in."""

    call: Call
    form: Form


@dataclass
class Backlog:
    """The announcer's queue policy; `clock` returns seconds on the same scale as commits."""

    clock: Callable[[], float] = time.time
    max_delay_s: float = 60.0
    # Up to this many calls waiting (the next one included) are spoken in full.
    full_limit: int = 2
    # Starting estimates, replaced by a running average of real lengths (see done()).
    estimate_s: dict[Form, float] = field(
        default_factory=lambda: {Form.FULL: 12.0, Form.SHORT: 5.0}
    )
    pending: list[Call] = field(default_factory=list)
    speaking: Turn | None = None
    dropped: list[Call] = field(default_factory=list)  # for the log; never re-queued

    def enqueue(
        self, code: str, counter: int, *, recall: bool = False, committed_at: float | None = None
    ) -> Call:
        """Queue a call; drops any unspoken older call for the same counter."""
        superseded = [p for p in self.pending if p.counter == counter]
        if recall and any(p.code == code and not p.recall for p in superseded):
            # Recalled before the first call was even heard: "again" would puzzle people.
            recall = False
        call = Call(code, counter, recall, self.clock() if committed_at is None else committed_at)
        # A counter serves one ticket at a time: only its latest call is worth hearing.
        self.pending = [p for p in self.pending if p.counter != counter]
        self.pending.append(call)
        self.pending.sort(key=lambda p: p.committed_at)
        return call

    def next(self) -> Turn | None:
        """The turn to speak now, or None when one is being spoken or nothing waits."""
        if self.speaking is not None:
            return None
        now = self.clock()
        while self.pending and now - self.pending[0].committed_at > self.max_delay_s:
            self.dropped.append(self.pending.pop(0))
        if not self.pending:
            return None
        call = self.pending.pop(0)
        turn = Turn(call, self._form_for(now))
        self.speaking = turn
        return turn

    def _form_for(self, now: float) -> Form:
        # self.pending is what waits after the call being handed out.
        if len(self.pending) + 1 > self.full_limit:
            return Form.SHORT
        # Would speaking this one in full (and the rest short) make the last one late?
        if self.pending:
            start_of_last = (
                now
                + self.estimate_s[Form.FULL]
                + self.estimate_s[Form.SHORT] * (len(self.pending) - 1)
            )
            if start_of_last - self.pending[-1].committed_at > self.max_delay_s:
                return Form.SHORT
        return Form.FULL

    def done(self, spoken_s: float | None = None) -> None:
        """The current turn ended (spoken, failed or skipped); `spoken_s` is its real length."""
        if self.speaking is not None and spoken_s is not None and spoken_s > 0:
            form = self.speaking.form
            # Smooth over voices and numbers of different lengths.
            self.estimate_s[form] = 0.7 * self.estimate_s[form] + 0.3 * spoken_s
        self.speaking = None

