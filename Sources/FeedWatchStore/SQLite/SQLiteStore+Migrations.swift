import GRDB

extension SQLiteStore {
    /// The schema's versions, applied in order; a released migration is never edited, only followed by another.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE feed (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        url TEXT NOT NULL UNIQUE,
                        name TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        next_poll_at DOUBLE,
                        last_polled_at DOUBLE,
                        last_success_at DOUBLE,
                        last_status INTEGER,
                        last_error TEXT,
                        consecutive_failures INTEGER NOT NULL DEFAULT 0,
                        created_at DOUBLE NOT NULL
                    );
                    CREATE TABLE item (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
                        dedupe_key TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        guid TEXT,
                        title TEXT,
                        link TEXT,
                        published_at DOUBLE,
                        updated_at DOUBLE,
                        summary TEXT,
                        content TEXT,
                        authors TEXT NOT NULL,
                        categories TEXT NOT NULL,
                        event_at DOUBLE NOT NULL,
                        first_seen_at DOUBLE NOT NULL,
                        UNIQUE (feed_id, dedupe_key)
                    );
                    CREATE INDEX item_dedupe_key ON item (dedupe_key);
                    CREATE INDEX item_content_hash ON item (content_hash);
                    CREATE INDEX item_event_at ON item (event_at);
                    CREATE TABLE topic_state (
                        topic_id TEXT PRIMARY KEY,
                        state TEXT NOT NULL,
                        updated_at DOUBLE NOT NULL
                    );
                    CREATE TABLE alert (
                        id TEXT PRIMARY KEY,
                        topic_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        event_at DOUBLE NOT NULL,
                        created_at DOUBLE NOT NULL,
                        item_id INTEGER REFERENCES item(id) ON DELETE SET NULL,
                        payload TEXT NOT NULL
                    );
                    CREATE INDEX alert_event_at ON alert (event_at);
                    CREATE TABLE delivery (
                        alert_id TEXT NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
                        sink TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at DOUBLE NOT NULL,
                        last_error TEXT,
                        delivered_at DOUBLE,
                        PRIMARY KEY (alert_id, sink)
                    );
                    CREATE INDEX delivery_due ON delivery (sink, state, next_attempt_at);
                    """
            )
        }
        migrator.registerMigration("v2") { db in
            // Poll health, relinking and adaptive scheduling. `configured_url` is the key a configured feed is
            // matched by, so a feed whose `url` was relinked after permanent redirects stays the same feed.
            try db.execute(
                sql: """
                    ALTER TABLE feed ADD COLUMN configured_url TEXT;
                    UPDATE feed SET configured_url = url;
                    CREATE UNIQUE INDEX feed_configured_url ON feed (configured_url);
                    ALTER TABLE feed ADD COLUMN failing_since DOUBLE;
                    ALTER TABLE feed ADD COLUMN failing_alerted INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE feed ADD COLUMN retired_at DOUBLE;
                    ALTER TABLE feed ADD COLUMN relink_target TEXT;
                    ALTER TABLE feed ADD COLUMN relink_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE feed ADD COLUMN last_new_item_at DOUBLE;
                    ALTER TABLE feed ADD COLUMN update_interval DOUBLE;
                    ALTER TABLE feed ADD COLUMN ttl DOUBLE;
                    """
            )
        }
        migrator.registerMigration("v3") { db in
            // Work sharing: a feed's lease while one instance polls it, and named leases on hosts and sinks.
            try db.execute(
                sql: """
                    ALTER TABLE feed ADD COLUMN claimed_by TEXT;
                    ALTER TABLE feed ADD COLUMN lease_until DOUBLE;
                    CREATE TABLE lease (
                        name TEXT PRIMARY KEY,
                        owner TEXT NOT NULL,
                        until DOUBLE NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v4") { db in
            // Each topic state's revision, raised by every write, so an instance sharing the store sees which
            // states another instance changed since it last read them.
            try db.execute(sql: "ALTER TABLE topic_state ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v5") { db in
            // The views' indexes (SQLiteStore+Views.swift): a topic's alerts and one kind's alerts by event time.
            try db.execute(sql: viewIndexes)
        }
        migrator.registerMigration("v6") { db in
            // Retention: the time before which every feed (`retention_mark` 'items') or one feed (its cap,
            // `feed.pruned_before`) forgot its items, so none comes back as new; and the index that lets an item be
            // deleted without scanning the alerts that may name it.
            try db.execute(
                sql: """
                    ALTER TABLE feed ADD COLUMN pruned_before DOUBLE;
                    CREATE TABLE retention_mark (name TEXT PRIMARY KEY, pruned_before DOUBLE NOT NULL);
                    CREATE INDEX alert_item_id ON alert (item_id);
                    """
            )
        }
        return migrator
    }
}

extension SQLiteStore {
    /// The schema versions applied, oldest first.
    func appliedVersions() async throws(StoreError) -> [String] {
        let applied = try await read { db in try Self.migrator.appliedIdentifiers(db) }
        return Self.migrator.migrations.filter(applied.contains)
    }
}
