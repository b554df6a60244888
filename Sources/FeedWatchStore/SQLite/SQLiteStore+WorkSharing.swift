import FeedWatchCore
public import Foundation
import GRDB

extension SQLiteStore {
    /// `false`: an SQLite file belongs to one instance, which polls without claiming. The claims still work (the
    /// write lock serialises them), so two processes on one file would not poll a feed twice.
    public var sharesWork: Bool { false }

    public func claimFeeds(
        _ candidates: [FeedClaim.Candidate],
        owner: String,
        dueBy: Date?,
        now: Date,
        leaseUntil: Date
    ) async throws(StoreError) -> FeedClaim {
        guard !candidates.isEmpty else { return FeedClaim(claimed: [], others: []) }
        let hosts = Array(Set(candidates.compactMap(\.host))).sorted()
        return try await write { db in
            var held = Set<String>()
            let lease = try db.cachedStatement(
                sql: """
                    INSERT INTO lease (name, owner, until) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
                    WHERE lease.owner = excluded.owner OR lease.until < ?
                    """
            )
            for host in hosts {
                try lease.execute(arguments: [
                    "host:" + host, owner, leaseUntil.timeIntervalSince1970, now.timeIntervalSince1970,
                ])
                if db.changesCount > 0 { held.insert(host) }
            }
            let claim = try db.cachedStatement(
                sql: """
                    UPDATE feed SET claimed_by = ?, lease_until = ?
                    WHERE id = ? AND retired_at IS NULL AND (? IS NULL OR next_poll_at <= ?)
                        AND (lease_until IS NULL OR lease_until < ? OR claimed_by = ?)
                    """
            )
            var claimedIDs: [Int64] = []
            var otherIDs: [Int64] = []
            for candidate in candidates {
                if candidate.host.map(held.contains) ?? true {
                    let due = dueBy?.timeIntervalSince1970
                    try claim.execute(arguments: [
                        owner, leaseUntil.timeIntervalSince1970, candidate.id, due, due, now.timeIntervalSince1970,
                        owner,
                    ])
                    if db.changesCount > 0 {
                        claimedIDs.append(candidate.id)
                        continue
                    }
                }
                otherIDs.append(candidate.id)
            }
            func records(_ ids: [Int64]) throws -> [FeedRecord] {
                guard !ids.isEmpty else { return [] }
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                return try Row.fetchAll(
                    db,
                    sql: "SELECT \(FeedColumns.list) FROM feed WHERE id IN (\(marks)) ORDER BY id",
                    arguments: StatementArguments(ids)
                ).map(Self.feedRecord)
            }
            return FeedClaim(claimed: try records(claimedIDs), others: try records(otherIDs))
        }
    }

    public func claimLease(_ name: String, owner: String, now: Date, until: Date) async throws(StoreError) -> Bool {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO lease (name, owner, until) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
                    WHERE lease.owner = excluded.owner OR lease.until < ?
                    """,
                arguments: [name, owner, until.timeIntervalSince1970, now.timeIntervalSince1970]
            )
            return db.changesCount > 0
        }
    }

    public func renewLeases(owner: String, now: Date, until: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE feed SET lease_until = ? WHERE claimed_by = ? AND lease_until >= ?;
                    UPDATE lease SET until = ? WHERE owner = ? AND name LIKE 'host:%' AND until >= ?;
                    """,
                arguments: [
                    until.timeIntervalSince1970, owner, now.timeIntervalSince1970,
                    until.timeIntervalSince1970, owner, now.timeIntervalSince1970,
                ]
            )
        }
    }

    public func releaseLeases(owner: String, hostsFreeAt: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE lease SET until = ? WHERE owner = ? AND name LIKE 'host:%'
                    """,
                arguments: [hostsFreeAt.timeIntervalSince1970, owner]
            )
        }
    }
}
