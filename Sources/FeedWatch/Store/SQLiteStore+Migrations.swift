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
        return migrator
    }
}
