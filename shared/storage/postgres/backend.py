"""The PostgreSQL backend: one Khiu database on a server (the `Backend` of
`shared.storage`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from platformdirs import user_data_dir

from shared.clock import Clock
from shared.domain.errors import DatabaseError, KhiuError
from shared.storage.api import Store
from shared.storage.backend import CopyTarget
from shared.storage.database import DriverError
from shared.storage.postgres.url import shown_url


class PostgresBackend:
    """A Khiu database at a `postgresql://` URL."""

    def __init__(self, url: str) -> None:
        self.url = url

    def open_store(self, *, create: bool, clock: Clock) -> Store:
        from shared.storage.postgres import PgStore

        return PgStore.open(self.url, create=create, clock=clock)

    def copy_target(self) -> AbstractContextManager[CopyTarget]:
        return self._copy_target()

    @contextmanager
    def _copy_target(self) -> Iterator[CopyTarget]:
        from shared.storage.postgres.database import PgDatabase

        dest = PgDatabase.open(self.url, create=True)
        try:
            yield dest
        finally:
            dest.close()

    def restore(self, backup: Path, clock: Clock, *, other_site: bool) -> dict[str, int]:
        raise KhiuError(
            f"khiu restore ใช้กับไฟล์ฐานข้อมูล SQLite เท่านั้น {self.shown()} เป็นฐานข้อมูลบน"
            "เซิร์ฟเวอร์ (กู้คืนด้วยเครื่องมือของเซิร์ฟเวอร์)",
            f"khiu restore puts a 'khiu backup' file into a Khiu SQLite file; {self.shown()} "
            "is a server database (restore it with the server's own tools)",
        )

    def explain(self, error: DriverError) -> DatabaseError:
        return DatabaseError(
            f"ใช้ฐานข้อมูล {self.shown()} ไม่ได้ ({error.detail})",
            f"Database {self.shown()} could not be used ({error.detail}).",
        )

    def missing(self) -> bool:
        return False  # a server is unreachable at worst, never "not there"

    def replaced_error(self) -> DatabaseError:
        return DatabaseError(
            f"ฐานข้อมูล {self.shown()} ถูกแทนที่ด้วยฐานข้อมูลอื่น กรุณาเปิดโปรแกรมใหม่",
            f"The database {self.shown()} was replaced by another one; restart the app.",
        )

    def data_folder(self) -> Path:
        return Path(user_data_dir("khiu", appauthor=False))  # no folder beside a server

    def shown(self) -> str:
        return shown_url(self.url)

