import Foundation
import Testing

@testable import FeedWatchCore

@Suite("FeedDate")
struct FeedDateTests {
    /// 2025-06-03 14:05:00 UTC.
    private static let instant = 1_748_959_500.0

    @Test(arguments: [
        ("Tue, 03 Jun 2025 14:05:00 GMT", 0.0),
        ("Tue, 3 Jun 2025 14:05:00 GMT", 0),
        ("03 Jun 2025 14:05:00 GMT", 0),
        ("Tue, 03 Jun 25 14:05:00 GMT", 0),
        ("Tue,  03  Jun 2025   14:05:00   UT", 0),
        ("Tue, 03 Jun 2025 14:05 UTC", 0),
        ("Tue, 03 Jun 2025 14:05:00 Z", 0),
        ("Tue, 03 Jun 2025 14:05:00", 0),
        ("Tue, 03 Jun 2025 16:05:00 +0200", 0),
        ("Tue, 03 Jun 2025 09:05:00 -05:00", 0),
        ("Tue, 03 Jun 2025 10:05:00 EDT", 0),
        ("Tue, 03 Jun 2025 09:05:00 EST", 0),
        ("Tue, 03 Jun 2025 09:05:00 CDT", 0),
        ("Tue, 03 Jun 2025 08:05:00 CST", 0),
        ("Tue, 03 Jun 2025 08:05:00 MDT", 0),
        ("Tue, 03 Jun 2025 07:05:00 MST", 0),
        ("Tue, 03 Jun 2025 07:05:00 PDT", 0),
        ("Tue, 03 Jun 2025 06:05:00 PST", 0),
        ("Tue, 03 June 2025 14:05:00 GMT", 0),
        ("tue, 03 jun 2025 14:05:00 gmt", 0),
        ("Tue, 03 Jun 2025 14:05:00 +0000 (UTC)", 0),
        ("Tue, Jun 3 2025 02:05:00 PM", 0),
        ("Jun 03, 2025 02:05:00 pm GMT", 0),
    ])
    func parsesRFC822Variants(text: String, offset: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.instant + offset))
    }

    @Test(arguments: [
        ("2025-06-03T14:05:00Z", 0.0),
        ("2025-06-03T14:05:00z", 0),
        ("2025-06-03t14:05:00Z", 0),
        ("2025-06-03T16:05:00+02:00", 0),
        ("2025-06-03T09:35:00-04:30", 0),
        ("2025-06-03T16:05:00+0200", 0),
        ("2025-06-03T14:05:00.5Z", 0.5),
        ("2025-06-03T14:05:00.125000+00:00", 0.125),
        ("2025-06-03 14:05:00Z", 0),
        ("2025-06-03T14:05Z", 0),
        ("2025-06-03T14:05:00", 0),
        ("  2025-06-03T14:05:00Z\n", 0),
        ("2025-06-03", -50_700),
    ])
    func parsesRFC3339Variants(text: String, offset: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.instant + offset))
    }

    @Test(arguments: [
        "Di, 03 Jun 2025 14:05:00 GMT",
        "Mié, 03 Jun 2025 14:05:00 GMT",
        "mar, 03 jun 2025 14:05:00 GMT",
        "Dienstag, 03 Jun 2025 14:05:00 GMT",
        "Tue, 03 Juin 2025 14:05:00 GMT",
        "mar., 3 juin 2025 14:05:00 +0000",
    ])
    func parsesNonEnglishDayAndMonthNames(text: String) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.instant))
    }

    @Test(arguments: [
        ("Tue, 03 Jun 2025 14:05:00 A", 0.0),
        ("Tue, 03 Jun 2025 14:05:00 M", 0),
        ("Tue, 03 Jun 2025 14:05:00 Y", 0),
    ])
    func readsMilitaryZonesOtherThanZAsUTC(text: String, offset: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.instant + offset))
    }

    @Test func parsesSingleDigitDayWithExtraSpaces() {
        #expect(FeedDate.parse("  Sun,  1   Jun   2025  00:00:00  GMT ") == Date(timeIntervalSince1970: 1_748_736_000))
    }

    @Test(arguments: [
        ("2025", 1_735_689_600.0),
        ("2025-06", 1_748_736_000),
        ("2025-06-01", 1_748_736_000),
    ])
    func parsesW3CDTFPartialDatesAsTheirFirstInstant(text: String, expected: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: expected))
    }

    @Test func parsesLeapDayAndOldTwoDigitYears() {
        #expect(FeedDate.parse("29 Feb 2024 00:00:00 GMT") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(FeedDate.parse("Fri, 31 Dec 99 23:59:59 GMT") == Date(timeIntervalSince1970: 946_684_799))
    }

    @Test(arguments: [
        "Tue, 03 Jun 2025 25:05:00 GMT",
        "Tue, 03 Jun 2025 14:61:00 GMT",
        "30 Feb 2025 10:00:00 GMT",
        "29 Feb 2025 10:00:00 GMT",
        "31 Apr 2025 10:00:00 GMT",
        "00 Jun 2025 10:00:00 GMT",
        "03 Foo 2025 10:00:00 GMT",
        "2025-13-03T10:00:00Z",
        "2025-02-30",
        "2025-06-03T24:00:00Z",
        "2025-06-03T10:00:00+25:00",
        "2025-6-3",
        "yesterday",
        "",
        "Tue, 03 Jun 2025 14:05:00 GMT trailing",
        "Tue, 03 Jun 2025 14:05:00 PM",
        "2025-13",
        "Tue, 03 Dez 2025 25:00:00 GMT",
    ])
    func rejectsImpossibleOrGarbledDates(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }
}
