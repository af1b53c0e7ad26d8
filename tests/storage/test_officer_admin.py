"""The site manager's changes to officers, in storage and through `khiu officer
disable | enable | pin`: a disabled officer cannot sign in, the last active admin
stays, each change is one event naming who made it."""

from __future__ import annotations

import getpass
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from shared.domain.errors import AuthError, InvalidStateError, NotFoundError
from shared.storage import open_store
from shared.storage.api import Store
from tests.support.cli import ROOT, khiu, khiu_process
from tests.support.pg import SUPERUSER, PgServer


@pytest.fixture
def staffed(q: Store) -> Store:
    q.add_officer("boss", "หัวหน้า", "9999", "admin")
    q.add_officer("somchai", "สมชาย ใจดี", "1111")
    return q


def _saved(store: Store) -> list[dict[str, object]]:
    return [
        {"officer": e.officer, **e.data}
        for e in store.changes(0)
        if e.kind == "officer_saved" and "change" in e.data
    ]


def test_a_disabled_officer_cannot_sign_in_and_is_let_go(staffed: Store) -> None:
    staffed.sign_in(1, "somchai", "1111")
    officer = staffed.disable_officer("somchai", by="boss")
    assert not officer.active
    with pytest.raises(AuthError, match="Unknown officer or wrong PIN"):
        staffed.sign_in(1, "somchai", "1111")
    assert staffed.status().counter(1).officer is None  # type: ignore[union-attr]
    assert [e.kind for e in staffed.changes(0)][-2:] == ["officer_logout", "officer_saved"]
    assert staffed.enable_officer("somchai", by="boss").active
    assert staffed.sign_in(1, "somchai", "1111").login == "somchai"
    assert _saved(staffed) == [
        {"officer": "somchai", "change": "disabled", "by": "boss", "role": "officer",
         "active": False},
        {"officer": "somchai", "change": "enabled", "by": "boss", "role": "officer",
         "active": True},
    ]


def test_the_last_active_admin_cannot_be_disabled_or_demoted(staffed: Store) -> None:
    for change in (
        lambda: staffed.disable_officer("boss", by="boss"),
        lambda: staffed.set_officer_role("boss", "officer", by="boss"),
    ):
        with pytest.raises(InvalidStateError) as refused:
            change()
        assert "last active admin" in refused.value.message_en
        assert refused.value.message_th.startswith("boss เป็นผู้ดูแลระบบคนสุดท้าย")
    staffed.set_officer_role("somchai", "admin", by="boss")
    assert not staffed.disable_officer("boss", by="somchai").active
    with pytest.raises(InvalidStateError):
        staffed.disable_officer("somchai", by="somchai")
    assert _saved(staffed)[-1] == {
        "officer": "boss", "change": "disabled", "by": "somchai", "role": "admin",
        "active": False,
    }


def test_a_new_pin_replaces_the_old_and_lifts_a_lockout(staffed: Store) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            staffed.authenticate("somchai", "0000")
    with pytest.raises(AuthError):
        staffed.set_officer_pin("somchai", "12", by="boss")  # too short: nothing changes
    staffed.set_officer_pin("somchai", "4321", by="boss")
    assert staffed.authenticate("somchai", "4321").login == "somchai"
    with pytest.raises(AuthError):
        staffed.authenticate("somchai", "1111")
    with pytest.raises(NotFoundError, match="Unknown officer 'nobody'"):
        staffed.set_officer_pin("nobody", "4321", by="boss")
    with pytest.raises(InvalidStateError):
        staffed.set_officer_role("somchai", "root", by="boss")


