"""Reloading the site file mid-day respects today's history: a ticket letter
used today by another service is refused (the new service could never issue: "Ticket
B001 already exists today"), and a service or counter with live tickets is not taken
away (its tickets would be stranded). Real files, through the command line."""

from __future__ import annotations

from pathlib import Path

from shared.storage import open_store
from tests.support.cli import khiu_process
from tests.support.small_site import SMALL_SITE

BASE = SMALL_SITE.format(fairness=3)


def _site(tmp_path: Path, text: str, name: str = "site2.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _refused(db: Path, site: Path, *needles: str) -> None:
    run = khiu_process(db, "init", "--site", str(site))
    assert run.code == 2 and "Traceback" not in run.err
    assert len(run.err.strip().splitlines()) == 1
    for needle in needles:
        assert needle in run.err, run.err
    th = khiu_process(db, "init", "--site", str(site), lang="th_TH.UTF-8")
    assert th.code == 2 and "กรุณา" in th.err


def test_a_letter_used_today_by_another_service_is_refused(small_db: Path, tmp_path: Path) -> None:
    store = open_store(small_db)
    store.issue("SSO")  # B001, served and done: only the letter's history is left
    store.call_next(3)
    store.finish(3)
    store.close()
    # SSO leaves, a new service PP takes its letter B.
    text = BASE.replace('code = "SSO"', 'code = "PP"').replace('services = ["SSO"]', 'services = ["PP"]')
    text = text.replace('services = ["DL", "SSO"]', 'services = ["DL", "PP"]')
    _refused(small_db, _site(tmp_path, text), "letter B was already used today by SSO", "PP")
    # Swapping the two letters is refused too.
    swapped = BASE.replace('prefix = "A"', 'prefix = "X"').replace('prefix = "B"', 'prefix = "A"')
    swapped = swapped.replace('prefix = "X"', 'prefix = "B"')
    _refused(small_db, _site(tmp_path, swapped, "swap.toml"), "letter B was already used today by SSO")
    # Nothing changed: SSO still issues B002 and DL A001.
    store = open_store(small_db)
    assert store.issue("SSO").code == "B002"
    assert store.issue("DL").code == "A001"
    store.close()


def test_a_new_letter_for_a_new_service_is_fine(small_db: Path, tmp_path: Path) -> None:
    store = open_store(small_db)
    store.issue("SSO")
    store.close()
    text = BASE + '\n[[services]]\ncode = "PP"\nprefix = "C"\nname_th = "พีพี"\nname_en = "PP"\n'
    text = text.replace('services = ["SSO"]', 'services = ["SSO", "PP"]')
    run = khiu_process(small_db, "init", "--site", str(_site(tmp_path, text)))
    assert run.code == 0, run.err
    assert khiu_process(small_db, "issue", "PP").value["code"] == "C001"


def test_removing_a_service_with_waiting_tickets_is_refused(small_db: Path, tmp_path: Path) -> None:
    store = open_store(small_db)
    codes = [store.issue("SSO").code for _ in range(2)]
    store.close()
    text = BASE.replace('code = "SSO"', 'code = "SSO"\nactive = false')
    _refused(small_db, _site(tmp_path, text), "Service SSO is no longer in the file",
             ", ".join(codes), "khiu cancel")
    status = khiu_process(small_db, "status").value
    assert {s["code"]: s["waiting"] for s in status["services"]}["SSO"] == 2


def test_a_service_no_counter_serves_any_more_is_refused_while_tickets_wait(
    small_db: Path, tmp_path: Path
) -> None:
    store = open_store(small_db)
    store.issue("SSO")
    store.close()
    text = BASE.replace('services = ["DL", "SSO"]', 'services = ["DL"]').replace(
        'services = ["SSO"]', 'services = ["DL"]'
    )
    _refused(small_db, _site(tmp_path, text), "Service SSO", "no counter serves it")


def test_removing_a_counter_that_serves_a_ticket_is_refused(small_db: Path, tmp_path: Path) -> None:
    store = open_store(small_db)
    store.issue("SSO")
    store.call_next(3)
    store.close()
    text = BASE.replace('[[counters]]\nnumber = 3\nservices = ["SSO"]\n', "")
    assert "number = 3" not in text
    _refused(small_db, _site(tmp_path, text), "Counter 3 is not in the file", "B001", "khiu finish 3")
    assert khiu_process(small_db, "finish", "3").value["state"] == "done"
    run = khiu_process(small_db, "init", "--site", str(_site(tmp_path, text)))
    assert run.code == 0, run.err  # nothing live any more: the counter may go
