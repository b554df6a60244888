public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchStore
public import Foundation

/// Builds the views of the configured topics from the store: summaries for lists and cards, details for a topic's
/// page.
///
/// Times are event times: a topic's "now" (``TopicSummary/asOf``) is the latest event it knows of, so its last 7 and
/// 30 days are the ones its items fall in, whether the daemon runs live or replayed an archive.
public struct TopicViews: Sendable {
    /// The configured topics, in configuration order.
    public let topics: [TopicConfiguration]
    /// Where the views read.
    public let store: any ViewStore
    /// Each topic's items per day.
    public let coverage: CoverageIndex

    /// How many days the coverage chart shows.
    public static let coverageDays = 30
    /// How many alerts a topic's page lists.
    public static let alertLimit = 50
    /// How many of a topic's latest status changes its history shows.
    public static let historyLimit = 200

    /// Creates the views of some topics.
    ///
    /// - Parameters:
    ///   - topics: The configured topics.
    ///   - store: Where the views read.
    ///   - coverage: The coverage index; one per process, so its scan is paid once.
    public init(topics: [TopicConfiguration], store: any ViewStore, coverage: CoverageIndex) {
        self.topics = topics
        self.store = store
        self.coverage = coverage
    }

    /// Creates the views of some topics, with a coverage index of their own.
    ///
    /// - Throws: ``AnalysisError`` when a topic's query does not compile.
    public init(topics: [TopicConfiguration], store: any ViewStore) throws(AnalysisError) {
        self.init(topics: topics, store: store, coverage: CoverageIndex(analyzer: try Analyzer(topics: topics)))
    }

    /// Every configured topic at a glance, in configuration order.
    public func summaries() async throws(StoreError) -> [TopicSummary] {
        let states = try await store.topicStates()
        var summaries: [TopicSummary] = []
        for topic in topics {
            summaries.append(try await summary(of: topic, state: states[topic.id]))
        }
        return summaries
    }

    /// One topic in full, or `nil` when no configured topic has this id.
    ///
    /// - Parameter id: The topic's id.
    public func detail(id: String) async throws(StoreError) -> TopicDetail? {
        guard let topic = topics.first(where: { $0.id == id }) else { return nil }
        let state = try await store.topicStates()[id]
        let summary = try await summary(of: topic, state: state)
        // The latest changes, shown oldest first; a topic rarely changes status more often.
        let history = try await store.alerts(
            matching: AlertQuery(topic: id, kinds: [.statusChange], limit: Self.historyLimit)
        ).records.reversed().map { Self.statusChange($0.alert) }
        let alerts = try await store.alerts(
            matching: AlertQuery(topic: id, limit: Self.alertLimit, withDeliveries: true)
        )
        return await TopicDetail(
            summary: summary,
            firstAt: state?.firstAt,
            history: history,
            stories: try stories(of: state),
            actors: try actors(of: state, topic: id),
            alerts: alerts.records.map(AlertBrief.init)
        )
    }

    // MARK: - Parts

    private func summary(of topic: TopicConfiguration, state: TopicState?) async throws(StoreError) -> TopicSummary {
        let latest = try await store.alerts(matching: AlertQuery(topic: topic.id, limit: 1)).records.first
        let lastChange = try await store.alerts(matching: AlertQuery(topic: topic.id, kinds: [.statusChange], limit: 1))
            .records.first
        let asOf = Self.asOf(state: state, lastAlert: latest?.alert)
        let weekAgo = asOf.addingTimeInterval(-7 * 86_400)
        return TopicSummary(
            id: topic.id,
            name: topic.name,
            status: state?.status,
            since: state?.statusAt,
            confidence: lastChange?.alert.explanation?.confidence,
            pending: (state?.pending ?? []).map { TopicSummary.PendingChange(status: $0.status, outlets: $0.outlets) },
            storiesLast7Days: (state?.stories ?? []).filter { $0.lastAt >= weekAgo }.count,
            lastAlert: latest.map(AlertBrief.init),
            asOf: asOf,
            coverage: try await coverage(of: topic.id, asOf: asOf)
        )
    }

