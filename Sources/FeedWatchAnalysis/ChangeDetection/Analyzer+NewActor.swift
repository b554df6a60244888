import FeedWatchConfig
import FeedWatchCore
public import Foundation

extension Analyzer {
    /// How long a topic warms up: entities seen in this time after its first item are established, not news.
    static let actorWarmup: TimeInterval = 86_400
    /// How long a newcomer has to reach ``TopicChangeRules/actorMinMentions`` stories after its first mention.
    static let actorWindow: TimeInterval = 7 * 86_400
    /// The most newcomers tracked per topic; the least recently mentioned are dropped first.
    static let actorCandidateLimit = 500
    /// The most established entities kept per topic.
    static let actorEstablishedLimit = 5_000

    /// Counts an independent item's entities and raises `new_actor` for an entity that newly and repeatedly
    /// co-occurs with the topic.
    ///
    /// Entities seen within ``actorWarmup`` of the topic's first item are established. A later newcomer becomes
    /// a new actor once it appears in ``TopicChangeRules/actorMinMentions`` separate stories within
    /// ``actorWindow`` of its first mention; it is then established, so it is announced once.
    ///
    /// - Parameters:
    ///   - observation: The item.
    ///   - actors: The topic's actor state, updated in place.
    ///   - firstAt: The event time of the topic's first item.
    /// - Returns: The `new_actor` alerts, when alerts are raised.
    func applyActors(_ observation: Observation, to actors: inout ActorState, since firstAt: Date) -> [Alert] {
        let time = observation.time
        let warmingUp = time < firstAt.addingTimeInterval(Self.actorWarmup)
        var alerts: [Alert] = []
        for entity in observation.entities {
            let (position, known) = Self.search(actors.established, for: entity)
            if known {
                continue
            }
            if warmingUp {
                actors.established.insert(entity, at: position)
                continue
            }
            let fresh = ActorState.Candidate(
                name: entity,
                firstAt: time,
                lastAt: time,
                stories: [],
                outlets: [],
                evidence: []
            )
            var candidate = actors.candidates.first { $0.name == entity } ?? fresh
            actors.candidates.removeAll { $0.name == entity }
            if time > candidate.firstAt.addingTimeInterval(Self.actorWindow) {
                candidate = fresh
            }
            candidate.lastAt = max(candidate.lastAt, time)
            if !candidate.stories.contains(observation.storyID) {
                candidate.stories.append(observation.storyID)
                if candidate.evidence.count < 5 {
                    candidate.evidence.append(Self.evidence(of: observation.item))
                }
            }
            let outlet = observation.item.feed.displayName
            if !candidate.outlets.contains(outlet) {
                candidate.outlets.append(outlet)
            }
            guard candidate.stories.count >= observation.rules.actorMinMentions else {
                actors.candidates.append(candidate)
                continue
            }
            actors.established.insert(entity, at: position)
            if observation.raiseAlerts {
                alerts.append(newActorAlert(observation, candidate: candidate))
            }
        }
        if actors.candidates.count > Self.actorCandidateLimit {
            actors.candidates.sort { $0.lastAt < $1.lastAt }
            actors.candidates.removeFirst(actors.candidates.count - Self.actorCandidateLimit)
        }
        if actors.established.count > Self.actorEstablishedLimit {
            actors.established.removeLast(actors.established.count - Self.actorEstablishedLimit)
        }
        return alerts
    }

    private func newActorAlert(_ observation: Observation, candidate: ActorState.Candidate) -> Alert {
        Alert(
            id: StableHash.hex(["new_actor", observation.topic, candidate.name]),
            topic: observation.topic,
            kind: .newActor,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: "New actor in \"\(observation.topicName)\": \(candidate.name), in \(candidate.stories.count) "
                + "stories since \(candidate.firstAt.ISO8601Format().prefix(10))",
            evidence: candidate.evidence,
            explanation: Alert.Explanation(
                sources: candidate.outlets,
                confidence: Self.rounded(1 - pow(0.5, Double(candidate.outlets.count))),
                observed: candidate.stories.count,
                entity: candidate.name
            )
        )
    }

    /// A binary search in a sorted list: where `value` is or would be inserted, and whether it is there.
    static func search(_ sorted: [String], for value: String) -> (position: Int, found: Bool) {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return (low, low < sorted.count && sorted[low] == value)
    }
}
