import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchCore

@Suite("DedupeKey")
struct DedupeKeyTests {
    @Test func guidIsPreferred() {
        let item = FeedItem(id: "urn:harbor:4411", title: "Truce plan", link: "https://example.org/a")
        #expect(DedupeKey.key(for: item, contentHash: "abc") == "id:urn:harbor:4411")
    }

    @Test func blankGuidFallsBackToTheCanonicalLink() {
        let item = FeedItem(id: "  ", link: "HTTPS://News.Example.ORG/world/truce-plan/?utm_source=rss&id=7#top")
        #expect(DedupeKey.key(for: item, contentHash: "abc") == "link:https://news.example.org/world/truce-plan?id=7")
    }

    @Test(arguments: [
        ("https://Example.org/a/", "https://example.org/a"),
        ("https://example.org/a?utm_medium=feed&utm_campaign=x", "https://example.org/a"),
        ("https://example.org:443/a?b=1&UTM_Source=x&c=2", "https://example.org/a?b=1&c=2"),
        ("http://example.org:8080/A/Path#frag", "http://example.org:8080/A/Path"),
        ("https://example.org/", "https://example.org"),
        ("not a url#part", "not a url"),
    ])
    func canonicalLinkDropsTrackingFragmentAndTrailingSlash(link: String, expected: String) {
        #expect(DedupeKey.canonicalLink(link) == expected)
    }

    @Test func missingGuidAndLinkFallBackToTheContentHash() {
        let item = FeedItem(title: "Truce plan", summary: "Mediators share a plan.")
        let hash = DedupeKey.contentHash(for: item)
        #expect(DedupeKey.key(for: item, contentHash: hash) == "hash:" + hash)
    }

    @Test(arguments: [
        FeedItem(title: "U.S. envoy didn't sign; Hamas's reply", summary: "Talks in Doha: 1,200 km, 3.5 %."),
        FeedItem(title: "Ｆｕｌｌ-width ﬁnal Straße", content: "Crème brûlée won't wait. O'Brien's café…"),
        FeedItem(title: "", summary: "Only a summary, can't you see?", content: " — … "),
        FeedItem(title: "Only a title"),
        FeedItem(),
    ])
    func contentHashFromJoinedBytesEqualsTheHashOfTheTokens(item: FeedItem) {
        let fromTokens = DedupeKey.contentHash(
            title: TextNormalizer.tokens(item.title ?? ""),
            summary: TextNormalizer.tokens(item.summary ?? ""),
            content: TextNormalizer.tokens(item.content ?? "")
        )
        #expect(DedupeKey.contentHash(for: item) == fromTokens)
    }

    @Test func contentHashIgnoresCaseAndPunctuation() {
        let first = FeedItem(title: "Truce plan: Hamas replies", summary: "Mediators share a plan.")
        let second = FeedItem(title: "TRUCE PLAN — Hamas replies", summary: "mediators share a plan")
        #expect(DedupeKey.contentHash(for: first) == DedupeKey.contentHash(for: second))
        #expect(DedupeKey.contentHash(for: first) != DedupeKey.contentHash(for: FeedItem(title: "Other")))
    }
}

@Suite("DedupeKey: which keys name an item across feeds")
struct DedupeKeyScopeTests {
    @Test(arguments: [
        ("id:42", false), ("id:item-7", false), ("id:harbor-wire-2026-0301", true),
        ("id:https://hw.example/a", true), ("id:urn:uuid:1b4e28ba", true), ("id:tag:hw.example,2026:1", true),
        ("link:https://hw.example/a", true), ("hash:0a1b2c", true),
    ])
    func shortGuidsAreOnlyUniqueWithinTheirFeed(key: String, global: Bool) {
        #expect(DedupeKey.isGloballyUnique(key) == global)
    }

    @Test func contentHashIsTheStableHashOfTitleAndBodyJoinedBySpaces() {
        let title = ["truce", "talks", "résumé"]
        let body = ["mediators", "met", "in", "doha"]
        #expect(
            DedupeKey.contentHash(title: title, summary: ["teaser"], content: body)
                == StableHash.hex(["truce talks résumé", "mediators met in doha"])
        )
        #expect(DedupeKey.contentHash(title: [], summary: ["teaser"], content: []) == StableHash.hex(["", "teaser"]))
    }
}
