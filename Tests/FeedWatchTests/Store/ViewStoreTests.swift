import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// The store's read side for the views, on both backends: alerts filtered and paged, the outlets behind a story's
/// articles, and items scanned in pages.
@Suite("Store: the views' read side")
struct ViewStoreTests {
    private func views(_ fixture: StoreFixture) throws -> any ViewStore {
        try #require(fixture.store as? any ViewStore)
    }

    /// Stores one item per alert, so each alert has its item.
    private func store(_ alerts: [Alert], in fixture: StoreFixture) async throws {
        let feed = try await fixture.makeFeed()
        for (index, alert) in alerts.enumerated() {
            try await fixture.store.ingest(
                Sample.item(feed: feed.reference, key: "item-\(index)", at: alert.at),
                topicStates: [],
                alerts: [alert],
                sinks: ["log"]
            )
        }
    }

    private func alert(_ id: String, topic: String, kind: Alert.Kind, hours: Double) -> Alert {
        var alert = Sample.alert(id: id, topic: topic, at: Sample.march1.addingTimeInterval(hours * 3_600))
        alert.kind = kind
        return alert
    }

    @Test(arguments: StoreBackend.tested)
    func alertsAreFilteredByTopicKindAndTimeAndPagedNewestFirst(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        try await store(
            [
                alert("a", topic: "ceasefire", kind: .newStory, hours: 0),
                alert("b", topic: "ceasefire", kind: .statusChange, hours: 1),
                alert("c", topic: "ceasefire", kind: .newStory, hours: 2),
                alert("d", topic: "election", kind: .newStory, hours: 3),
                alert("e", topic: "ceasefire", kind: .newStory, hours: 4),
            ],
            in: fixture
        )
        let store = try views(fixture)

        let stories = try await store.alerts(matching: AlertQuery(topic: "ceasefire", kinds: [.newStory], limit: 2))
        let secondPage = try await store.alerts(
            matching: AlertQuery(topic: "ceasefire", kinds: [.newStory], limit: 2, offset: 2)
        )
        let recent = try await store.alerts(matching: AlertQuery(since: Sample.march1.addingTimeInterval(2 * 3_600)))
        let history = try await store.alerts(matching: AlertQuery(topic: "ceasefire", oldestFirst: true))

        #expect(stories.records.map(\.alert.id) == ["e", "c"])
        #expect(stories.total == 3)
        #expect(secondPage.records.map(\.alert.id) == ["a"])
        #expect(recent.records.map(\.alert.id) == ["e", "d", "c"])
        #expect(history.records.map(\.alert.id) == ["a", "b", "c", "e"])
        #expect(history.records.first?.deliveries.isEmpty == true)
    }

    @Test(arguments: StoreBackend.tested)
    func alertsCarryTheirDeliveriesWhenAskedFor(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        try await store([alert("a", topic: "ceasefire", kind: .newStory, hours: 0)], in: fixture)

        let page = try await views(fixture).alerts(matching: AlertQuery(withDeliveries: true))

        #expect(page.records.first?.deliveries.map(\.sink) == ["log"])
        #expect(page.records.first?.deliveries.first?.state == .pending)
    }

    @Test(arguments: StoreBackend.tested)
    func anArticlesOutletsIncludeItsWireCopiesInOtherFeeds(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let wire = try await fixture.makeFeed("https://wire.example/feed.xml", name: "Harbor Wire")
        let ledger = try await fixture.makeFeed("https://ledger.example/feed.xml", name: "Lakeside Ledger")
        let courier = try await fixture.makeFeed("https://courier.example/feed.xml", name: "Northern Courier")
        for item in [
            Sample.item(feed: wire.reference, key: "story-1", hash: "same-text"),
            Sample.item(feed: ledger.reference, key: "reprint", hash: "same-text"),
            Sample.item(feed: courier.reference, key: "own-report", hash: "other-text"),
        ] {
            try await fixture.store.ingest(item, topicStates: [], alerts: [], sinks: [])
        }

        let outlets = try await views(fixture).articleOutlets(keys: ["id:story-1", "id:own-report", "id:missing"])

        #expect(outlets["id:story-1"] == ArticleOutlets(outlets: ["Harbor Wire", "Lakeside Ledger"], copies: 1))
        #expect(outlets["id:own-report"] == ArticleOutlets(outlets: ["Northern Courier"], copies: 0))
        #expect(outlets["id:missing"] == nil)
    }

    @Test(arguments: StoreBackend.tested)
    func itemsAreScannedInPagesFromAnEventTime(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        for day in 0..<5 {
            try await fixture.store.ingest(
                Sample.item(
                    feed: feed.reference,
                    key: "day-\(day)",
                    at: Sample.march1.addingTimeInterval(Double(day) * 86_400)
                ),
                topicStates: [],
                alerts: [],
                sinks: []
            )
        }
        let store = try views(fixture)
        let since = Sample.march1.addingTimeInterval(86_400)

        let first = try await store.items(afterID: 0, since: since, limit: 2)
        let second = try await store.items(afterID: try #require(first.last?.id), since: since, limit: 2)
        let third = try await store.items(afterID: try #require(second.last?.id), since: since, limit: 2)

        #expect(first.map(\.stored.item.id) == ["day-1", "day-2"])
        #expect(second.map(\.stored.item.id) == ["day-3", "day-4"])
        #expect(third.isEmpty)
        #expect(first.first?.eventAt == since)
        #expect(first.first?.stored.feed.name == "A")
    }
}
