"""The SQLite backend: one Khiu file on a local disk (the `Backend` of `shared.storage`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from shared.clock import Clock
from shared.domain.errors import DatabaseError
from shared.storage.api import Store
from shared.storage.backend import CopyTarget
from shared.storage.database import DriverError
from shared.storage.sqlite.diagnose import explain_detail
from shared.storage.sqlite.identity import file_identity, replaced_error


class SqliteBackend:
    """A Khiu SQLite file at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def open_store(self, *, create: bool, clock: Clock) -> Store:
        from shared.storage.sqlite import SqliteStore

        return SqliteStore.open(self.path, create=create, clock=clock)

    def copy_target(self) -> AbstractContextManager[CopyTarget]:
        return self._new_copy()

    @contextmanager
    def _new_copy(self) -> Iterator[CopyTarget]:
        from shared.storage.sqlite.database import SqliteDatabase

        if self.path.is_dir():
            raise DatabaseError(
                f"ปลายทาง {self.path} เป็นโฟลเดอร์ ปลายทางของ khiu copy ต้องเป็นชื่อไฟล์ใหม่ "
                f"เช่น {self.path / 'khiu.db'} หรือ URL ของฐานข้อมูลว่าง (postgresql://…) "
                "ไม่ได้คัดลอกข้อมูลใด ๆ",
                f"The destination {self.path} is a folder; DEST of khiu copy must be a file "
                f"path, e.g. {self.path / 'khiu.db'}, or the URL of an empty database "
                "(postgresql://…). Nothing was copied.",
            )
        new_file = not self.path.exists()
        dest = SqliteDatabase.open(self.path, create=True)
        try:
            yield dest
        except BaseException:
            dest.close()
            if new_file:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            raise
        dest.close()

    def restore(self, backup: Path, clock: Clock, *, other_site: bool) -> dict[str, int]:
        from shared.storage.sqlite.restore import restore

        return restore(self.path, backup, clock, other_site=other_site)

    def explain(self, error: DriverError) -> DatabaseError:
        return explain_detail(error.detail, error.code, self.path)

    def missing(self) -> bool:
        return file_identity(self.path) is None

    def replaced_error(self) -> DatabaseError:
        return replaced_error(self.path, file_identity(self.path))

    def data_folder(self) -> Path:
        return self.path.parent  # beside the file

    def shown(self) -> str:
        return str(self.path)

