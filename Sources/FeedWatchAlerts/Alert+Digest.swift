public import FeedWatchCore
import Foundation

extension Alert {
    /// The most evidence items a digest carries at its top level; every member keeps all of its own.
    static let digestEvidenceLimit = 10

    /// One message carrying several alerts of one topic, for a topic's `digest` or `cooldown`.
    ///
    /// Its id is derived from its members' ids, so sending the same members again (after a crash or a failed
    /// attempt) repeats the same `webhook-id` and receivers drop the repeat.
    ///
    /// - Parameter members: The alerts, all of one topic, in event-time order; at least two.
    /// - Returns: A ``Kind/digest`` alert whose summary lists what changed and whose ``alerts`` are the members.
    public static func digest(of members: [Alert]) -> Alert {
        let topic = members.first?.topic ?? ""
        let kinds = members.reduce(into: [Kind: Int]()) { counts, member in counts[member.kind, default: 0] += 1 }
        let tally = Kind.allCases.compactMap { kind in
            kinds[kind].map { count in "\(count) \(kind.rawValue)" }
        }
        var evidence: [Evidence] = []
        for item in members.flatMap(\.evidence) where evidence.count < digestEvidenceLimit {
            if !evidence.contains(where: { $0.link != nil && $0.link == item.link }) { evidence.append(item) }
        }
        let lines = members.map { "- " + $0.summary }.joined(separator: "\n")
        return Alert(
            id: "digest-" + StableHash.hex(["digest", topic] + members.map(\.id)),
            topic: topic,
            kind: .digest,
            at: members.map(\.at).max() ?? Date(timeIntervalSince1970: 0),
            createdAt: members.map(\.createdAt).min() ?? Date(timeIntervalSince1970: 0),
            summary: "\(members.count) alerts for topic \(topic) (\(tally.joined(separator: ", "))):\n\(lines)",
            evidence: evidence,
            alerts: members
        )
    }
}
