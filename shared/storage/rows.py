"""Mapping database rows to domain objects."""

from __future__ import annotations

import json
import sqlite3

from shared.domain.model import Counter, OpeningHours, Service


def service_from_row(row: sqlite3.Row) -> Service:
    return Service(
        id=row["id"],
        code=row["code"],
        prefix=row["prefix"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        agency_th=row["agency_th"],
        agency_en=row["agency_en"],
        documents_th=tuple(json.loads(row["documents_th"])),
        documents_en=tuple(json.loads(row["documents_en"])),
        processing_minutes=row["processing_minutes"],
        fee_th=row["fee_th"],
        fee_en=row["fee_en"],
        where_th=row["where_th"],
        where_en=row["where_en"],
        hours=tuple(
            OpeningHours(days=tuple(h["days"]), opens=h["open"], closes=h["close"])
            for h in json.loads(row["hours"])
        ),
        active=bool(row["active"]),
        display_order=row["display_order"],
    )


def counter_from_row(row: sqlite3.Row) -> Counter:
    codes = row["service_codes"]
    return Counter(
        id=row["id"],
        number=row["number"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        service_codes=tuple(codes.split(",")) if codes else (),
        open=bool(row["open"]),
        officer_login=row["officer_login"],
    )
