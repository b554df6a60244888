import Foundation
import Testing

@testable import FeedWatchParse

@Suite("HTML sanitizing")
struct HTMLSanitizerTests {
    private let base = URL(string: "https://site.example/news/today/")

    @Test func removesScriptsAndStylesWithTheirContent() {
        let result = HTMLText.sanitize("<p>Hi<script>steal()</script><style>p{}</style></p>", base: nil)
        #expect(result.html == "<p>Hi</p>")
        #expect(result.text == "Hi")
    }

    @Test func removesEventHandlersAndStyleAttributes() {
        let result = HTMLText.sanitize("<b onclick=\"x()\" style=\"color:red\" title=\"t\">bold</b>", base: nil)
        #expect(result.html == "<b title=\"t\">bold</b>")
    }

    @Test(arguments: ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:x"])
    func removesScriptURLs(url: String) {
        let result = HTMLText.sanitize("<a href=\"\(url)\">go</a>", base: nil)
        #expect(result.html == "<a>go</a>")
    }

    @Test func resolvesRelativeLinksAgainstTheBase() {
        let result = HTMLText.sanitize("<a href=\"../archive\">old</a><img src=\"/logo.png\">", base: base)
        #expect(
            result.html
                == "<a href=\"https://site.example/news/archive\">old</a><img src=\"https://site.example/logo.png\">"
        )
    }

    @Test func unwrapsUnknownElementsAndDropsFrames() {
        let result = HTMLText.sanitize(
            "<custom-tag>kept</custom-tag><iframe src=\"https://evil.example\">x</iframe>",
            base: nil
        )
        #expect(result.html == "kept")
    }

    @Test func escapesTextAndDecodesEntitiesForAnalysis() {
        let result = HTMLText.sanitize("<p>1 &lt; 2 &amp;&nbsp;3</p>", base: nil)
        #expect(result.html == "<p>1 &lt; 2 &amp;\u{A0}3</p>")
        #expect(result.text == "1 < 2 & 3")
    }

    @Test func lowersUpperCaseElementAndAttributeNames() {
        let result = HTMLText.sanitize("<P><A HREF=\"/desk\" ONCLICK=\"x()\">Desk</A></P>", base: base)
        #expect(result.html == "<p><a href=\"https://site.example/desk\">Desk</a></p>")
    }

    @Test func anEndTagClosesOnlyAnElementOfTheSameLongName() {
        let result = HTMLText.sanitize(
            "<harbor-council-notice-a><b>Vote</harbor-council-notice-b> delayed</b></harbor-council-notice-a>",
            base: nil
        )
        #expect(result.html == "<b>Vote delayed</b>")
        #expect(result.text == "Vote delayed")
    }
}
