import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

@Suite("ParsedFeed JSON")
struct ParsedFeedJSONTests {
    private func object(_ feed: ParsedFeed) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: feed.jsonRepresentation()) as? [String: Any])
    }

    @Test func writesDatesAsISO8601UTCSeconds() {
        #expect(ParsedFeed.iso8601(Date(timeIntervalSince1970: 1_072_986_501.75)) == "2004-01-01T19:48:21Z")
        #expect(ParsedFeed.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func leavesAbsentValuesOutAndKeepsEmptyOnes() throws {
        let feed = ParsedFeed(
            format: .rss,
            items: [FeedItem(title: nil, summaryDetail: FeedText(type: "text", value: ""))]
        )
        let json = try object(feed)
        #expect(json["wellformed"] as? Bool == true)
        #expect(json["encoding"] == nil)
        let item = try #require((json["items"] as? [[String: Any]])?.first)
        #expect(item["title"] == nil)
        #expect(item["summary"] as? String == "")
        #expect(item["summary_type"] as? String == "text")
    }

    @Test func writesTheWholeModel() throws {
        let item = FeedItem(
            id: "i1",
            link: "https://x.example/1",
            published: Date(timeIntervalSince1970: 0),
            titleDetail: FeedText(type: "html", value: "<b>T</b>"),
            contents: [FeedText(type: "html", value: "<p>c</p>")],
            authorDetails: [FeedPerson(name: "N", email: "n@x.example")],
            categoryDetails: [FeedCategory(term: "t", scheme: "s", label: "l")],
            enclosures: [FeedEnclosure(url: "https://x.example/a.mp3", type: "audio/mpeg", length: 3)]
        )
        let feed = ParsedFeed(format: .atom, items: [item], encoding: "utf-8", language: "en", id: "f")
        let json = try object(feed)
        let feedObject = try #require(json["feed"] as? [String: Any])
        #expect(feedObject["language"] as? String == "en")
        #expect(feedObject["id"] as? String == "f")
        let first = try #require((json["items"] as? [[String: Any]])?.first)
        #expect(first["title"] as? String == "<b>T</b>")
        #expect(first["title_type"] as? String == "html")
        #expect(first["published"] as? String == "1970-01-01T00:00:00Z")
        #expect((first["content"] as? [[String: String]]) == [["type": "html", "value": "<p>c</p>"]])
        #expect((first["authors"] as? [[String: String]]) == [["name": "N", "email": "n@x.example"]])
        #expect((first["categories"] as? [[String: String]]) == [["term": "t", "scheme": "s", "label": "l"]])
        let enclosure = try #require((first["enclosures"] as? [[String: Any]])?.first)
        #expect(enclosure["length"] as? Int == 3)
    }
}
