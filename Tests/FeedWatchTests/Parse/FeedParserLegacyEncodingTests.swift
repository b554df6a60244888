import Foundation
import Testing

@testable import FeedWatchParse

#if canImport(Glibc)
    import Glibc
#endif

/// Encodings of old feeds: names only Python knows, EBCDIC, undeclared legacy encodings guessed from the bytes, and
/// what a non-XML media type says.
@Suite("FeedParser: legacy encodings")
struct FeedParserLegacyEncodingTests {
    /// A text in UTF-8 converted to `encoding` with iconv.
    private static func encode(_ text: String, as encoding: String) throws -> Data {
        let descriptor = iconv_open(encoding, "UTF-8")
        try #require(descriptor != iconv_t(bitPattern: -1))
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written: Int = input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                _ = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return outputBuffer.count - outLeft
            }
        }
        return Data(output[..<written])
    }

    private static func rss(title: String, declaring encoding: String? = nil) -> String {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? ""
        return declaration + "<rss version=\"2.0\"><channel><title>\(title)</title><item><title>x</title></item>"
            + "</channel></rss>"
    }

    @Test func readsAnEncodingWhoseNameLibxml2Refuses() throws {
        let feed = try FeedParser().parse(Self.encode(Self.rss(title: "Ç", declaring: "437"), as: "IBM437"), url: nil)
        #expect(feed.title == "Ç")
        #expect(feed.encoding == "437")
        #expect(feed.wellformed)
    }

    @Test(arguments: [("windows_1251", "WINDOWS-1251", "Ж"), ("macroman", "MACINTOSH", "Ä"), ("cp_is", "IBM861", "Ç")])
    func readsEncodingsByThePythonNamesFeedsDeclare(name: String, iconvName: String, title: String) throws {
        let feed = try FeedParser().parse(Self.encode(Self.rss(title: title, declaring: name), as: iconvName), url: nil)
        #expect(feed.title == title)
        #expect(feed.wellformed)
    }

    @Test func readsAnEBCDICDocumentByItsDeclaration() throws {
        let bytes = try Self.encode(Self.rss(title: "Mainframe news", declaring: "cp500"), as: "IBM500")
        let feed = try FeedParser().parse(bytes, url: nil)
        #expect(feed.title == "Mainframe news")
        #expect(feed.encoding == "cp500")
        #expect(feed.items.count == 1)
    }

    @Test(arguments: [
        ("KOI8-R", "koi8-r", "Новости дня: правительство объявило о новых мерах поддержки"),
        ("SHIFT_JIS", "shift_jis", "今日のニュースです。東京で新しい駅が開業しました"),
        ("EUC-KR", "euc-kr", "오늘의 뉴스입니다. 서울에서 새로운 역이 문을 열었습니다"),
        ("WINDOWS-1255", "windows-1255", "חדשות היום: הממשלה הודיעה על צעדים חדשים"),
    ])
    func guessesAnUndeclaredLegacyEncodingAndFlagsIt(iconvName: String, reported: String, title: String) throws {
        let feed = try FeedParser().parse(Self.encode(Self.rss(title: title), as: iconvName), url: nil)
        #expect(feed.encoding == reported)
        #expect(feed.title == title)
        #expect(!feed.wellformed)
    }

    @Test func readsAnUndeclaredLatinDocumentAsWindows1252() throws {
        let bytes = try #require(Self.rss(title: "Café crème, déjà vu à Genève").data(using: .isoLatin1))
        let feed = try FeedParser().parse(bytes, url: nil)
        #expect(feed.encoding == "windows-1252")
        #expect(feed.title == "Café crème, déjà vu à Genève")
        #expect(!feed.wellformed)
    }

    @Test func readsGB2312AsItsSupersetGB18030() throws {
        let bytes = try Self.encode(Self.rss(title: "新闻", declaring: "gb2312"), as: "GB2312")
        let feed = try FeedParser().parse(bytes, url: nil)
        #expect(feed.title == "新闻")
        #expect(feed.encoding == "gb18030")
    }

    @Test func readsSmartQuotesOfADocumentDeclaredLatin1AsWindows1252() throws {
        var bytes = Data(Self.rss(title: "", declaring: "iso-8859-1").utf8)
        let titleEnd = try #require(bytes.range(of: Data("</title>".utf8)))
        bytes.replaceSubrange(titleEnd.lowerBound..<titleEnd.lowerBound, with: [0x64, 0x6F, 0x6E, 0x92, 0x74])
        #expect(try FeedParser().parse(bytes, url: nil).title == "don\u{2019}t")
    }

    @Test func flagsAFeedServedAsPlainTextButReadsIt() throws {
        let feed = try FeedParser().parse(Data(Self.rss(title: "T").utf8), url: nil, contentType: "text/plain")
        #expect(feed.title == "T")
        #expect(feed.items.count == 1)
        #expect(!feed.wellformed)
    }

    @Test func reportsUSASCIIForAnASCIIDocumentServedAsTextWithoutCharset() throws {
        let feed = try FeedParser().parse(Data(Self.rss(title: "T").utf8), url: nil, contentType: "text/xml")
        #expect(feed.encoding == "us-ascii")
        #expect(feed.wellformed)
    }

    @Test func readsAUTF8DocumentServedAsTextXMLByItsDeclaration() throws {
        let body = Data(Self.rss(title: "Größe", declaring: "utf-8").utf8)
        let feed = try FeedParser().parse(body, url: nil, contentType: "text/xml")
        #expect(feed.encoding == "utf-8")
        #expect(feed.title == "Größe")
        #expect(feed.wellformed)
    }
}
