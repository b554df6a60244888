import Foundation
import Logging
import Testing

@testable import FeedWatchObservability

@Suite("LogfmtLogHandler: one logfmt line per event")
struct LogfmtLogHandlerTests {
    private func logger(journal: Bool, lines: LineRecorder) -> Logger {
        Logger(label: "test") { label in
            LogfmtLogHandler(label: label, journal: journal, write: lines.record)
        }
    }

    @Test func writesLevelMessageAndSortedMetadata() {
        let lines = LineRecorder()
        logger(journal: false, lines: lines).warning(
            "feed fetch failed",
            metadata: ["feed": "https://hw.example/feed.xml", "error": "the server answered HTTP 503"]
        )
        let line = lines.lines.first ?? ""
        #expect(line.hasPrefix("ts="))
        #expect(
            line.hasSuffix(
                "level=warning msg=\"feed fetch failed\" error=\"the server answered HTTP 503\" "
                    + "feed=https://hw.example/feed.xml"
            )
        )
    }

    @Test func underTheJournalLinesCarryThePriorityInsteadOfATimestamp() {
        let lines = LineRecorder()
        let logger = logger(journal: true, lines: lines)
        logger.error("poll cycle failed")
        logger.info("poll loop started")
        #expect(lines.lines == ["<3>level=error msg=\"poll cycle failed\"", "<6>level=info msg=\"poll loop started\""])
    }

    @Test func journalStreamMustMatchStandardError() {
        #expect(!LogfmtLogHandler.standardErrorIsJournal(environment: [:]))
        #expect(!LogfmtLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "0:0"]))
    }

    @Test func valuesWithSpacesQuotesOrNewlinesAreQuoted() {
        #expect(LogfmtLogHandler.quote("plain") == "plain")
        #expect(LogfmtLogHandler.quote("two words") == "\"two words\"")
        #expect(LogfmtLogHandler.quote("say \"no\"") == "\"say \\\"no\\\"\"")
        #expect(LogfmtLogHandler.quote("a\nb") == "\"a\\nb\"")
        #expect(LogfmtLogHandler.quote("") == "\"\"")
    }

    @Test func everyControlCharacterIsEscapedSoAFeedTitleCannotForgeALineOrDriveATerminal() {
        #expect(LogfmtLogHandler.quote("a\rb\tc") == #""a\rb\tc""#)
        #expect(LogfmtLogHandler.quote("red\u{1B}[31mtext") == #""red\u001b[31mtext""#)
        #expect(LogfmtLogHandler.quote("nul\u{0}del\u{7F}c1\u{85}") == #""nul\u0000del\u007fc1\u0085""#)
        #expect(LogfmtLogHandler.quote("line\u{2028}sep") == #""line\u2028sep""#)
        #expect(LogfmtLogHandler.quote("back\\slash") == #""back\\slash""#)
    }

    @Test func printedJSONEscapesTheControlsJSONLeavesRaw() throws {
        let json = "{\"summary\":\"csi\u{9B}31m del\u{7F} sep\u{2028} ok é\"}"
        let safe = LogfmtLogHandler.terminalSafe(json: json)
        #expect(safe == #"{"summary":"csi\u009b31m del\u007f sep\u2028 ok é"}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: String]
        #expect(decoded?["summary"] == "csi\u{9B}31m del\u{7F} sep\u{2028} ok é")
    }
}
