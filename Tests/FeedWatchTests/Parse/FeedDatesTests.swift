import Foundation
import Testing

@testable import FeedWatchParse

/// The date formats of old and odd feeds that `FeedDates` reads on top of RFC 822 and ISO 8601.
@Suite("FeedDates: legacy formats")
struct FeedDatesTests {
    private static func utc(_ date: Date?) -> String? {
        date.map(ParsedFeed.iso8601)
    }

    @Test(arguments: [
        ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"),
        ("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"),
    ])
    func readsAsctime(text: String, expected: String) {
        #expect(Self.utc(FeedDates.parse(text)) == expected)
    }

    @Test func readsPerforceDates() {
        #expect(Self.utc(FeedDates.parse("Fri, 2006/09/15 08:19:53 EDT")) == "2006-09-15T12:19:53Z")
    }

    @Test(arguments: [
        ("031231", "2003-12-31T00:00:00Z"), ("03-12-31", "2003-12-31T00:00:00Z"), ("-0312", "2003-12-01T00:00:00Z"),
        ("-03-12", "2003-12-01T00:00:00Z"), ("03335", "2003-12-01T00:00:00Z"),
        ("2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z"),
    ])
    func readsISO8601TwoDigitYearsOrdinalDaysAndThreeDigitMonths(text: String, expected: String) {
        #expect(Self.utc(FeedDates.parse(text)) == expected)
    }

    @Test func readsGreekAndHungarianMonthNames() {
        #expect(Self.utc(FeedDates.parse("Κυρ, 11 Ιούλ 2004 12:00:00 EST")) == "2004-07-11T17:00:00Z")
        #expect(Self.utc(FeedDates.parse("2004-július-13T9:15-05:00")) == "2004-07-13T14:15:00Z")
    }

    @Test func readsKoreanDatesInKoreasTime() {
        #expect(Self.utc(FeedDates.parse("2004년 05월 28일  01:31:15")) == "2004-05-27T16:31:15Z")
        #expect(Self.utc(FeedDates.parse("2004-05-25 오후 11:23:17")) == "2004-05-25T14:23:17Z")
        #expect(Self.utc(FeedDates.parse("2004-05-25 오전 11:23:17")) == "2004-05-25T02:23:17Z")
    }

    @Test(arguments: [
        ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z"),
        ("Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z"),
        ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
    ])
    func readsSeasonlessUSZonesAsStandardTime(text: String, expected: String) {
        #expect(Self.utc(FeedDates.parse(text)) == expected)
    }

    @Test(arguments: ["", "not a date", "Sun, 16 Dec 2012 1:2:3:4 GMT", "2013-01-27-01", "2003-13-01"])
    func refusesWhatIsNoDate(text: String) {
        #expect(FeedDates.parse(text) == nil)
    }
}
