"""Shared fixtures: real databases (SQLite files in temporary folders, and databases on a
PostgreSQL server the session starts), the demo site, a fake clock.

ONE backend parameter: every test that uses a database fixture (`db_path`, `store`,
`small_db`, `q`, `new_location`, …) runs on both SQLite and PostgreSQL. A test about
SQLite files themselves is marked `sqlite_only`. KHIU_TEST_BACKENDS=sqlite (or
postgres) narrows a quick local run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from xdist.remote import Producer
from xdist.scheduler.protocol import Scheduling

from shared.paths import DEMO_SITE_FILE
from shared.site import load_site_file
from shared.storage import open_store
from shared.storage.api import Store
from tests.support.backends import Location
from tests.support.clock import FakeClock
from tests.support.pcsc import PcscService, start_service
from tests.support.pg import PgServer, start_server
from tests.support.small_site import make_db
from tests.support.xdist_groups import GroupedScheduling, check_groups

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A server database keeps its local files (the kiosk's spool) in the user data folder:
# during tests that is a temporary folder, never the real home.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="khiu-test-data-")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


BACKENDS = ("sqlite", "postgres")


def chosen_backends() -> list[str]:
    """The backends this run tests: all, or those KHIU_TEST_BACKENDS names."""
    chosen = os.environ.get("KHIU_TEST_BACKENDS", ",".join(BACKENDS)).split(",")
    return [b for b in BACKENDS if b in chosen]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    backends = chosen_backends()
    if metafunc.definition.get_closest_marker("sqlite_only"):
        backends = ["sqlite"]
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.hookimpl(tryfirst=True)  # marked before `-m` selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The machine has one pcscd: a test that inserts a card in its virtual reader must
    # run while no other test's kiosk watches the readers (`make test` runs these alone).
    for item in items:
        if isinstance(item, pytest.Function) and "pcsc" in item.fixturenames:
            item.add_marker(pytest.mark.card_reader)
    check_groups(items)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: `make test` runs 4 workers
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> Scheduling | None:
    if config.getvalue("dist") != "load":  # the default of -n; another --dist was asked for
        return None
    return GroupedScheduling(config, log)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgres": which database the test runs on."""
    return str(request.param)


@pytest.fixture
def new_location(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], Location]]:
    """Makes fresh, empty database locations: a file in tmp_path, or a new database on
    the session's PostgreSQL server (dropped at the end of the test)."""
    server: PgServer | None = (
        request.getfixturevalue("pg_server") if backend == "postgres" else None
    )
    made: list[str] = []

    def make(name: str = "khiu.db") -> Location:
        if server is None:
            return tmp_path / name
        url = server.create_database()
        made.append(url)
        return url

    yield make
    if server is not None:
        for url in made:
            server.drop_database(url)


@pytest.fixture
def db_path(new_location: Callable[[str], Location]) -> Location:
    """A database initialised with the demo site (no officers): a file or a URL."""
    location = new_location("khiu.db")
    store = open_store(location, create=True)
    store.load_site(load_site_file(DEMO_SITE_FILE))
    store.close()
    return location


@pytest.fixture
def store(db_path: Location, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(db_path, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def small_db(tmp_path: Path, new_location: Callable[[str], Location]) -> Location:
    """The small site (tests/support/small_site.py) on the test's backend (a file path
    or a URL)."""
    return make_db(tmp_path, at=new_location("khiu.db"))


@pytest.fixture
def q(small_db: Location, clock: FakeClock) -> Iterator[Store]:
    """The store of the small site (fairness 3), clock at 2026-11-24 10:00 Bangkok."""
    opened = open_store(small_db, clock=clock)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the whole session (started on first use); the
    PostgreSQL-only tests that use it skip when KHIU_TEST_BACKENDS leaves it out."""
    if "postgres" not in chosen_backends():
        pytest.skip("KHIU_TEST_BACKENDS leaves out postgres")
    server = start_server()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def pcsc() -> Iterator[PcscService]:
    """pcscd with a virtual card reader for the whole session (started on first use,
    stopped at the end); skips when it cannot run here (not root and no pcscd)."""
    service = start_service()
    if isinstance(service, str):
        pytest.skip(service)
    yield service
    service.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty database on the session's server."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)
