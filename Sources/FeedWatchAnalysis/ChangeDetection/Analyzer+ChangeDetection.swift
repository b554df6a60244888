import FeedWatchConfig
public import FeedWatchCore
public import Foundation

extension Analyzer {
    /// One item as the change detectors see it: its topic match, its story and its ordering time.
    struct Observation {
        var item: AnalyzedItem
        var match: TopicMatch
        var topic: String
        var topicName: String
        var rules: TopicChangeRules
        var storyID: String
        var articleID: String
        /// The entities the item names, with the topic's aliases applied.
        var mentions: [EntityMention]
        var time: Date
        var raiseAlerts: Bool
        var now: Date
        /// The states the reported status can follow (empty: any), from the topic's preset.
        var statusFollows: [String] = []
    }

    /// Applies one new item to every topic it matches, in topic-id order, the one way both live polling and
    /// `feedwatch replay` do it, so a replay raises exactly the alerts live operation raised.
    ///
    /// - Parameters:
    ///   - item: The analyzed item (``AnalyzedItem/isCopy`` set when it is a syndicated copy).
    ///   - states: Every topic's state, by topic id; the matching topics' states move on.
    ///   - raiseAlerts: Whether to raise alerts (states move on either way).
    ///   - placed: Told, for each topic the item matched, where the item went among the topic's stories.
    /// - Returns: The states of the topics the item matched, after it, and the alerts it raised.
    public func apply(
        _ item: AnalyzedItem,
        to states: inout [String: TopicState],
        raiseAlerts: Bool,
        placed: (_ topic: String, _ placement: StoryPlacement) -> Void = { _, _ in }
    ) -> (changed: [TopicState], alerts: [Alert]) {
        var changed: [TopicState] = []
        var alerts: [Alert] = []
        for topic in item.matches.keys.sorted() {
            var state = states[topic] ?? TopicState(topicID: topic)
            alerts += detectChanges(
                for: item,
                topic: topic,
                state: &state,
                raiseAlerts: raiseAlerts,
                now: item.firstSeen,
                placed: { placed(topic, $0) }
            )
            states[topic] = state
            changed.append(state)
        }
        return (changed, alerts)
    }

    /// Applies one analyzed item to one topic's state and returns the alerts it raises.
    ///
    /// - Story: the item joins the story of the article it copies or updates, else the story whose wording it
    ///   shares (see ``StoryClusterer``), or starts a new one (a `new_story` alert). A syndicated copy
    ///   (``AnalyzedItem/isCopy``) or an update never starts a story.
    /// - Status: a reported status that differs from the topic's is gathered as pending until independent
    ///   outlets confirm it (see ``TopicChangeRules``); then the status moves (a `status_change` alert). The
    ///   first status a topic sees is set silently; items older than the current status cannot move it.
    /// - Surge: measured on every outlet's reports, wire copies included, but not on updates (an update's article
    ///   was counted when it first appeared).
    /// - New actor, tone shift: measured on independent items only (copies and updates are skipped). An update's
    ///   status counts as a new report only when it reports a status its article did not.
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
    ///   - placed: Told where the item went among the topic's stories.
    /// - Returns: The alerts raised, in this order: `new_story`, `status_change`, `surge`, `new_actor`,
    ///   `tone_shift`.
    public func detectChanges(
        for item: AnalyzedItem,
        topic: String,
        state: inout TopicState,
        raiseAlerts: Bool,
        now: Date,
        placed: (StoryPlacement) -> Void = { _ in }
    ) -> [Alert] {
        guard let match = item.matches[topic] else {
            return []
        }
        let time = min(item.eventTime, item.firstSeen.addingTimeInterval(Self.futureTolerance))
        let compiledTopic = compiledIndex[topic].map { compiled[$0] }
        let configuration = compiledTopic?.configuration
        var alerts: [Alert] = []
        state.firstAt = min(state.firstAt ?? time, time)

        let entities = match.entities ?? item.entities
        let placement = placeInStory(item, topic: topic, entities: entities, at: time, state: &state)
        placed(placement)
        let storyID = placement.storyID
        if placement.isNewStory, raiseAlerts {
            let name = configuration?.name ?? topic
            alerts.append(newStoryAlert(for: item, topic: topic, topicName: name, storyID: storyID, now: now))
        }
        let observation = Observation(
            item: item,
            match: match,
            topic: topic,
            topicName: configuration?.name ?? topic,
            rules: configuration?.rules ?? TopicChangeRules(),
            storyID: storyID,
            articleID: placement.articleID,
            mentions: match.entities.flatMap { names in
                compiledTopic.map { $0.aliases.apply(to: item.mentions, entities: names) }
            } ?? item.mentions,
            time: time,
            raiseAlerts: raiseAlerts,
            now: now,
            statusFollows: match.status.flatMap { status in
                compiledTopic?.detector?.preset.states.first { $0.name == status }?.follows
            } ?? []
        )
        if let alert = applyStatus(observation, to: &state) {
            alerts.append(alert)
        }
        guard placement.revision != .update else {
            return alerts
        }
        // Coverage counts every outlet's report, wire copies included: forty outlets carrying one story is a surge
        // of coverage. The other measures count each article once.
        if let alert = applyCoverage(observation, to: &state.coverage, since: state.firstAt ?? time) {
            alerts.append(alert)
        }
        guard !item.isCopy else {
            return alerts
        }
        alerts += applyActors(observation, to: &state.actors, since: state.firstAt ?? time)
        if let alert = applyTone(observation, to: &state.tone) {
            alerts.append(alert)
        }
        return alerts
    }
}
