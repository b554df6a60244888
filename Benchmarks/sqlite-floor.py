#!/usr/bin/env python3
"""The SQLite floor of a poll cycle's store stage: Python's sqlite3 inserting the rows feedwatch stored.

    sqlite-floor.py SOURCE.sqlite DEST.sqlite [BATCH]

Reads the schema (every table and index) and the `item` rows of SOURCE, a database feedwatch wrote, creates the same
schema in DEST with feedwatch's settings (WAL, synchronous=NORMAL), copies the feeds untimed, then inserts the same
rows with `executemany` in transactions of BATCH (1,000, as feedwatch's ingest batches), with feedwatch's own
`ON CONFLICT ... DO NOTHING`. Prints `sqlite-floor WALL_S CPU_S ROWS`: the CPU of this process over the inserts only.
"""
import sqlite3
import sys
import time


def main():
    source, destination = sys.argv[1], sys.argv[2]
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    src = sqlite3.connect(source)
    schema = [sql for (sql,) in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'index', rowid")]
    item_columns = [row[1] for row in src.execute("PRAGMA table_info(item)") if row[1] != "id"]
    feed_columns = [row[1] for row in src.execute("PRAGMA table_info(feed)")]
    feeds = src.execute(f"SELECT {', '.join(feed_columns)} FROM feed ORDER BY id").fetchall()
    rows = src.execute(f"SELECT {', '.join(item_columns)} FROM item ORDER BY id").fetchall()
    src.close()

    dst = sqlite3.connect(destination, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = NORMAL")
    for sql in schema:
        dst.execute(sql)
    marks = ", ".join("?" for _ in feed_columns)
    dst.execute("BEGIN")
    dst.executemany(f"INSERT INTO feed ({', '.join(feed_columns)}) VALUES ({marks})", feeds)
    dst.execute("COMMIT")

    insert = (f"INSERT INTO item ({', '.join(item_columns)}) VALUES ({', '.join('?' for _ in item_columns)}) "
              "ON CONFLICT(feed_id, dedupe_key) DO NOTHING")
    cpu, wall = time.process_time(), time.perf_counter()
    for start in range(0, len(rows), batch):
        dst.execute("BEGIN")
        dst.executemany(insert, rows[start:start + batch])
        dst.execute("COMMIT")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stored = dst.execute("SELECT COUNT(*) FROM item").fetchone()[0]
    dst.close()
    print(f"sqlite-floor {wall:.3f} {cpu:.3f} {stored}")


if __name__ == "__main__":
    main()
