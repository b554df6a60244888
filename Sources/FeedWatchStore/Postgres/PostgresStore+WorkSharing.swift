import FeedWatchCore
public import Foundation
import PostgresNIO

extension PostgresStore {
    public var sharesWork: Bool { true }

    public func claimFeeds(
        _ candidates: [FeedClaim.Candidate],
        owner: String,
        dueBy: Date?,
        now: Date,
        leaseUntil: Date
    ) async throws(StoreError) -> FeedClaim {
        guard !candidates.isEmpty else { return FeedClaim(claimed: [], others: []) }
        let hosts = Array(Set(candidates.compactMap(\.host))).sorted()
        return try await write { session in
            var held = Set<String>()
            if !hosts.isEmpty {
                let names = hosts.map { "host:" + $0 }
                // Concurrent claimers serialise on each host's row; a host is taken when free, lapsed or ours.
                let rows = try await session.run(
                    """
                    INSERT INTO lease (name, owner, until)
                    SELECT name, \(owner), \(leaseUntil.timeIntervalSince1970) FROM unnest(\(names)::TEXT[]) AS name
                    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
                    WHERE lease.owner = excluded.owner OR lease.until < \(now.timeIntervalSince1970)
                    RETURNING name
                    """
                )
                held = Set(try rows.map { String(try $0.decode(String.self).dropFirst("host:".count)) })
            }
            let eligible = candidates.filter { $0.host.map(held.contains) ?? true }.map(\.id)
            var claim = PostgresQuery(
                unsafeSQL: """
                    UPDATE feed SET claimed_by = $1, lease_until = $2
                    WHERE id IN (
                        SELECT id FROM feed
                        WHERE id = ANY($3) AND retired_at IS NULL AND ($4::DOUBLE PRECISION IS NULL OR next_poll_at <= $4)
                            AND (lease_until IS NULL OR lease_until < $5 OR claimed_by = $1)
                        FOR UPDATE SKIP LOCKED
                    )
                    RETURNING \(FeedColumns.list)
                    """
            )
            try claim.binds.append(owner)
            try claim.binds.append(leaseUntil.timeIntervalSince1970)
            try claim.binds.append(eligible)
            try claim.binds.append(dueBy?.timeIntervalSince1970)
            try claim.binds.append(now.timeIntervalSince1970)
            let claimed = try await session.run(claim).map(Self.feedRecord).sorted { $0.id < $1.id }
            let claimedIDs = Set(claimed.map(\.id))
            let rest = candidates.map(\.id).filter { !claimedIDs.contains($0) }
            let others =
                rest.isEmpty
                ? []
                : try await session.run(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(FeedColumns.list) FROM feed WHERE id = ANY($1) ORDER BY id",
                        binds: try Self.bindings(rest)
                    )
                ).map(Self.feedRecord)
            return FeedClaim(claimed: claimed, others: others)
        }
    }

    public func claimLease(_ name: String, owner: String, now: Date, until: Date) async throws(StoreError) -> Bool {
        try await write { session in
            let rows = try await session.run(
                """
                INSERT INTO lease (name, owner, until) VALUES (\(name), \(owner), \(until.timeIntervalSince1970))
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
                WHERE lease.owner = excluded.owner OR lease.until < \(now.timeIntervalSince1970)
                RETURNING name
                """
            )
            return !rows.rows.isEmpty
        }
    }

    public func renewLeases(owner: String, now: Date, until: Date) async throws(StoreError) {
        try await write { session in
            _ = try await session.run(
                """
                UPDATE feed SET lease_until = \(until.timeIntervalSince1970)
                WHERE claimed_by = \(owner) AND lease_until >= \(now.timeIntervalSince1970)
                """
            )
            _ = try await session.run(
                """
                UPDATE lease SET until = \(until.timeIntervalSince1970)
                WHERE owner = \(owner) AND name LIKE 'host:%' AND until >= \(now.timeIntervalSince1970)
                """
            )
        }
    }

    public func releaseLeases(owner: String, hostsFreeAt: Date) async throws(StoreError) {
        try await write { session in
            _ = try await session.run(
                """
                UPDATE lease SET until = \(hostsFreeAt.timeIntervalSince1970)
                WHERE owner = \(owner) AND name LIKE 'host:%'

                """
            )
        }
    }

    private static func bindings(_ ids: [Int64]) throws -> PostgresBindings {
        var binds = PostgresBindings()
        try binds.append(ids)
        return binds
    }
}
