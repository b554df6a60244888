import FeedWatchConfig
import FeedWatchCore
import FeedWatchStore
import Foundation
import Hummingbird

extension Dashboard {
    /// `/`: every topic as a card, and the feeds' health.
    func index() async throws -> DashboardPage {
        let summaries = try await views.summaries()
        // How long a status has held is read against the clock the reader lives by.
        let now = Date()
        var health = ["ok": 0, "new": 0, "backingOff": 0, "failing": 0, "retired": 0]
        for feed in try await views.store.feeds() {
            switch feed.state {
            case .ok: health["ok", default: 0] += 1
            case .new: health["new", default: 0] += 1
            case .backingOff: health["backingOff", default: 0] += 1
            case .failing: health["failing", default: 0] += 1
            case .retired: health["retired", default: 0] += 1
            }
        }
        let topics: [[String: Any]] = summaries.map { topic in
            [
                "id": topic.id,
                "href": Self.topicPath(topic.id),
                "name": topic.name,
                "status": topic.status ?? "no status",
                "since": topic.since.map {
                    "since \(Self.time($0)) (\(Self.duration(from: $0, to: max(now, topic.asOf))))"
                }
                    ?? "",
                "lastChange": topic.lastAlert.map { "Last alert \(Self.time($0.at)): \($0.summary)" }
                    ?? "No alert yet.",
                "sparkline": SVGCharts.sparkline(topic.coverage),
                "stories": topic.storiesLast7Days,
                "pending": topic.pending.map { "\($0.status) (\($0.outlets.joined(separator: ", ")))" },
            ]
        }
        return DashboardPage(title: "Topics", template: "index", context: ["topics": topics, "health": health])
    }

    /// `/topics/ID`: the status timeline, coverage, stories, actors and alerts of one topic.
    func topic(_ id: String) async throws -> DashboardPage {
        guard let detail = try await views.detail(id: id) else {
            return notFound("No topic has the id “\(id)”.")
        }
        let topic = detail.summary
        let start =
            [detail.firstAt, detail.history.first?.at].compactMap { $0 }.min()
            ?? topic.asOf.addingTimeInterval(-30 * 86_400)
        var context: [String: Any] = [
            "name": topic.name,
            "status": topic.status ?? "no status",
            "since": topic.since.map { "since \(Self.time($0))" } ?? "",
            "asOf": Self.time(topic.asOf),
            "atom": Self.topicPath(topic.id) + "/alerts.atom",
            "timeline": SVGCharts.timeline(detail.history, start: start, now: topic.asOf),
            "coverage": SVGCharts.coverageBars(topic.coverage),
            "pending": topic.pending.map { ["status": $0.status, "outlets": $0.outlets.joined(separator: ", ")] },
            "history": detail.history.enumerated().map { index, change -> [String: Any] in
                var entry: [String: Any] = [
                    "n": index + 1,
                    "at": Self.time(change.at),
                    "from": change.from ?? "no status",
                    "to": change.to,
                    "sources": change.sources.isEmpty ? "-" : change.sources.joined(separator: ", "),
                    "evidence": change.evidence.map(Self.evidence),
                ]
                if let sentence = change.cueSentence { entry["cueSentence"] = sentence }
                if let confidence = change.confidence { entry["confidence"] = String(format: "%.2f", confidence) }
                return entry
            },
            "stories": detail.stories.map { story -> [String: Any] in
                [
                    "title": story.title ?? story.id,
                    "outlets": story.outlets.isEmpty ? "-" : story.outlets.joined(separator: ", "),
                    "items": story.itemCount,
                    "copies": story.copies,
                    "first": Self.time(story.firstAt),
                    "last": Self.time(story.lastAt),
                ]
            },
            "actors": detail.actors.map { actor -> [String: Any] in
                ["name": actor.name, "role": actor.role, "firstSeen": actor.firstSeen.map(Self.time) ?? "-"]
            },
            "alerts": alertTable(detail.alerts),
        ]
        if let confidence = topic.confidence { context["confidence"] = String(format: "%.2f", confidence) }
        var page = DashboardPage(title: topic.name, template: "topic", context: context)
        page.atom = Self.topicPath(topic.id) + "/alerts.atom"
        return page
    }

