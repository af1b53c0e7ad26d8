"""Each location kind has its backend (`backend_for`, the one table), and each backend
answers what differs per database: whether the database is there, where its files
go, how its location is shown, what its feed cursor says after a reset, and whether it
can take a `khiu restore`. Real files and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest
from platformdirs import user_data_dir

from shared.clock import utc_now
from shared.domain.errors import KhiuError
from shared.storage import backend_at, open_store, parse_location
from shared.storage.database import DriverError
from tests.support.backends import Location


def test_a_new_database_is_there_and_shown(db_path: Location, backend: str) -> None:
    found = backend_at(db_path)
    assert not found.missing()
    if backend == "sqlite":
        assert found.shown() == str(db_path)
        assert found.data_folder() == Path(db_path).parent
    else:
        assert found.shown().startswith("postgresql://")
        assert found.data_folder() == Path(user_data_dir("khiu", appauthor=False))


def test_a_fresh_feed_cursor_has_not_started_again(db_path: Location) -> None:
    store = open_store(db_path)
    cursor = store.open_feed()
    try:
        store.issue("DL")
        cursor.poll()
        assert cursor.take_reset() is None
    finally:
        cursor.close()
        store.close()


def test_a_deleted_file_is_missing_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "khiu.db"
    open_store(path, create=True).close()
    found = backend_at(path)
    assert not found.missing()
    path.unlink()
    assert found.missing()
    assert "was removed or moved away" in found.replaced_error().message_en


def test_a_server_database_refuses_a_restore_and_names_itself_without_its_password(
    tmp_path: Path,
) -> None:
    url = "postgresql://khiu:s3cret@db.example:5432/khiu"
    server = backend_at(parse_location(url))
    assert not server.missing()  # a server is unreachable at worst, never "not there"
    with pytest.raises(KhiuError, match="server database") as refused:
        server.restore(tmp_path / "backup.db", utc_now, other_site=False)
    assert "s3cret" not in refused.value.message_en
    assert "s3cret" not in server.explain(DriverError("the server closed")).message_en
    assert "the server closed" in server.explain(DriverError("the server closed")).message_en
