"""The queue's tables, named once for every backend (copying a site, setting ids),
from the shared schema description."""

from __future__ import annotations

from shared.storage.schema_spec import SCHEMA, Kind

# Parents before children (foreign keys): the order a whole site is copied in.
TABLES: tuple[str, ...] = tuple(table.name for table in SCHEMA)
# Tables whose `id` is generated (read in id pages; a server's sequences are set past
# the copied ids).
ID_TABLES: frozenset[str] = frozenset(
    table.name for table in SCHEMA if any(c.kind is Kind.ID for c in table.columns)
)