    /// `/alerts`: alerts filtered by topic and kind, a page at a time, newest first.
    func alerts(topic: String?, kind: Alert.Kind?, page: Int) async throws -> DashboardPage {
        let page = max(page, 1)
        let result = try await views.store.alerts(
            matching: AlertQuery(
                topic: topic,
                kinds: kind.map { [$0] } ?? [],
                limit: Self.pageSize,
                offset: (page - 1) * Self.pageSize,
                withDeliveries: true
            )
        )
        let pages = max(1, (result.total + Self.pageSize - 1) / Self.pageSize)
        func link(_ number: Int) -> String {
            var items = [URLQueryItem]()
            if let topic { items.append(URLQueryItem(name: "topic", value: topic)) }
            if let kind { items.append(URLQueryItem(name: "kind", value: kind.rawValue)) }
            items.append(URLQueryItem(name: "page", value: String(number)))
            var components = URLComponents()
            components.path = "/alerts"
            components.queryItems = items
            return components.string ?? "/alerts"
        }
        var topics: [[String: Any]] = views.topics.map { ["id": $0.id, "name": $0.name, "selected": $0.id == topic] }
        topics.append(["id": Alert.feedsTopic, "name": "feed health", "selected": topic == Alert.feedsTopic])
        var context: [String: Any] = [
            "topics": topics,
            "kinds": Alert.Kind.allCases.filter { $0 != .digest }.map {
                ["id": $0.rawValue, "selected": $0 == kind] as [String: Any]
            },
            "total": result.total,
            "page": page,
            "pages": pages,
            "table": alertTable(result.records.map(AlertBrief.init)),
        ]
        if page > 1 { context["previous"] = link(page - 1) }
        if page < pages { context["next"] = link(page + 1) }
        return DashboardPage(title: "Alerts", template: "alerts", context: context)
    }

    /// `/alerts/ID`: one alert's explanation, evidence, payload and delivery to each sink.
    func alert(_ id: String) async throws -> DashboardPage {
        guard let record = try await views.store.alert(id: id) else {
            return notFound("No alert has the id “\(id)”.")
        }
        let alert = record.alert
        let explanation = alert.explanation
        var figures: [String] = []
        if let observed = explanation?.observed { figures.append("observed \(observed)") }
        if let expected = explanation?.expected { figures.append(String(format: "expected %.1f", expected)) }
        if let entity = explanation?.entity { figures.append("entity \(entity)") }
        if let before = explanation?.toneBefore, let after = explanation?.toneAfter {
            figures.append(String(format: "tone %.2f → %.2f", before, after))
        }
        var context: [String: Any] = [
            "summary": alert.summary,
            "kind": alert.kind.rawValue,
            "topic": alert.topic,
            "at": Self.time(alert.at),
            "createdAt": Self.time(alert.createdAt),
            "sources": (explanation?.sources ?? []).isEmpty
                ? "-" : (explanation?.sources ?? []).joined(separator: ", "),
            "evidence": alert.evidence.map { evidence -> [String: Any] in
                var entry = Self.evidence(TopicViews.evidence(evidence))
                entry["published"] = evidence.published.map(Self.time) ?? ""
                return entry
            },
            "deliveries": record.deliveries.map { delivery -> [String: Any] in
                let sink = sinks.first { $0.name == delivery.sink }
                return [
                    "sink": delivery.sink,
                    "type": sink.map(Self.sinkType) ?? "removed",
                    "target": sink.map(Self.sinkTarget) ?? "-",
                    "state": delivery.state.rawValue,
                    "attempts": delivery.attempts,
                    "delivered": delivery.deliveredAt.map(Self.time) ?? "-",
                    "next": delivery.state == .pending ? delivery.nextAttemptAt.map(Self.time) ?? "-" : "-",
                    "error": delivery.lastError.map(Self.redactURLs) ?? "",
                ]
            },
            "payload": Self.prettyJSON(alert),
        ]
        if let cue = explanation?.cue { context["cue"] = cue }
        if let sentence = explanation?.cueSentence { context["cueSentence"] = sentence }
        if let confidence = explanation?.confidence { context["confidence"] = String(format: "%.2f", confidence) }
        if !figures.isEmpty { context["figures"] = figures.joined(separator: ", ") }
        return DashboardPage(title: "Alert", template: "alert", context: context)
    }

