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
    /// The most established names kept per topic.
    static let actorEstablishedLimit = 5_000

    /// Raises `new_actor` for a person or organisation that enters the topic after it warmed up.
    ///
    /// - Entities named within ``actorWarmup`` of the topic's first item are its cast, established, not news; so
    ///   are spokespeople (they speak for an actor) and every entity already announced. A person is known by
    ///   surname too (`Lavrov` after `Sergei Lavrov`), an organisation by its initials (`WFP`).
    /// - Only people and organisations can be actors (see ``EntityMention/canAct``): places, ships, news sources
    ///   and bare capitalised words are not.
    /// - A newcomer the report introduces as an actor (``EntityMention/isIntroducedActor``: a person with a role
    ///   whom it shows taking part, `Foreign Minister Sergei Lavrov will travel to Ankara`, `the UN coordinator,
    ///   Amir Abdulla`; an organisation with a role, `the agricultural bank Rosselkhozbank`) is announced at once:
    ///   the report itself says who it is and that it acts. Any other newcomer, a minister who only comments among
    ///   them, must appear in ``TopicChangeRules/actorMinMentions`` separate stories within ``actorWindow`` of its
    ///   first mention; one named again after that window without having become an actor has been part of the
    ///   topic all along, and is established, not announced.
    ///
    /// - Parameters:
    ///   - observation: The item, an independent report (copies and updates are not counted).
    ///   - actors: The topic's actor state, updated in place.
    ///   - firstAt: The event time of the topic's first item.
    /// - Returns: The `new_actor` alerts, when alerts are raised.
    func applyActors(_ observation: Observation, to actors: inout ActorState, since firstAt: Date) -> [Alert] {
        let time = observation.time
        let warmingUp = time < firstAt.addingTimeInterval(Self.actorWarmup)
        var alerts: [Alert] = []
        for mention in observation.mentions {
            let keys = mention.keys
            if warmingUp || mention.isSpokesperson
                || keys.contains(where: { Self.search(actors.established, for: $0).found })
            {
                Self.establish(keys, in: &actors)
                continue
            }
            guard mention.canAct else {
                continue
            }
            let fresh = ActorState.Candidate(
                name: mention.name,
                firstAt: time,
                lastAt: time,
                stories: [],
                outlets: [],
                evidence: [],
                keys: keys
            )
            let index = actors.candidates.firstIndex { !Set($0.keys ?? [$0.name]).isDisjoint(with: keys) }
            var candidate = index.map { actors.candidates.remove(at: $0) } ?? fresh
            if time > candidate.firstAt.addingTimeInterval(Self.actorWindow) {
                // Named in the topic for longer than the window without becoming an actor: a presence the topic
                // has had all along (a head of state quoted now and then), not a newcomer.
                Self.establish(candidate.keys ?? keys, in: &actors)
                continue
            }
            candidate.keys = Array(Set(candidate.keys ?? [candidate.name]).union(keys)).sorted()
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
            guard mention.isIntroducedActor || candidate.stories.count >= observation.rules.actorMinMentions else {
                actors.candidates.append(candidate)
                continue
            }
            Self.establish(candidate.keys ?? keys, in: &actors)
            if observation.raiseAlerts {
                alerts.append(newActorAlert(observation, candidate: candidate, mention: mention))
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

    /// Adds names to the established ones, keeping them sorted, and stops counting any candidate they name.
    private static func establish(_ keys: [String], in actors: inout ActorState) {
        for key in keys {
            let (position, known) = search(actors.established, for: key)
            if !known {
                actors.established.insert(key, at: position)
            }
        }
        actors.candidates.removeAll { !Set($0.keys ?? [$0.name]).isDisjoint(with: keys) }
    }

    private func newActorAlert(_ observation: Observation, candidate: ActorState.Candidate, mention: EntityMention)
        -> Alert
    {
        let name = candidate.name
        let described = mention.role.map { "\(name) (\($0))" } ?? name
        let summary =
            candidate.stories.count == 1
            ? "New actor in \"\(observation.topicName)\": \(described), named by \(observation.item.feed.displayName)"
            : "New actor in \"\(observation.topicName)\": \(described), in \(candidate.stories.count) stories since "
                + "\(candidate.firstAt.ISO8601Format().prefix(10))"
        return Alert(
            id: StableHash.hex(["new_actor", observation.topic, name]),
            topic: observation.topic,
            kind: .newActor,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: summary,
            evidence: candidate.evidence,
            explanation: Alert.Explanation(
                cue: mention.role,
                sources: candidate.outlets,
                confidence: Self.rounded(1 - pow(0.5, Double(candidate.outlets.count))),
                observed: candidate.stories.count,
                entity: name
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
