"""The announcer's queue policy, with a fake clock."""

from __future__ import annotations

from shared.speech.backlog import Backlog, Form


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(**kwargs: object) -> tuple[Backlog, Clock]:
    clock = Clock()
    return Backlog(clock=clock, **kwargs), clock  # type: ignore[arg-type]


def speak_all(backlog: Backlog, clock: Clock, seconds: float = 8.0) -> list[tuple[str, int, Form]]:
    heard = []
    while (turn := backlog.next()) is not None:
        heard.append((turn.call.code, turn.call.counter, turn.form))
        clock.now += seconds
        backlog.done(seconds)
    return heard


def test_one_call_is_spoken_in_full() -> None:
    backlog, _clock = make()
    backlog.enqueue("A001", 3)
    turn = backlog.next()
    assert turn is not None and turn.call.code == "A001" and turn.form is Form.FULL
    assert backlog.next() is None


def test_never_overlaps() -> None:
    backlog, clock = make()
    backlog.enqueue("A001", 1)
    backlog.enqueue("A002", 2)
    first = backlog.next()
    assert first is not None
    assert backlog.next() is None  # still speaking the first
    clock.now += 5
    assert backlog.next() is None
    backlog.done(5.0)
    second = backlog.next()
    assert second is not None and second.call.code == "A002"


def test_order_is_commit_order() -> None:
    backlog, clock = make(full_limit=10)
    backlog.enqueue("B002", 2, committed_at=clock.now - 1)
    backlog.enqueue("A001", 1, committed_at=clock.now - 2)
    backlog.enqueue("C003", 3, committed_at=clock.now)
    assert [code for code, _, _ in speak_all(backlog, clock, 1.0)] == ["A001", "B002", "C003"]


def test_calls_piling_up_are_shortened() -> None:
    backlog, clock = make()
    for n in range(1, 6):
        backlog.enqueue(f"A00{n}", n)
    heard = speak_all(backlog, clock, 4.0)
    assert [code for code, _, _ in heard] == ["A001", "A002", "A003", "A004", "A005"]
    # Five waiting: short until only two are left, then full again.
    assert [form for _, _, form in heard] == [
        Form.SHORT,
        Form.SHORT,
        Form.SHORT,
        Form.FULL,
        Form.FULL,
    ]


def test_shortened_when_full_would_make_the_last_call_late() -> None:
    backlog, clock = make()
    backlog.enqueue("A001", 1, committed_at=clock.now - 55)
    backlog.enqueue("A002", 2, committed_at=clock.now - 55)
    turn = backlog.next()
    assert turn is not None and turn.form is Form.SHORT


def test_calls_that_cannot_start_within_60s_are_dropped() -> None:
    backlog, clock = make()
    backlog.enqueue("A001", 1, committed_at=clock.now - 61)
    backlog.enqueue("A002", 2, committed_at=clock.now - 59)
    turn = backlog.next()
    assert turn is not None and turn.call.code == "A002"
    assert [c.code for c in backlog.dropped] == ["A001"]


def test_nothing_is_heard_more_than_60s_late_under_a_flood() -> None:
    backlog, clock = make()
    commits: dict[str, float] = {}
    heard_at: dict[str, float] = {}
    for n in range(40):  # 40 counters call within 20 s; each announcement takes 10 s
        code = f"A{n:03d}"
        commits[code] = clock.now
        backlog.enqueue(code, n + 1)
        if n % 2:
            clock.now += 1
            if (turn := backlog.next()) is not None:
                heard_at[turn.call.code] = clock.now
        if backlog.speaking is not None and n % 10 == 9:
            clock.now += 10
            backlog.done(10.0)
    while True:
        turn = backlog.next()
        if turn is None:
            break
        heard_at[turn.call.code] = clock.now
        clock.now += 10
        backlog.done(10.0)
    assert heard_at
    assert all(heard_at[c] - commits[c] <= 60 for c in heard_at)
    assert {c.code for c in backlog.dropped} == set(commits) - set(heard_at)
    assert backlog.dropped  # this flood cannot all be said in time


def test_recall_is_announced_again() -> None:
    backlog, clock = make()
    backlog.enqueue("A001", 3)
    first = backlog.next()
    assert first is not None and not first.call.recall
    backlog.enqueue("A001", 3, recall=True)  # officer presses recall while it is spoken
    clock.now += 8
    backlog.done(8.0)
    again = backlog.next()
    assert again is not None and again.call.code == "A001" and again.call.recall


def test_newer_call_supersedes_unspoken_older_one_for_the_same_counter() -> None:
    backlog, clock = make()
    backlog.enqueue("A001", 9)
    backlog.next()  # speaking A001
    backlog.enqueue("A002", 3)
    backlog.enqueue("B005", 4)
    backlog.enqueue("A003", 3)  # counter 3 called again before A002 was heard
    backlog.done(8.0)
    assert [code for code, _, _ in speak_all(backlog, clock)] == ["B005", "A003"]


def test_recall_before_the_first_call_was_heard_is_a_plain_call() -> None:
    backlog, _clock = make()
    backlog.enqueue("Z001", 1)
    backlog.next()
    backlog.enqueue("A001", 3)
    backlog.enqueue("A001", 3, recall=True)
    backlog.done(5.0)
    turn = backlog.next()
    assert turn is not None and turn.call.code == "A001" and not turn.call.recall


def test_estimates_follow_real_lengths() -> None:
    backlog, _clock = make()
    before = backlog.estimate_s[Form.FULL]
    for n in range(10):
        backlog.enqueue(f"A{n:03d}", 1)
        backlog.next()
        backlog.done(6.0)
    assert backlog.estimate_s[Form.FULL] < before
    assert abs(backlog.estimate_s[Form.FULL] - 6.0) < 0.5
