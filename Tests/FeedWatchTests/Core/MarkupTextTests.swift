import Testing

@testable import FeedWatchCore

/// The one escaping rule of the XML and HTML feedwatch writes (dashboard, Atom feed of alerts, OPML).
@Suite("MarkupText: escaping hostile text for generated markup")
struct MarkupTextTests {
    @Test func markupCharactersBecomeReferences() {
        #expect(
            MarkupText.escape(#"<script>"x" & 'y'</script>"#)
                == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        )
    }

    @Test func lineBreaksSurviveInAttributesAndForbiddenControlsAreDropped() {
        #expect(MarkupText.escape("a\nb\r\tc\u{0}\u{1B}d") == "a&#10;b&#13;\tcd")
    }

    @Test func otherTextIsKeptAsWritten() {
        #expect(MarkupText.escape("Gaza truce — “talks” résumé 🕊") == "Gaza truce — “talks” résumé 🕊")
    }
}
