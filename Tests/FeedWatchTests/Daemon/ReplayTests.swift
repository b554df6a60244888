import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchStore

@Suite("Replay: back-testing topics over existing items")
struct ReplayTests {
    typealias T = CeasefireTimeline

    private func stored(_ item: FeedItem, _ feed: FeedReference) -> StoredItem {
        StoredItem(feed: feed, item: item, firstSeen: AnalysisSamples.at(hours: 900))
    }

    @Test func itemsGivenOutOfOrderAreReplayedInEventTimeOrder() throws {
        let replay = Replay(analyzer: try Analyzer(topics: [T.topic]))
        let alerts = replay.alerts(for: [
            stored(T.rejectionElsewhere, T.courier), stored(T.rejection, T.harbor), stored(T.proposal, T.harbor),
        ])
        // The two outlets' reports of the rejection, an hour apart, are one story.
        #expect(alerts.map(\.kind) == [.newStory, .newStory, .statusChange])
        #expect(alerts.last?.status == Alert.StatusChange(from: "proposed", to: "rejected"))
    }

    @Test func aCopyInAnotherFeedIsRecognisedAndCountsOnce() throws {
        let replay = Replay(analyzer: try Analyzer(topics: [T.topic]))
        let alerts = replay.alerts(for: [
            stored(T.proposal, T.harbor), stored(T.rejection, T.harbor), stored(T.rejection, T.lakeside),
        ])
        #expect(alerts.map(\.kind) == [.newStory, .newStory])
    }

    @Test func eachItemIsPlacedInAStoryAndACopyJoinsItsOriginalsStory() throws {
        let replay = Replay(analyzer: try Analyzer(topics: [T.topic]))
        let result = replay.run([
            stored(T.proposal, T.harbor), stored(T.rejection, T.harbor), stored(T.rejection, T.lakeside),
        ])
        #expect(result.placements.map(\.topic) == ["ceasefire", "ceasefire", "ceasefire"])
        #expect(result.placements.map(\.feed) == ["Harbor Wire", "Harbor Wire", "Lakeside Ledger"])
        #expect(result.placements[2].story == result.placements[1].story)
        #expect(result.placements[2].article == result.placements[1].article)
        #expect(result.placements[1].story != result.placements[0].story)
        #expect(result.placements[2].revision == "duplicate")
        #expect(result.placements[0].revision == nil)
        #expect(result.placements[0].guid == T.proposal.id && result.placements[0].link == T.proposal.link)
    }

    @Test func theSameItemTwiceInOneFeedIsReplayedOnce() throws {
        let replay = Replay(analyzer: try Analyzer(topics: [T.topic]))
        let alerts = replay.alerts(for: [stored(T.proposal, T.harbor), stored(T.proposal, T.harbor)])
        #expect(alerts.count == 1)
    }

    @Test func fromAndToLimitTheEventTimesReplayed() throws {
        let replay = Replay(analyzer: try Analyzer(topics: [T.topic]))
        let items = [stored(T.proposal, T.harbor), stored(T.rejection, T.harbor), stored(T.talksInDoha, T.harbor)]
        let alerts = replay.alerts(for: items, from: AnalysisSamples.at(hours: 1), to: AnalysisSamples.at(hours: 40))
        #expect(alerts.map(\.evidence.first?.title) == [T.rejection.title])
    }

    @Test func storedItemsComeBackInEventTimeOrderWithinTheRange() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.path + "/replay.sqlite")
        let feeds = try await store.syncFeeds(
            [FeedConfiguration(url: "https://harbor.example/feed", name: "Harbor Wire")],
            now: AnalysisSamples.start
        )
        let feed = try #require(feeds.first).reference
        let analyzer = try Analyzer(topics: [])
        for item in [T.talksInDoha, T.proposal, T.rejection] {
            try await store.ingest(
                analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 100)),
                topicStates: [],
                alerts: [],
                sinks: []
            )
        }
        let all = try await store.items(from: nil, to: nil)
        #expect(all.map(\.item.title) == [T.proposal.title, T.rejection.title, T.talksInDoha.title])
        #expect(all.first?.feed == feed)
        #expect(all.first?.item == T.proposal)
        #expect(all.first?.firstSeen == AnalysisSamples.at(hours: 100))
        let middle = try await store.items(from: AnalysisSamples.at(hours: 1), to: AnalysisSamples.at(hours: 40))
        #expect(middle.map(\.item.title) == [T.rejection.title])
    }
}
