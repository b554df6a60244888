import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

@Suite("HTMLText")
struct HTMLTextTests {
    @Test func removesTagsAndCollapsesWhitespace() {
        #expect(HTMLText.plainText("  <p>Talks <b>resume</b>\n\n   today</p> ") == "Talks resume today")
    }

    @Test func dropsScriptStyleAndNoscript() {
        let html = "<style>p{color:red}</style><p>Truce</p><script>alert(1)</script><noscript>Enable JS</noscript>"
        #expect(HTMLText.plainText(html) == "Truce")
    }

    @Test func separatesBlockElements() {
        #expect(
            HTMLText.plainText("<h1>Talks</h1><div>Day one</div><p>a</p><p>b<br>c</p><ul><li>x</li><li>y</li></ul>")
                == "Talks Day one a b c x y"
        )
    }

    @Test func decodesNamedNumericAndHexEntities() {
        #expect(
            HTMLText.plainText("A&nbsp;truce &mdash; it&rsquo;s &#8220;fragile&#x201D; &amp; new")
                == "A truce \u{2014} it\u{2019}s \u{201C}fragile\u{201D} & new"
        )
    }

    @Test func keepsInlineElementsInsideWords() {
        #expect(HTMLText.plainText("cease<i>fire</i>") == "ceasefire")
    }

    @Test func leavesPlainTextAlone() {
        #expect(HTMLText.plainText("5 < 6 and  7 > 3") == "5 < 6 and 7 > 3")
    }

    @Test(arguments: [
        "", "<", "<<>>&&;", "<p", "</div></div>", "&#xFFFFFFFF;", "<![CDATA[", "\u{0}<b>\u{0}",
        String(repeating: "<div>", count: 5_000),
    ])
    func survivesGarbage(html: String) {
        _ = HTMLText.plainText(html)
    }
}

@Suite("HTMLText: fields of one document share buffers")
struct HTMLTextSharedBufferTests {
    @Test func eachItemsDescriptionIsSanitizedAsIfAlone() throws {
        let descriptions = [
            "<p>A long first report from <a href=\"/doha\">Doha</a>, with <b>bold</b> words and more words.</p>",
            "<i>Short</i>",
            "Plain text, no markup",
            "<p>Third &amp; last</p><script>x()</script>",
        ]
        let items = descriptions.map { "<item><title>t</title><description><![CDATA[\($0)]]></description></item>" }
        let xml = "<rss version=\"2.0\"><channel><title>c</title>\(items.joined())</channel></rss>"
        let feed = try FeedParser().parse(Data(xml.utf8), url: "https://news.example.org/rss")
        #expect(feed.items.count == descriptions.count)
        for (item, description) in zip(feed.items, descriptions) {
            let alone = HTMLText.sanitize(description, base: URL(string: "https://news.example.org/rss"))
            #expect(item.summary == alone.text)
            #expect(item.summaryDetail?.value == alone.html)
        }
    }
}
