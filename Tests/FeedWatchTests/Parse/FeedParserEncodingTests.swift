import Foundation
import Testing

@testable import FeedWatchParse

/// Every path by which a document's encoding is decided, each with a title holding non-ASCII text.
@Suite("FeedParser: encodings")
struct FeedParserEncodingTests {
    private static let title = "Café Zürich"

    private static func document(declaring encoding: String? = nil) -> String {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? "<?xml version=\"1.0\"?>"
        return declaration + "<rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
    }

    private func parse(_ data: Data, contentType: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(data, url: "https://enc.example/feed", contentType: contentType)
    }

    @Test func readsUTF8WithAByteOrderMark() throws {
        let feed = try parse(Data([0xEF, 0xBB, 0xBF]) + Data(Self.document().utf8))
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "utf-8")
        #expect(feed.wellformed)
    }

    @Test(arguments: [
        (String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE]), "utf-16le"),
        (.utf16BigEndian, [0xFE, 0xFF], "utf-16be"),
        (.utf32LittleEndian, [0xFF, 0xFE, 0x00, 0x00], "utf-32le"),
        (.utf32BigEndian, [0x00, 0x00, 0xFE, 0xFF], "utf-32be"),
    ])
    func readsUTF16And32WithAByteOrderMark(encoding: String.Encoding, mark: [UInt8], name: String) throws {
        let body = try #require(Self.document(declaring: "UTF-16").data(using: encoding))
        let feed = try parse(Data(mark) + body)
        #expect(feed.title == Self.title)
        #expect(feed.encoding == name)
    }

    @Test func readsUTF16WithoutAByteOrderMarkFromItsShape() throws {
        let body = try #require(Self.document().data(using: .utf16BigEndian))
        let feed = try parse(body)
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "utf-16be")
    }

    @Test func readsTheEncodingOfTheXMLDeclaration() throws {
        let body = try #require(Self.document(declaring: "ISO-8859-1").data(using: .isoLatin1))
        let feed = try parse(body)
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.wellformed)
    }

    @Test func letsTheHTTPCharsetOverrideTheDeclaration() throws {
        let body = try #require(Self.document(declaring: "UTF-8").data(using: .isoLatin1))
        let feed = try parse(body, contentType: "application/rss+xml; charset=\"ISO-8859-1\"")
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.wellformed)
    }

    @Test func decodesLegacySingleByteCharsetsThroughIconv() throws {
        var bytes = Data("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += Data([0xEE, 0xCF, 0xD7, 0xCF, 0xD3, 0xD4, 0xC9])
        bytes += Data("</title></channel></rss>".utf8)
        let feed = try parse(bytes)
        #expect(feed.title == "Новости")
        #expect(feed.encoding == "koi8-r")
    }

    @Test func fallsBackToWindows1252WhenDeclaredUTF8IsNot() throws {
        let body = try #require(Self.document(declaring: "UTF-8").data(using: .isoLatin1))
        let feed = try parse(body)
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "windows-1252")
        #expect(feed.wellformed == false)
    }

    @Test func fallsBackWhenTheDeclaredEncodingIsUnknown() throws {
        let feed = try parse(Data(Self.document(declaring: "x-no-such-charset").utf8))
        #expect(feed.title == Self.title)
        #expect(feed.encoding == "utf-8")
        #expect(feed.wellformed == false)
    }

    @Test func readsWindows1252Punctuation() throws {
        var bytes = Data("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += Data([0x93, 0x4F, 0x4B, 0x94, 0x20, 0x80])
        bytes += Data("</title></channel></rss>".utf8)
        #expect(try parse(bytes).title == "\u{201C}OK\u{201D} €")
    }

    @Test func readsTheCharsetParameterOfAContentType() {
        #expect(DocumentDecoder.charset(inContentType: "text/xml;charset=KOI8-R") == "KOI8-R")
        #expect(DocumentDecoder.charset(inContentType: "text/xml; q=1; Charset='utf-8'") == "utf-8")
        #expect(DocumentDecoder.charset(inContentType: "application/atom+xml") == nil)
    }
}