    /// The latest event the topic knows of; wall time only for a topic that has seen nothing.
    static func asOf(state: TopicState?, lastAlert: Alert?) -> Date {
        var times: [Date] = []
        if let state {
            times += state.stories.map(\.lastAt)
            times += [state.statusAt].compactMap { $0 }
            times += state.pending.flatMap { $0.reports.map(\.at) }
        }
        if let lastAlert { times.append(lastAlert.at) }
        return times.max() ?? Date()
    }

    private func coverage(of topic: String, asOf: Date) async throws(StoreError) -> [DayCoverage] {
        let last = CoverageIndex.day(of: asOf)
        let first = last - Self.coverageDays + 1
        let from = Date(timeIntervalSince1970: Double(first) * 86_400)
        let counts = try await coverage.days(topic: topic, from: from, store: store)
        let surges = await Set(
            try store.alerts(matching: AlertQuery(topic: topic, kinds: [.surge], since: from, limit: 1_000))
                .records.map { CoverageIndex.day(of: $0.alert.at) }
        )
        return (first...last).map { day in
            DayCoverage(
                day: Self.dayFormat.format(Date(timeIntervalSince1970: Double(day) * 86_400)),
                items: counts[day] ?? 0,
                surge: surges.contains(day)
            )
        }
    }

    private static let dayFormat = Date.ISO8601FormatStyle().year().month().day()

    static func statusChange(_ alert: Alert) -> TopicDetail.StatusChange {
        TopicDetail.StatusChange(
            alertID: alert.id,
            at: alert.at,
            from: alert.status?.from,
            to: alert.status?.to ?? "",
            cue: alert.explanation?.cue,
            cueSentence: alert.explanation?.cueSentence,
            sources: alert.explanation?.sources ?? [],
            confidence: alert.explanation?.confidence,
            evidence: alert.evidence.map(evidence)
        )
    }

    static func evidence(_ evidence: Alert.Evidence) -> TopicDetail.Evidence {
        TopicDetail.Evidence(
            title: evidence.title,
            link: evidence.link,
            feed: evidence.feed,
            published: evidence.published
        )
    }

    private func stories(of state: TopicState?) async throws(StoreError) -> [TopicDetail.Story] {
        let stories = (state?.stories ?? []).sorted { ($0.lastAt, $0.firstAt) > ($1.lastAt, $1.firstAt) }
        let outlets = try await store.articleOutlets(keys: stories.flatMap { $0.articles.compactMap(\.key) })
        return stories.map { story in
            var names: [String] = []
            var copies = 0
            for article in story.articles {
                guard let key = article.key, let found = outlets[key] else { continue }
                copies += found.copies
                for name in found.outlets where !names.contains(name) { names.append(name) }
            }
            return TopicDetail.Story(
                id: story.id,
                title: story.title,
                firstAt: story.firstAt,
                lastAt: story.lastAt,
                itemCount: story.itemCount,
                outlets: names,
                copies: copies
            )
        }
    }

    private func actors(of state: TopicState?, topic: String) async throws(StoreError) -> [TopicDetail.Actor] {
        var actors: [TopicDetail.Actor] = []
        let alerted = try await store.alerts(matching: AlertQuery(topic: topic, kinds: [.newActor], limit: 1_000))
        for record in alerted.records {
            guard let name = record.alert.explanation?.entity else { continue }
            let first = record.alert.evidence.compactMap(\.published).min() ?? record.alert.at
            actors.append(TopicDetail.Actor(name: name, firstSeen: first, role: "new"))
        }
        let named = Set(actors.map(\.name))
        for candidate in state?.actors.candidates ?? [] where !named.contains(candidate.name) {
            actors.append(TopicDetail.Actor(name: candidate.name, firstSeen: candidate.firstAt, role: "candidate"))
        }
        for name in state?.actors.established ?? [] where !named.contains(name) {
            actors.append(TopicDetail.Actor(name: name, firstSeen: state?.firstAt, role: "established"))
        }
        return actors
    }
}
