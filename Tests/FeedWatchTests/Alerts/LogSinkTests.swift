import Foundation
import Synchronization
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("LogSink: one line per alert")
struct LogSinkTests {
    private let statusChange = Alert(
        id: "3f2a",
        topic: "ceasefire",
        kind: .statusChange,
        at: Date(timeIntervalSince1970: 1_772_447_400),
        createdAt: Date(timeIntervalSince1970: 1_772_447_460),
        summary: "\"Ceasefire talks\" moved from proposed to rejected: Israel rejects the plan (Harbor Wire)",
        status: .init(from: "proposed", to: "rejected"),
        evidence: [
            .init(title: "Israel rejects the plan", link: "https://hw.example/2", feed: "Harbor Wire", published: nil)
        ]
    )

    @Test func logfmtLineCarriesStableKeysAndQuotesValues() async {
        let lines = Mutex<[String]>([])
        let sink = LogSink(configuration: .init(format: .logfmt)) { line in lines.withLock { $0.append(line) } }
        #expect(await sink.deliver(statusChange) == .delivered)
        let line = lines.withLock { $0 }
        #expect(line.count == 1)
        #expect(
            line[0]
                == "alert=3f2a topic=ceasefire kind=status_change at=2026-03-02T10:30:00Z from=proposed to=rejected "
                + "summary=\"\\\"Ceasefire talks\\\" moved from proposed to rejected: Israel rejects the plan "
                + "(Harbor Wire)\" feed=\"Harbor Wire\" link=https://hw.example/2"
        )
    }

    @Test func jsonLineIsTheAlertPayload() throws {
        let sink = LogSink(configuration: .init(format: .json)) { _ in }
        let line = sink.line(for: statusChange)
        #expect(!line.contains("\n"))
        let decoded = try AlertPayload.decode(Data(line.utf8))
        #expect(decoded.id == statusChange.id)
        #expect(decoded.status == statusChange.status)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "topic", "kind", "at", "created_at", "summary", "status", "evidence"])
        #expect(object["at"] as? String == "2026-03-02T10:30:00Z")
    }
}
