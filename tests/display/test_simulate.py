"""The demo traffic simulator: calls happen, nothing is refused, the CLI summarises."""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.cli import demo
from shared.cli.context import CliContext
from shared.simulate import Simulator
from shared.storage import parse_location
from shared.storage.sqlite import SqliteStore
from tests.support.backends import location_of, raw
from tests.support.clock import FakeClock


def test_simulated_hour_issues_calls_and_finishes(store: SqliteStore, clock: FakeClock) -> None:
    sim = Simulator(store, random.Random(7))
    sim.seed()
    for second in range(0, 3600, 5):
        clock.advance(seconds=5)
        sim.step(float(second))
    report: dict[str, Any] = sim.report.to_json()
    assert report["errors"] == 0, report["error_messages"]
    assert report["issued"] > 100
    assert report["called"] > 50
    assert report["finished"] > 30
    assert report["recalled"] > 0 and report["priority"] > 0
    kinds = {e.kind for e in store.changes(0, 100_000)}
    assert {"issued", "called", "recalled", "finished"} <= kinds
    # Every counter that is serving in the simulation serves one ticket in the store.
    serving = {c.number for c in store.status().counters if c.current}
    assert serving == {d.number for d in sim.desks if d.stage in ("walking", "recalled", "serving")}


def test_counters_with_a_signed_in_officer_are_left_alone(
    store: SqliteStore, clock: FakeClock
) -> None:
    store.add_officer("somchai", "สมชาย", "1111", "officer")
    raw(location_of(store)).execute(
        "UPDATE counters SET officer_id = (SELECT id FROM officers) WHERE number = 1"
    )
    sim = Simulator(store, random.Random(1))
    assert 1 not in [d.number for d in sim.desks]


def test_khiu_demo_simulate_prints_a_json_summary(db_path: Path) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    demo.register(parser.add_subparsers())
    args = parser.parse_args(
        ["demo", "--simulate", "--rate", "200", "--duration", "1", "--seed", "3", "--json"]
    )
    ctx = CliContext(location=parse_location(db_path), lang="en")
    try:
        summary = args.handler(args, ctx)
    finally:
        ctx.close()
    json.dumps(summary)
    assert summary["called"] > 0 and summary["issued"] > 0
    assert summary["interrupted"] is False
    assert 1 <= summary["duration_s"] < 5


def _at_bangkok(clock: FakeClock, hh: int, mm: int) -> None:
    clock.now = datetime(2026, 11, 24, hh, mm, tzinfo=UTC) - timedelta(hours=7)


def test_at_night_the_simulator_issues_and_calls_only_open_services(
    store: SqliteStore, clock: FakeClock
) -> None:
    _at_bangkok(clock, 22, 45)  # the demo's flu vaccination is open 10:00–16:00
    sim = Simulator(store, random.Random(5))
    sim.seed()
    for second in range(0, 3600, 5):
        clock.advance(seconds=5)
        sim.step(float(second))
    report: dict[str, Any] = sim.report.to_json()
    assert report["errors"] == 0, report["error_messages"]
    assert report["issued"] > 50 and report["called"] > 20
    services = {e.service for e in store.changes(0, 100_000) if e.kind in ("issued", "called")}
    assert "FLU" not in services and "HC" in services


def test_the_simulator_logs_in_site_time(
    db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    _at_bangkok(clock, 22, 45)  # 15:45 UTC
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    demo.register(parser.add_subparsers())
    args = parser.parse_args(["demo", "--simulate", "--rate", "100", "--duration", "2"])
    ctx = CliContext(location=parse_location(db_path), lang="en", clock=clock)
    try:
        args.handler(args, ctx)
    finally:
        ctx.close()
    lines = capsys.readouterr().out.splitlines()[1:]  # after the "simulating at" line
    assert lines and all(line.startswith("22:45:") for line in lines), lines
