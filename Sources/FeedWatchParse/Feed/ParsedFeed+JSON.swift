import FeedWatchCore
public import Foundation

/// The `feedwatch parse` JSON model of a parsed feed.
extension ParsedFeed {
    /// The feed as one JSON object: `wellformed`, `encoding`, `feed` and `items`, with absent values left out and
    /// dates in ISO 8601 UTC (`2004-01-01T19:48:21Z`).
    ///
    /// - Returns: The UTF-8 JSON text, without a trailing newline.
    public func jsonRepresentation() -> Data {
        var root: [String: Any] = ["wellformed": wellformed]
        root["encoding"] = encoding
        var feedObject: [String: Any] = [:]
        feedObject["title"] = titleDetail?.value ?? title
        feedObject["title_type"] = titleDetail?.type
        feedObject["link"] = link
        feedObject["subtitle"] = subtitle?.value
        feedObject["subtitle_type"] = subtitle?.type
        feedObject["language"] = language
        feedObject["id"] = id
        feedObject["updated"] = updated.map(Self.iso8601)
        feedObject["published"] = published.map(Self.iso8601)
        feedObject["authors"] = authors.map(Self.personObject)
        feedObject["categories"] = categories.map(Self.categoryObject)
        root["feed"] = feedObject
        root["items"] = items.map(Self.itemObject)
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        return (try? JSONSerialization.data(withJSONObject: root, options: options)) ?? Data("{}".utf8)
    }

    private static func itemObject(_ item: FeedItem) -> [String: Any] {
        var object: [String: Any] = [:]
        object["id"] = item.id
        object["title"] = item.titleDetail?.value ?? item.title
        object["title_type"] = item.titleDetail?.type
        object["link"] = item.link
        object["published"] = item.published.map(iso8601)
        object["updated"] = item.updated.map(iso8601)
        object["summary"] = item.summaryDetail?.value ?? item.summary
        object["summary_type"] = item.summaryDetail?.type
        object["content"] = item.contents.map { ["type": $0.type, "value": $0.value] }
        object["authors"] =
            (item.authorDetails.isEmpty ? item.authors.map { FeedPerson(name: $0) } : item.authorDetails)
            .map(personObject)
        object["categories"] =
            (item.categoryDetails.isEmpty ? item.categories.map { FeedCategory(term: $0) } : item.categoryDetails).map(
                categoryObject
            )
        object["enclosures"] = item.enclosures.map { enclosure -> [String: Any] in
            var value: [String: Any] = ["url": enclosure.url]
            value["type"] = enclosure.type
            value["length"] = enclosure.length
            return value
        }
        return object
    }

    private static func personObject(_ person: FeedPerson) -> [String: Any] {
        var object: [String: Any] = [:]
        object["name"] = person.name
        object["email"] = person.email
        object["uri"] = person.uri
        return object
    }

    private static func categoryObject(_ category: FeedCategory) -> [String: Any] {
        var object: [String: Any] = ["term": category.term]
        object["scheme"] = category.scheme
        object["label"] = category.label
        return object
    }

    /// `2004-01-01T19:48:21Z`: whole seconds, UTC.
    static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            year,
            month,
            day,
            secondOfDay / 3_600,
            secondOfDay % 3_600 / 60,
            secondOfDay % 60
        )
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
