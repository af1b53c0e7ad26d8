"""Loading a site file into the database: settings, services, counters."""

from __future__ import annotations

import json
from collections.abc import Callable

from shared.clock import business_date, to_db
from shared.domain.model import EventKind
from shared.site import SiteConfig
from shared.storage.core import QueueCore
from shared.storage.database import Tx
from shared.storage.reload_checks import check_reload

_UPSERT_SERVICE = """INSERT INTO services (code, prefix, name_th, name_en, agency_th, agency_en,
        documents_th, documents_en, processing_minutes, fee_th, fee_en,
        where_th, where_en, hours, active, display_order)
      VALUES (:code, :prefix, :name_th, :name_en, :agency_th, :agency_en,
        :documents_th, :documents_en, :processing_minutes, :fee_th, :fee_en,
        :where_th, :where_en, :hours, :active, :display_order)
      ON CONFLICT (code) DO UPDATE SET prefix = excluded.prefix,
        name_th = excluded.name_th, name_en = excluded.name_en,
        agency_th = excluded.agency_th, agency_en = excluded.agency_en,
        documents_th = excluded.documents_th,
        documents_en = excluded.documents_en,
        processing_minutes = excluded.processing_minutes,
        fee_th = excluded.fee_th, fee_en = excluded.fee_en,
        where_th = excluded.where_th, where_en = excluded.where_en,
        hours = excluded.hours, active = excluded.active,
        display_order = excluded.display_order"""


class SiteOps(QueueCore):
    """`load_site` (a site file) and `change_site` (the admin pages)."""

    def load_site(self, site: SiteConfig, *, by: str | None = None) -> None:
        """Store the site file; upsert services and counters (history keeps old ones).
        `by`: the admin who changed the site from the counter app, named in the event."""
        self._store_site(lambda tx: site, by)

    def change_site(self, edit: Callable[[SiteConfig], SiteConfig], *, by: str) -> SiteConfig:
        """Apply `edit` to the site as stored now and store the result, in one
        transaction: two admins saving at once do not undo each other's change."""
        return self._store_site(
            lambda tx: edit(
                self._parsed_site(tx.scalar("SELECT value FROM settings WHERE key = 'site'"))
            ),
            by,
        )

    def _store_site(self, new_site: Callable[[Tx], SiteConfig], by: str | None) -> SiteConfig:
        moment = self.clock()
        now = to_db(moment)
        with self.db.write() as tx:
            site = new_site(tx)
            check_reload(tx, site, business_date(moment, site.tz))
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('site', :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"value": json.dumps(site.raw, ensure_ascii=False)},
            )
            tx.execute("UPDATE services SET active = 0")
            for order, svc in enumerate(site.services):
                tx.execute(
                    _UPSERT_SERVICE,
                    {
                        "code": svc.code,
                        "prefix": svc.prefix,
                        "name_th": svc.name_th,
                        "name_en": svc.name_en,
                        "agency_th": svc.agency_th,
                        "agency_en": svc.agency_en,
                        "documents_th": json.dumps(svc.documents_th, ensure_ascii=False),
                        "documents_en": json.dumps(svc.documents_en, ensure_ascii=False),
                        "processing_minutes": svc.processing_minutes,
                        "fee_th": svc.fee_th,
                        "fee_en": svc.fee_en,
                        "where_th": svc.where_th,
                        "where_en": svc.where_en,
                        "hours": json.dumps(
                            [
                                {"days": h.days, "open": h.opens, "close": h.closes}
                                for h in svc.hours
                            ]
                        ),
                        "active": int(svc.active),
                        "display_order": order,
                    },
                )
            tx.execute("UPDATE counters SET active = 0")
            for counter in site.counters:
                counter_id = tx.scalar(
                    """INSERT INTO counters (number, name_th, name_en, active)
                       VALUES (:number, :name_th, :name_en, 1)
                       ON CONFLICT (number) DO UPDATE SET name_th = excluded.name_th,
                         name_en = excluded.name_en, active = 1
                       RETURNING id""",
                    {"number": counter.number, "name_th": counter.name_th,
                     "name_en": counter.name_en},
                )
                tx.execute(
                    "DELETE FROM counter_services WHERE counter_id = :id", {"id": counter_id}
                )
                for position, code in enumerate(counter.services):
                    tx.execute(
                        """INSERT INTO counter_services (counter_id, service_id, position)
                           SELECT :counter, id, :position FROM services WHERE code = :code""",
                        {"counter": counter_id, "position": position, "code": code},
                    )
            data = {"name_en": site.name_en} if by is None else {"name_en": site.name_en, "by": by}
            self._event(tx, now, EventKind.SITE_LOADED, data=data)
        return site
