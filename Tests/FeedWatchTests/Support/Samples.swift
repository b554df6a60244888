import Foundation

@testable import FeedWatchAnalysis
@testable import FeedWatchCore

/// Small hand-made values for store and alert tests.
enum Sample {
    static let march1 = Date(timeIntervalSince1970: 1_772_352_000)  // 2026-03-01T08:00:00Z

    static func item(
        feed: FeedReference,
        key: String,
        title: String = "Mediators meet in Cairo",
        at time: Date = march1,
        hash: String? = nil,
        topics: [String: TopicMatch] = [:]
    ) -> AnalyzedItem {
        AnalyzedItem(
            feed: feed,
            item: FeedItem(id: key, title: title, link: "https://news.example/\(key)", published: time),
            dedupeKey: "id:" + key,
            contentHash: hash ?? "hash-" + key,
            eventTime: time,
            firstSeen: time,
            matches: topics
        )
    }

    static func alert(id: String, topic: String = "ceasefire", at time: Date = march1) -> Alert {
        Alert(
            id: id,
            topic: topic,
            kind: .newStory,
            at: time,
            createdAt: time.addingTimeInterval(60),
            summary: "New story in \"Ceasefire talks\": Mediators meet in Cairo (Harbor Wire)",
            evidence: [
                Alert.Evidence(
                    title: "Mediators meet in Cairo",
                    link: "https://news.example/\(id)",
                    feed: "Harbor Wire",
                    published: time
                )
            ]
        )
    }
}
