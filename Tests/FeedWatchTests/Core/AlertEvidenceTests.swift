import Foundation
import Testing

@testable import FeedWatchCore

@Suite("Alert evidence: links a chat client or browser can safely open")
struct AlertEvidenceTests {
    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://x",
    ])
    func aLinkWithAnotherSchemeThanHTTPIsDropped(link: String) {
        #expect(Alert.Evidence(title: "t", link: link, feed: "f", published: nil).link == nil)
    }

    @Test func webLinksAreKept() {
        #expect(
            Alert.Evidence(title: "t", link: "HTTPS://a.example/x", feed: "f", published: nil).link
                == "HTTPS://a.example/x"
        )
        #expect(
            Alert.Evidence(title: "t", link: "http://a.example/", feed: "f", published: nil).link
                == "http://a.example/"
        )
    }

    @Test func aStoredEvidenceWithAHostileLinkLosesItWhenRead() throws {
        let stored = Data(#"{"title":"t","link":"javascript:alert(1)","feed":"f"}"#.utf8)
        let evidence = try JSONDecoder().decode(Alert.Evidence.self, from: stored)
        #expect(evidence.link == nil)
        #expect(evidence.title == "t")
    }

    @Test func evidenceEncodesItsLinkUnderTheKeyLink() throws {
        let evidence = Alert.Evidence(title: nil, link: "https://a.example/", feed: "f", published: nil)
        let json = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        #expect(json.contains(#""link":"https:\/\/a.example\/""#))
    }
}