def test_officer_commands(
    staffed: Store, small_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = khiu(capsys, small_db, "officer", "disable", "somchai")
    assert run.code == 0
    assert run.value == {"login": "somchai", "name": "สมชาย ใจดี", "role": "officer",
                         "active": False}
    assert khiu(capsys, small_db, "officer", "enable", "somchai").value["active"] is True
    assert khiu(capsys, small_db, "officer", "pin", "somchai", "--pin", "5555").code == 0
    assert staffed.authenticate("somchai", "5555").login == "somchai"
    refused = khiu(capsys, small_db, "officer", "disable", "boss")
    assert refused.code == 2 and refused.out == "" and "last active admin" in refused.err
    assert [e["by"] for e in _saved(staffed)] == ["cli:" + getpass.getuser()] * 3


def test_an_unknown_login_is_one_line_in_thai_first(staffed: Store, small_db: Path) -> None:
    unknown = khiu_process(small_db, "officer", "pin", "nobody", "--pin", "1234", lang="th_TH.UTF-8")
    assert unknown.code == 2 and "Traceback" not in unknown.err
    assert unknown.err.strip() == "khiu: ไม่มีเจ้าหน้าที่รหัส 'nobody' (ที่มี: boss, somchai)"


def test_a_counter_left_by_a_crashed_pc_is_signed_out_by_the_admin(staffed: Store) -> None:
    staffed.sign_in(2, "somchai", "1111")
    staffed.release_counter(2, by="boss")
    assert staffed.status().counter(2).officer is None  # type: ignore[union-attr]
    last = staffed.changes(0)[-1]
    assert (last.kind, last.officer, last.counter, last.data) == (
        "officer_logout", "somchai", 2, {"by": "boss"}
    )
    staffed.release_counter(2, by="boss")  # nobody there: nothing happens
    assert staffed.changes(0)[-1].id == last.id
    assert staffed.sign_in(2, "boss", "9999").login == "boss"


def test_whoever_opens_the_file_or_owns_the_database_may_manage_the_site(staffed: Store) -> None:
    assert staffed.site_manager() is None


def test_the_apps_role_on_postgresql_may_not(pg_url: str, pg_server: PgServer) -> None:
    open_store(pg_url, create=True).close()
    name = pg_url.rsplit("/", 1)[1]
    pg_server.create_role("khiu_app_t", "app-pass")
    with pg_server.admin(name) as conn:
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO khiu_app_t")
    app = open_store(pg_server.url(name, "khiu_app_t", "app-pass"))
    try:
        assert app.site_manager() == SUPERUSER  # the owner: khiu_admin on a real site
    finally:
        app.close()


def test_adding_the_last_admin_again_as_an_officer_is_refused(staffed: Store) -> None:
    with pytest.raises(InvalidStateError, match="last active admin"):
        staffed.add_officer("boss", "หัวหน้า", "9999", "officer", by="boss")
    assert next(o for o in staffed.officers() if o.login == "boss").role == "admin"
    staffed.add_officer("somchai", "สมชาย ใจดี", "1111", "admin", by="boss")
    assert staffed.add_officer("boss", "หัวหน้า", "9999", "officer", by="somchai").role == "officer"


def test_pin_is_asked_for_twice_on_a_terminal(staffed: Store, small_db: Path) -> None:
    pty = pytest.importorskip("pty", reason="a pseudo-terminal is POSIX")
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "--db", str(small_db), "--json",
         "officer", "pin", "somchai"],
        stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
    )
    os.close(terminal)
    try:
        assert process.stderr is not None
        for prompt in (b"PIN: ", b"PIN again: "):
            _wait_for(process.stderr.fileno(), prompt)
            os.write(main, b"4321\n")
        out, err = process.communicate(timeout=60)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert json.loads(out)["login"] == "somchai"
    assert staffed.authenticate("somchai", "4321").login == "somchai"


def _wait_for(fd: int, prompt: bytes) -> None:
    """Read the program's stderr up to `prompt` (getpass asks there without a tty)."""
    seen = b""
    while not seen.endswith(prompt):
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"no prompt {prompt!r}; so far {seen!r}"
        chunk = os.read(fd, 1)
        assert chunk, f"the program ended before {prompt!r}; so far {seen!r}"
        seen += chunk
