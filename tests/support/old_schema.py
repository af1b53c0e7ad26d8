"""The migrations as written by hand before the schema was described once, kept as
fixtures: databases made by older Khiu releases, at each of their versions.

SQLite numbered its steps 1..8 as today; PostgreSQL counted its own 1..5 (its 1 held
SQLite's 1 and 2, its 2 SQLite's 3 to 5, then 3, 4, 5 were SQLite's 6, 7, 8).
"""

from __future__ import annotations

OLD_SQLITE_MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema.
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE services (
        id                 INTEGER PRIMARY KEY,
        code               TEXT NOT NULL UNIQUE,
        prefix             TEXT NOT NULL,
        name_th            TEXT NOT NULL,
        name_en            TEXT NOT NULL,
        agency_th          TEXT NOT NULL DEFAULT '',
        agency_en          TEXT NOT NULL DEFAULT '',
        documents_th       TEXT NOT NULL DEFAULT '[]',
        documents_en       TEXT NOT NULL DEFAULT '[]',
        processing_minutes INTEGER NOT NULL DEFAULT 10,
        fee_th             TEXT NOT NULL DEFAULT '',
        fee_en             TEXT NOT NULL DEFAULT '',
        where_th           TEXT NOT NULL DEFAULT '',
        where_en           TEXT NOT NULL DEFAULT '',
        hours              TEXT NOT NULL DEFAULT '[]',
        active             INTEGER NOT NULL DEFAULT 1,
        display_order      INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE officers (
        id              INTEGER PRIMARY KEY,
        login           TEXT NOT NULL UNIQUE,
        display_name    TEXT NOT NULL,
        pin_hash        TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('officer', 'admin')),
        active          INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT
    );

    CREATE TABLE counters (
        id              INTEGER PRIMARY KEY,
        number          INTEGER NOT NULL UNIQUE,
        name_th         TEXT NOT NULL,
        name_en         TEXT NOT NULL,
        open            INTEGER NOT NULL DEFAULT 1,
        active          INTEGER NOT NULL DEFAULT 1,
        priority_streak INTEGER NOT NULL DEFAULT 0,
        officer_id      INTEGER REFERENCES officers(id),
        officer_seen_at TEXT
    );

    CREATE TABLE counter_services (
        counter_id INTEGER NOT NULL REFERENCES counters(id),
        service_id INTEGER NOT NULL REFERENCES services(id),
        position   INTEGER NOT NULL,
        PRIMARY KEY (counter_id, service_id)
    ) WITHOUT ROWID;

    -- Gapless per-service daily numbering, claimed inside the issuing transaction.
    CREATE TABLE daily_sequences (
        service_id    INTEGER NOT NULL REFERENCES services(id),
        business_date TEXT NOT NULL,
        last_seq      INTEGER NOT NULL,
        PRIMARY KEY (service_id, business_date)
    ) WITHOUT ROWID;

    CREATE TABLE tickets (
        id                INTEGER PRIMARY KEY,
        business_date     TEXT NOT NULL,
        service_id        INTEGER NOT NULL REFERENCES services(id),
        origin_service_id INTEGER NOT NULL REFERENCES services(id),
        seq               INTEGER NOT NULL,
        code              TEXT NOT NULL,
        priority          INTEGER NOT NULL DEFAULT 0,
        state             TEXT NOT NULL CHECK (state IN
                            ('waiting', 'called', 'done', 'no_show', 'cancelled', 'expired')),
        counter_id        INTEGER REFERENCES counters(id),
        officer_id        INTEGER REFERENCES officers(id),
        issued_at         TEXT NOT NULL,
        called_at         TEXT,
        finished_at       TEXT,
        recall_count      INTEGER NOT NULL DEFAULT 0,
        token             TEXT NOT NULL UNIQUE,
        UNIQUE (business_date, code)
    );
    -- Call-next reads only waiting tickets: a partial index keeps it independent
    -- of months of history.
    CREATE INDEX ix_tickets_waiting
        ON tickets (service_id, priority DESC, issued_at, id) WHERE state = 'waiting';
    -- A counter serves at most one ticket at a time.
    CREATE UNIQUE INDEX ux_tickets_called_counter
        ON tickets (counter_id) WHERE state = 'called';
    CREATE INDEX ix_tickets_day_service ON tickets (business_date, service_id, state);

    CREATE TABLE events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL,
        ticket_id  INTEGER REFERENCES tickets(id),
        service_id INTEGER REFERENCES services(id),
        counter_id INTEGER REFERENCES counters(id),
        officer_id INTEGER REFERENCES officers(id),
        data       TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX ix_events_counter ON events (counter_id, id);

    -- The log is the audit trail: it can only grow.
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    """,
    # 2: day rollover reads only open tickets. Without this the first write of each
    # business day scanned the whole history (about 150 ms at a million tickets).
    """
    CREATE INDEX ix_tickets_open
        ON tickets (business_date) WHERE state IN ('waiting', 'called');
    """,
    # 3: reports find each ticket's first call (and its rating) in the event log by
    # ticket, not by scanning the whole log.
    """
    CREATE INDEX ix_events_ticket ON events (ticket_id, kind, at);
    """,
    # 4: a citizen rates a done ticket at most once (the web page's 1..5 rating).
    """
    CREATE UNIQUE INDEX ux_events_rated ON events (ticket_id) WHERE kind = 'rated';
    """,
    # 5: INSERT OR REPLACE with an existing id deleted the old row without firing the
    # delete trigger (REPLACE does not, unless recursive triggers are on): the log could
    # be rewritten. An insert may only add a new id.
    """
    CREATE TRIGGER events_no_replace BEFORE INSERT ON events
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    """,
    # 6: the site's identity, random, made once with the database (or here, for one made
    # before): backups and copies keep it, and `khiu restore` refuses another site's.
    """
    INSERT INTO settings (key, value) VALUES ('site_id', lower(hex(randomblob(16))))
    ON CONFLICT (key) DO NOTHING;
    """,
    # 7: why a ticket is a priority one: `senior` (the ID card said 60 or over) or
    # `manual` (chosen by hand). Every priority ticket before this was chosen by hand.
    """
    ALTER TABLE tickets ADD COLUMN priority_reason TEXT
        CHECK (priority_reason IN ('senior', 'manual'));
    UPDATE tickets SET priority_reason = 'manual' WHERE priority = 1;
    """,
    # 8: bookings ahead. A booking holds one numbered place of its slot until it is
    # cancelled: the unique place index makes a slot's capacity a database fact, so
    # concurrent bookings of the last place can never overfill it.
    """
    CREATE TABLE bookings (
        id            INTEGER PRIMARY KEY,
        service_id    INTEGER NOT NULL REFERENCES services(id),
        business_date TEXT NOT NULL,
        slot_start    TEXT NOT NULL,
        slot_end      TEXT NOT NULL,
        place         INTEGER NOT NULL CHECK (place >= 1),
        code          TEXT NOT NULL UNIQUE,
        token         TEXT NOT NULL UNIQUE,
        state         TEXT NOT NULL CHECK (state IN
                        ('booked', 'checked_in', 'cancelled', 'missed')),
        ticket_id     INTEGER UNIQUE REFERENCES tickets(id),
        booked_at     TEXT NOT NULL,
        ended_at      TEXT
    );
    CREATE UNIQUE INDEX ux_bookings_place
        ON bookings (service_id, slot_start, place) WHERE state <> 'cancelled';
    CREATE INDEX ix_bookings_day ON bookings (business_date, service_id);
    CREATE INDEX ix_bookings_open ON bookings (slot_start) WHERE state = 'booked';
    """,
)

_T = 'TEXT COLLATE "C"'
_ID = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

OLD_PG_MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema (SQLite migrations 1 and 2).
    f"""
    CREATE TABLE settings (
        key   {_T} PRIMARY KEY,
        value {_T} NOT NULL
    );

    CREATE TABLE services (
        id                 {_ID},
        code               {_T} NOT NULL UNIQUE,
        prefix             {_T} NOT NULL,
        name_th            {_T} NOT NULL,
        name_en            {_T} NOT NULL,
        agency_th          {_T} NOT NULL DEFAULT '',
        agency_en          {_T} NOT NULL DEFAULT '',
        documents_th       {_T} NOT NULL DEFAULT '[]',
        documents_en       {_T} NOT NULL DEFAULT '[]',
        processing_minutes INTEGER NOT NULL DEFAULT 10,
        fee_th             {_T} NOT NULL DEFAULT '',
        fee_en             {_T} NOT NULL DEFAULT '',
        where_th           {_T} NOT NULL DEFAULT '',
        where_en           {_T} NOT NULL DEFAULT '',
        hours              {_T} NOT NULL DEFAULT '[]',
        active             INTEGER NOT NULL DEFAULT 1,
        display_order      INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE officers (
        id              {_ID},
        login           {_T} NOT NULL UNIQUE,
        display_name    {_T} NOT NULL,
        pin_hash        {_T} NOT NULL,
        role            {_T} NOT NULL CHECK (role IN ('officer', 'admin')),
        active          INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    {_T}
    );

    CREATE TABLE counters (
        id              {_ID},
        number          INTEGER NOT NULL UNIQUE,
        name_th         {_T} NOT NULL,
        name_en         {_T} NOT NULL,
        open            INTEGER NOT NULL DEFAULT 1,
        active          INTEGER NOT NULL DEFAULT 1,
        priority_streak INTEGER NOT NULL DEFAULT 0,
        officer_id      BIGINT REFERENCES officers(id),
        officer_seen_at {_T}
    );

    CREATE TABLE counter_services (
        counter_id BIGINT NOT NULL REFERENCES counters(id),
        service_id BIGINT NOT NULL REFERENCES services(id),
        position   INTEGER NOT NULL,
        PRIMARY KEY (counter_id, service_id)
    );

    -- Gapless per-service daily numbering, claimed inside the issuing transaction.
    CREATE TABLE daily_sequences (
        service_id    BIGINT NOT NULL REFERENCES services(id),
        business_date {_T} NOT NULL,
        last_seq      INTEGER NOT NULL,
        PRIMARY KEY (service_id, business_date)
    );

    CREATE TABLE tickets (
        id                {_ID},
        business_date     {_T} NOT NULL,
        service_id        BIGINT NOT NULL REFERENCES services(id),
        origin_service_id BIGINT NOT NULL REFERENCES services(id),
        seq               INTEGER NOT NULL,
        code              {_T} NOT NULL,
        priority          INTEGER NOT NULL DEFAULT 0,
        state             {_T} NOT NULL CHECK (state IN
                            ('waiting', 'called', 'done', 'no_show', 'cancelled', 'expired')),
        counter_id        BIGINT REFERENCES counters(id),
        officer_id        BIGINT REFERENCES officers(id),
        issued_at         {_T} NOT NULL,
        called_at         {_T},
        finished_at       {_T},
        recall_count      INTEGER NOT NULL DEFAULT 0,
        token             {_T} NOT NULL UNIQUE,
        UNIQUE (business_date, code)
    );
    -- Call-next reads only waiting tickets: a partial index keeps it independent
    -- of months of history.
    CREATE INDEX ix_tickets_waiting
        ON tickets (service_id, priority DESC, issued_at, id) WHERE state = 'waiting';
    -- A counter serves at most one ticket at a time.
    CREATE UNIQUE INDEX ux_tickets_called_counter
        ON tickets (counter_id) WHERE state = 'called';
    CREATE INDEX ix_tickets_day_service ON tickets (business_date, service_id, state);
    -- Day rollover reads only open tickets.
    CREATE INDEX ix_tickets_open
        ON tickets (business_date) WHERE state IN ('waiting', 'called');

    CREATE TABLE events (
        id         {_ID},
        at         {_T} NOT NULL,
        kind       {_T} NOT NULL,
        ticket_id  BIGINT REFERENCES tickets(id),
        service_id BIGINT REFERENCES services(id),
        counter_id BIGINT REFERENCES counters(id),
        officer_id BIGINT REFERENCES officers(id),
        data       {_T} NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX ix_events_counter ON events (counter_id, id);

    -- The log is the audit trail: it can only grow.
    CREATE FUNCTION khiu_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'restrict_violation';
    END $$;
    CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION khiu_events_append_only();
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION khiu_events_append_only();

    -- The change feed: listeners on 'khiu_events' wake at each commit that added
    -- events (payload: the highest new id) and read the events after their last id.
    -- One notification per statement, so a bulk copy does not queue a million.
    CREATE FUNCTION khiu_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE newest BIGINT;
    BEGIN
        SELECT max(id) INTO newest FROM new_rows;
        IF newest IS NOT NULL THEN
            PERFORM pg_notify('khiu_events', newest::text);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER events_notify AFTER INSERT ON events
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION khiu_events_notify();
    """,
    # 2: SQLite migrations 3 and 4: a ticket's events by kind (reports, the web pages),
    # and at most one rating per ticket. (SQLite's 5, no INSERT OR REPLACE over an event,
    # needs nothing here: the primary key refuses it and an upsert hits the UPDATE guard.)
    """
    CREATE INDEX ix_events_ticket ON events (ticket_id, kind, at);
    CREATE UNIQUE INDEX ux_events_rated ON events (ticket_id) WHERE kind = 'rated';
    """,
    # 3: SQLite migration 6: the site's identity, random, made once with the database.
    """
    INSERT INTO settings (key, value)
    VALUES ('site_id', replace(CAST(gen_random_uuid() AS text), '-', ''))
    ON CONFLICT (key) DO NOTHING;
    """,
    # 4: SQLite migration 7: why a ticket is a priority one (`senior`: the ID card said
    # 60 or over; `manual`: chosen by hand, as every priority ticket before this was).
    f"""
    ALTER TABLE tickets ADD COLUMN priority_reason {_T}
        CHECK (priority_reason IN ('senior', 'manual'));
    UPDATE tickets SET priority_reason = 'manual' WHERE priority = 1;
    """,
    # 5: SQLite migration 8: bookings ahead, a slot's capacity held by a unique place index.
    f"""
    CREATE TABLE bookings (
        id            {_ID},
        service_id    BIGINT NOT NULL REFERENCES services(id),
        business_date {_T} NOT NULL,
        slot_start    {_T} NOT NULL,
        slot_end      {_T} NOT NULL,
        place         INTEGER NOT NULL CHECK (place >= 1),
        code          {_T} NOT NULL UNIQUE,
        token         {_T} NOT NULL UNIQUE,
        state         {_T} NOT NULL CHECK (state IN
                        ('booked', 'checked_in', 'cancelled', 'missed')),
        ticket_id     BIGINT UNIQUE REFERENCES tickets(id),
        booked_at     {_T} NOT NULL,
        ended_at      {_T}
    );
    CREATE UNIQUE INDEX ux_bookings_place
        ON bookings (service_id, slot_start, place) WHERE state <> 'cancelled';
    CREATE INDEX ix_bookings_day ON bookings (business_date, service_id);
    CREATE INDEX ix_bookings_open ON bookings (slot_start) WHERE state = 'booked';
    """,
)