    /// `/feeds`: each feed's state, last status, last new item, next poll and last error.
    func feeds() async throws -> DashboardPage {
        let feeds: [[String: Any]] = try await views.store.feeds().map { feed in
            let stateName: String =
                switch feed.state {
                case .ok: "ok"
                case .new: "new"
                case .backingOff: "backing-off"
                case .failing: "failing"
                case .retired: "retired"
                }
            return [
                "name": feed.name ?? feed.url,
                "url": Self.withoutQuery(feed.url),
                "state": feed.state.description,
                "stateName": stateName,
                "status": feed.lastStatus.map(String.init) ?? "-",
                "lastNewItem": feed.lastNewItemAt.map(Self.time) ?? "-",
                "nextPoll": feed.retiredAt == nil ? feed.nextPollAt.map(Self.time) ?? "-" : "-",
                "error": feed.lastError.map(Self.redactURLs) ?? "",
            ]
        }
        return DashboardPage(title: "Feeds", template: "feeds", context: ["feeds": feeds])
    }

    // MARK: - Parts

    func notFound(_ message: String) -> DashboardPage {
        DashboardPage(status: .notFound, title: "Not found", template: "notFound", context: ["message": message])
    }

    func alertTable(_ alerts: [AlertBrief]) -> String {
        renderer.render(
            "alertTable",
            [
                "alerts": alerts.map { alert -> [String: Any] in
                    [
                        "at": Self.time(alert.at),
                        "kind": alert.kind,
                        "topic": alert.topic,
                        "summary": alert.summary,
                        "href": "/alerts/" + Self.pathSegment(alert.id),
                        "deliveries": alert.deliveries.joined(separator: ", "),
                    ]
                }
            ]
        )
    }

    static func evidence(_ evidence: TopicDetail.Evidence) -> [String: Any] {
        var entry: [String: Any] = ["title": evidence.title ?? evidence.link ?? "(untitled)", "feed": evidence.feed]
        if let href = HTML.webLink(evidence.link) { entry["href"] = href }
        return entry
    }

    static func topicPath(_ id: String) -> String {
        "/topics/" + pathSegment(id)
    }

    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? ""
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `3 d 4 h`, `5 h`, `12 min`.
    static func duration(from start: Date, to end: Date) -> String {
        let seconds = max(0, Int(end.timeIntervalSince(start)))
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3_600
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return "\(hours) h" }
        return "\(seconds / 60) min"
    }

    static func sinkType(_ sink: SinkConfiguration) -> String {
        switch sink {
        case .log: "log"
        case .webhook: "webhook"
        case .exec: "exec"
        }
    }

    /// Where a sink sends, without secrets: a webhook's origin only (its path and query may hold a token), an
    /// exec sink's program name only.
    static func sinkTarget(_ sink: SinkConfiguration) -> String {
        switch sink {
        case .log: "standard output"
        case .webhook(let webhook): HTML.origin(webhook.url)
        case .exec(let exec): (exec.command.first as NSString?)?.lastPathComponent ?? "-"
        }
    }

    /// A feed URL without its query and user (a private feed's token often sits there).
    static func withoutQuery(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        if components.query != nil { components.query = "…" }
        components.user = nil
        components.password = nil
        return components.string?.replacingOccurrences(of: "%E2%80%A6", with: "…") ?? url
    }

    /// Text with every URL cut to its origin, for error messages that may quote a webhook's secret path.
    static func redactURLs(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "://") {
            var start = range.lowerBound
            while start > rest.startIndex, rest[rest.index(before: start)].isLetter {
                start = rest.index(before: start)
            }
            let end =
                rest[range.upperBound...].firstIndex { $0.isWhitespace || $0 == "\"" || $0 == "'" }
                ?? rest.endIndex
            result += rest[..<start]
            result += HTML.origin(String(rest[start..<end]))
            rest = rest[end...]
        }
        return result + rest
    }

    static func prettyJSON(_ alert: Alert) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(alert), as: UTF8.self)) ?? ""
    }
}
