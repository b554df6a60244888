public import Foundation

extension Analyzer {
    /// Applies one analyzed item to one topic's state and returns the alerts it raises.
    ///
    /// - The item joins the most similar recent story, or starts a new one (a `new_story` alert). Stories whose
    ///   latest item is older than the matcher's window before the item's event time are pruned first.
    /// - When the item reports a status that differs from the topic's, is not older than the item that set the
    ///   current status, and the topic already had a status, the status moves (a `status_change` alert). The first
    ///   status a topic sees is set silently. A later item confirming the current status advances
    ///   ``TopicState/statusAt``, so an older report arriving late cannot move the status back.
    ///
    /// Everything is ordered by the item's event time, capped at ``futureTolerance`` after its first-seen time.
    /// Items that did not match the topic leave the state unchanged.
    ///
    /// - Parameters:
    ///   - item: The analyzed item.
    ///   - topic: The id of the topic whose state is given.
    ///   - state: The topic's state, updated in place even when `raiseAlerts` is `false`.
    ///   - raiseAlerts: Whether to return alerts (`false` while backfilling).
    ///   - now: The wall-clock time, used only for ``Alert/createdAt``.
    /// - Returns: The alerts raised, a `new_story` alert before a `status_change` alert.
    public func detectChanges(
        for item: AnalyzedItem,
        topic: String,
        state: inout TopicState,
        raiseAlerts: Bool,
        now: Date
    ) -> [Alert] {
        guard let match = item.matches[topic] else {
            return []
        }
        let time = min(item.eventTime, item.firstSeen.addingTimeInterval(Self.futureTolerance))
        let topicName = compiledIndex[topic].map { compiled[$0].configuration.name } ?? topic
        var alerts: [Alert] = []

        storyMatcher.prune(&state.stories, at: time)
        let shingles = StoryMatcher.shingles(Self.storyTokens(of: item.item))
        if let index = storyMatcher.bestMatch(for: shingles, at: time, in: state.stories) {
            state.stories[index].lastAt = max(state.stories[index].lastAt, time)
            state.stories[index].itemCount += 1
        } else {
            let storyID = StableHash.hex([topic, item.globalKey])
            let story = StoryState(
                id: storyID,
                title: item.item.title,
                firstAt: time,
                lastAt: time,
                itemCount: 1,
                shingles: storyMatcher.sketch(shingles)
            )
            storyMatcher.insert(story, into: &state.stories)
            if raiseAlerts {
                alerts.append(newStoryAlert(for: item, topic: topic, topicName: topicName, storyID: storyID, now: now))
            }
        }

        if let status = match.status, state.statusAt.map({ time >= $0 }) ?? true {
            let previous = state.status
            state.status = status
            state.statusAt = time
            if let previous, previous != status, raiseAlerts {
                alerts.append(
                    statusChangeAlert(
                        for: item,
                        topic: topic,
                        topicName: topicName,
                        change: Alert.StatusChange(from: previous, to: status),
                        now: now
                    )
                )
            }
        }
        return alerts
    }

    /// The tokens a story fingerprint is made of: the title's, then the summary's, then the content's.
    static func storyTokens(of item: FeedItem) -> [String] {
        TextNormalizer.tokens(item.title ?? "") + TextNormalizer.tokens(item.summary ?? "")
            + TextNormalizer.tokens(item.content ?? "")
    }

    private func newStoryAlert(
        for item: AnalyzedItem,
        topic: String,
        topicName: String,
        storyID: String,
        now: Date
    ) -> Alert {
        Alert(
            id: StableHash.hex(["new_story", topic, storyID]),
            topic: topic,
            kind: .newStory,
            at: item.eventTime,
            createdAt: now,
            summary: "New story in \"\(topicName)\": \(Self.headline(of: item))",
            evidence: [Self.evidence(of: item)]
        )
    }

    private func statusChangeAlert(
        for item: AnalyzedItem,
        topic: String,
        topicName: String,
        change: Alert.StatusChange,
        now: Date
    ) -> Alert {
        let from = change.from ?? ""
        let fromText = change.from.map { " from \(Self.humanize($0))" } ?? ""
        return Alert(
            id: StableHash.hex(["status_change", topic, from, change.to, item.globalKey]),
            topic: topic,
            kind: .statusChange,
            at: item.eventTime,
            createdAt: now,
            summary: "\"\(topicName)\" moved\(fromText) to \(Self.humanize(change.to)): \(Self.headline(of: item))",
            status: change,
            evidence: [Self.evidence(of: item)]
        )
    }

    private static func headline(of item: AnalyzedItem) -> String {
        let words = (item.item.title ?? "").split(whereSeparator: \.isWhitespace)
        let title = words.isEmpty ? "an untitled item" : words.joined(separator: " ")
        return "\(title) (\(item.feed.displayName))"
    }

    private static func humanize(_ status: String) -> String {
        status.replacingOccurrences(of: "_", with: " ")
    }

    private static func evidence(of item: AnalyzedItem) -> Alert.Evidence {
        Alert.Evidence(
            title: item.item.title,
            link: item.item.link,
            feed: item.feed.displayName,
            published: item.item.published
        )
    }
}
