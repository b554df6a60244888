import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore
@testable import FeedWatchTransport

/// Claims and leases, on every backend: what lets several instances share one store's feeds and outbox.
@Suite("Store work sharing: feed claims, host and sink leases")
struct StoreWorkSharingTests {
    private let now = Date()

    private func candidate(_ feed: FeedRecord) -> FeedClaim.Candidate {
        FeedClaim.Candidate(id: feed.id, host: HostGate.key(for: feed.url))
    }

    @Test(arguments: StoreBackend.tested)
    func aClaimedFeedGoesToNoOtherInstanceUntilItsLeaseLapses(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let store = fixture.store
        let lease = now.addingTimeInterval(60)
        let first = try await store.claimFeeds([candidate(feed)], owner: "a", dueBy: now, now: now, leaseUntil: lease)
        #expect(first.claimed.map(\.id) == [feed.id])
        let second = try await store.claimFeeds([candidate(feed)], owner: "b", dueBy: now, now: now, leaseUntil: lease)
        #expect(second.claimed.isEmpty)
        #expect(second.others.map(\.id) == [feed.id])
        let later = now.addingTimeInterval(61)
        let afterLapse = try await store.claimFeeds(
            [candidate(feed)],
            owner: "b",
            dueBy: later,
            now: later,
            leaseUntil: later.addingTimeInterval(60)
        )
        #expect(afterLapse.claimed.map(\.id) == [feed.id])
    }

    @Test(arguments: StoreBackend.tested)
    func aHostHeldByOneInstanceIsSkippedByAnotherUntilReleasedAndItsGapPassed(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let one = try await fixture.makeFeed("https://same.example/one.xml")
        let two = try await fixture.makeFeed("https://same.example/two.xml")
        let store = fixture.store
        let lease = now.addingTimeInterval(60)
        #expect(
            try await store.claimFeeds([candidate(one)], owner: "a", dueBy: now, now: now, leaseUntil: lease).claimed
                .count
                == 1
        )
        #expect(
            try await store.claimFeeds([candidate(two)], owner: "b", dueBy: now, now: now, leaseUntil: lease).claimed
                .isEmpty
        )
        try await store.releaseLeases(owner: "a", hostsFreeAt: now.addingTimeInterval(1))
        #expect(
            try await store.claimFeeds([candidate(two)], owner: "b", dueBy: now, now: now, leaseUntil: lease).claimed
                .isEmpty
        )
        let afterGap = now.addingTimeInterval(2)
        let claim = try await store.claimFeeds(
            [candidate(two)],
            owner: "b",
            dueBy: now,
            now: afterGap,
            leaseUntil: lease
        )
        #expect(claim.claimed.map(\.id) == [two.id])
    }

    @Test(arguments: StoreBackend.tested)
    func aFeedPolledByAnotherInstanceIsNotDueUntilItsNextPoll(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let store = fixture.store
        let lease = now.addingTimeInterval(60)
        var polled = try #require(
            try await store.claimFeeds([candidate(feed)], owner: "a", dueBy: now, now: now, leaseUntil: lease).claimed
                .first
        )
        polled.lastPolledAt = now
        polled.nextPollAt = now.addingTimeInterval(900)
        try await store.recordPoll(polled, alerts: [], sinks: [])
        try await store.releaseLeases(owner: "a", hostsFreeAt: now)
        let later = now.addingTimeInterval(1)
        let claim = try await store.claimFeeds(
            [candidate(feed)],
            owner: "b",
            dueBy: later,
            now: later,
            leaseUntil: lease
        )
        #expect(claim.claimed.isEmpty)
        let nextPoll = try #require(claim.others.first?.nextPollAt)
        #expect(abs(nextPoll.timeIntervalSince(now.addingTimeInterval(900))) < 0.001)
    }

    @Test(arguments: StoreBackend.tested)
    func recordingAPollEndsTheFeedsLease(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let store = fixture.store
        let lease = now.addingTimeInterval(600)
        var polled = try #require(
            try await store.claimFeeds([candidate(feed)], owner: "a", dueBy: now, now: now, leaseUntil: lease).claimed
                .first
        )
        polled.nextPollAt = now
        try await store.recordPoll(polled, alerts: [], sinks: [])
        try await store.releaseLeases(owner: "a", hostsFreeAt: now)
        let later = now.addingTimeInterval(1)
        let claim = try await store.claimFeeds(
            [candidate(feed)],
            owner: "b",
            dueBy: later,
            now: later,
            leaseUntil: lease
        )
        #expect(claim.claimed.map(\.id) == [feed.id])
    }

    @Test(arguments: StoreBackend.tested)
    func aSinkLeaseHasOneHolderAtATime(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let until = now.addingTimeInterval(120)
        #expect(try await store.claimLease("sink:webhook", owner: "a", now: now, until: until))
        #expect(try await store.claimLease("sink:webhook", owner: "a", now: now, until: until))
        #expect(try await !store.claimLease("sink:webhook", owner: "b", now: now, until: until))
        #expect(try await store.claimLease("sink:log", owner: "b", now: now, until: until))
        #expect(try await store.claimLease("sink:webhook", owner: "b", now: until.addingTimeInterval(1), until: until))
    }

    @Test(arguments: StoreBackend.tested)
    func instancesClaimingAtOnceSplitTheFeedsWithoutOverlap(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let configured = (0..<300).map { FeedConfiguration(url: "https://host\($0 % 30).example/feed\($0).xml") }
        let feeds = try await fixture.store.syncFeeds(configured, now: now.addingTimeInterval(-60))
        let candidates = feeds.map(candidate)
        let stores = [fixture.store, try await fixture.reopen(), try await fixture.reopen()]
        let now = self.now
        let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    try await store.claimFeeds(
                        candidates,
                        owner: "instance-\(index)",
                        dueBy: now,
                        now: now,
                        leaseUntil: now.addingTimeInterval(60)
                    ).claimed.map(\.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = claims.flatMap { $0 }
        #expect(all.count == Set(all).count, "no feed claimed twice")
        #expect(Set(all) == Set(feeds.map(\.id)), "every due feed claimed by someone")
        let hostsPerInstance = claims.map { ids in
            Set(feeds.filter { ids.contains($0.id) }.compactMap { HostGate.key(for: $0.url) })
        }
        for (index, hosts) in hostsPerInstance.enumerated() {
            for other in hostsPerInstance[(index + 1)...] {
                #expect(hosts.isDisjoint(with: other), "a host is polled by one instance at a time")
            }
        }
    }
}
