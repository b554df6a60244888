import Testing

@testable import FeedWatchTransport

@Suite("HostGate: per-host connection limit and gap")
struct HostGateTests {
    @Test func aHostAtItsLimitIsBusyUntilATransferFinishes() {
        var gate = HostGate(gap: 0, limit: 2)
        gate.started("a.example", at: 0)
        gate.started("a.example", at: 0)
        #expect(gate.decision(for: "a.example", at: 1) == .busy)
        #expect(gate.decision(for: "b.example", at: 1) == .ready)
        gate.finished("a.example")
        #expect(gate.decision(for: "a.example", at: 1) == .ready)
    }

    @Test func startsToOneHostWaitForTheGap() {
        var gate = HostGate(gap: 1, limit: 2)
        gate.started("a.example", at: 10)
        #expect(gate.decision(for: "a.example", at: 10.25) == .wait(0.75))
        #expect(gate.decision(for: "a.example", at: 11) == .ready)
    }

    @Test func theGapOutlivesABatch() {
        var gate = HostGate(gap: 1, limit: 2)
        gate.started("a.example", at: 10)
        gate.clearRunning()
        #expect(gate.decision(for: "a.example", at: 10.5) == .wait(0.5))
    }

    @Test func hostKeysIgnoreCaseAndFileURLsHaveNone() {
        #expect(HostGate.key(for: "https://News.Example.org:8443/feed") == "news.example.org")
        #expect(HostGate.key(for: "file:///tmp/feed.xml") == nil)
    }
}
