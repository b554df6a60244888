import Foundation
import Testing

@testable import FeedWatchParse

@Suite("FeedParser: hostile documents")
struct FeedParserSecurityTests {
    @Test func rejectsBillionLaughsQuickly() throws {
        let data = try ParseFixture.data("billion-laughs.xml")
        let clock = ContinuousClock()
        var error: ParseError?
        let elapsed = clock.measure { error = ParseFixture.error(parsing: data) }
        #expect(error?.code == .forbiddenEntity)
        #expect(elapsed < .seconds(1))
    }

    @Test func rejectsExternalEntityWithoutReadingTheFile() throws {
        let error = try #require(ParseFixture.error(parsing: ParseFixture.data("xxe.xml")))
        #expect(error.code == .forbiddenEntity)
        #expect(!error.description.contains("root:"))
        #expect(!error.message.contains("root:"))
    }

    @Test func rejectsQuadraticBlowup() {
        let payload = String(repeating: "x", count: 50_000)
        let references = String(repeating: "&big;", count: 50_000)
        let xml =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"\(payload)\">]>\n"
            + "<rss><channel><title>\(references)</title></channel></rss>"
        let error = ParseFixture.error(parsing: Data(xml.utf8))
        #expect(error?.code == .forbiddenEntity)
    }

    @Test func rejectsEntityReferenceHiddenFromThePrologScan() throws {
        let xml = "<!DOCTYPE rss [<!ENTITY greeting \"hi\">]><rss><channel><title>&greeting;</title></channel></rss>"
        #expect(ParseFixture.error(parsing: Self.utf16(xml))?.code == .forbiddenEntity)
    }

    @Test func rejectsBillionLaughsHiddenFromThePrologScan() throws {
        let xml = String(decoding: try ParseFixture.data("billion-laughs.xml"), as: UTF8.self)
        let data = Self.utf16(xml.replacingOccurrences(of: "<?xml version=\"1.0\"?>", with: ""))
        let clock = ContinuousClock()
        var error: ParseError?
        let elapsed = clock.measure { error = ParseFixture.error(parsing: data) }
        #expect(error?.code == .forbiddenEntity)
        #expect(elapsed < .seconds(1))
    }

    /// The text as UTF-16LE with a byte order mark, an encoding the prolog scan does not read.
    private static func utf16(_ text: String) -> Data {
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 {
            data.append(UInt8(unit & 0xFF))
            data.append(UInt8(unit >> 8))
        }
        return data
    }

    @Test func rejectsDepthBombAsTooDeep() {
        let depth = 10_000
        let xml =
            "<rss><channel>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</channel></rss>"
        #expect(ParseFixture.error(parsing: Data(xml.utf8))?.code == .tooDeep)
    }

    @Test func enforcesAConfiguredDepthLimit() {
        let xml = "<rss><channel><item><title><b>deep</b></title></item></channel></rss>"
        let error = ParseFixture.error(parsing: Data(xml.utf8), limits: ParseLimits(maxDepth: 4))
        #expect(error?.code == .tooDeep)
    }

    @Test func rejectsDocumentsOverMaxBytesBeforeParsing() {
        let data = Data(repeating: UInt8(ascii: "<"), count: 2_048)
        let error = ParseFixture.error(parsing: data, limits: ParseLimits(maxBytes: 1_024))
        #expect(error?.code == .tooLarge)
    }

    /// A handler that only records whether it saw anything.
    private struct Counter: XMLEventHandler {
        var elements = 0
        var wantsText: Bool { false }
        mutating func startElement(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) { elements += 1 }
        mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {}
        mutating func endElement() throws(ParseError) {}
    }

    @Test func refusesDeclaredEntitiesInRecoveryModeToo() {
        let xml = "<!DOCTYPE rss [<!ENTITY e \"x\">]><rss><channel><title>&e;<item></channel>"
        var counter = Counter()
        #expect(throws: LibXML2Reader.Failure.self) {
            try LibXML2Reader.read(Data(xml.utf8), url: nil, maxDepth: 256, recovering: true, into: &counter)
        }
    }

    @Test func enforcesTheDepthLimitInRecoveryMode() {
        let xml = "<rss><channel><item><title><b><i>deep</title></item>"
        var counter = Counter()
        do {
            try LibXML2Reader.read(Data(xml.utf8), url: nil, maxDepth: 4, recovering: true, into: &counter)
            Issue.record("a document deeper than the limit was read")
        } catch {
            #expect(error.error.code == .tooDeep)
        }
    }

    @Test func refusesADeeplyNestedJSONFeed() {
        let json = "{\"items\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(ParseFixture.error(parsing: Data(json.utf8))?.code == .tooDeep)
    }

    @Test func neverLoadsAnExternalDTD() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss version="2.0"><channel>
            <title>T</title></channel></rss>
            """
        #expect(try FeedParser().parse(Data(xml.utf8), url: nil).title == "T")
    }
}
