import FeedWatchConfig
import FeedWatchCore
public import Foundation

extension Analyzer {
    /// Gathers an item's status report and moves the topic's status once independent outlets confirm it.
    ///
    /// - A report older than the item that set the current status is ignored.
    /// - The first status a topic sees is set silently.
    /// - A report of the current status advances ``TopicState/statusAt``.
    /// - A report of a status that cannot follow the current one (``TopicStatus/follows``) is not news of a change
    ///   and is ignored.
    /// - A report of another status joins that status's pending reports unless it copies one already there
    ///   (same story, same text or same globally unique key: wire copies count once). Reports older than
    ///   ``TopicChangeRules/confirmWindow`` before the item expire.
    /// - The status moves at once on a strong report (a headline stating a specific state as fact, when
    ///   ``TopicChangeRules/headlineConfirms``); otherwise when its pending reports come from at least
    ///   ``TopicChangeRules/minSources`` outlets, or when one more separate report than that confirms it (an
    ///   outlet's own follow-up story counts then). Going back to the status just left within
    ///   ``TopicChangeRules/hold`` needs one outlet more (hysteresis), unless the report is strong.
    ///
    /// - Parameters:
    ///   - observation: The item, its match and its story.
    ///   - state: The topic's state, updated in place.
    /// - Returns: The `status_change` alert, when the status moved and alerts are raised.
    func applyStatus(_ observation: Observation, to state: inout TopicState) -> Alert? {
        let time = observation.time
        let rules = observation.rules
        let cutoff = time.addingTimeInterval(-rules.confirmWindow)
        for index in state.pending.indices {
            state.pending[index].reports.removeAll { $0.at < cutoff }
        }
        state.pending.removeAll { $0.reports.isEmpty }

        guard let status = observation.match.status, state.statusAt.map({ time >= $0 }) ?? true else {
            return nil
        }
        guard let current = state.status else {
            state.status = status
            state.statusAt = time
            return nil
        }
        guard status != current else {
            state.statusAt = time
            return nil
        }
        guard observation.statusFollows.isEmpty || observation.statusFollows.contains(current) else {
            return nil
        }
        let report = Self.report(of: observation)
        let index: Int
        if let existing = state.pending.firstIndex(where: { $0.status == status }) {
            index = existing
        } else {
            state.pending.append(PendingStatus(status: status))
            index = state.pending.count - 1
        }
        state.pending[index].add(report)
        let pending = state.pending[index]
        let isFlapBack =
            status == state.previousStatus
            && state.statusAt.map { time < $0.addingTimeInterval(rules.hold) } ?? false
        // One strong report (a headline stating a specific state about the negotiated thing) is enough: on real
        // reporting the first outlet is usually alone for hours, and some changes are reported by one outlet only.
        let strong = rules.headlineConfirms && observation.match.statusInHeadline == true
        let needed = strong ? 1 : rules.minSources + (isFlapBack ? 1 : 0)
        guard pending.outletCount >= needed || pending.reports.count >= needed + 1 else {
            return nil
        }
        state.previousStatus = current
        state.status = status
        state.statusAt = time
        state.pending.remove(at: index)
        guard observation.raiseAlerts else {
            return nil
        }
        return statusChangeAlert(observation, change: Alert.StatusChange(from: current, to: status), pending: pending)
    }

    /// How sure a confirmed status is: `1 − 0.5^w`, where `w` counts each outlet once and each extra separate
    /// report of an outlet as half.
    ///
    /// - Parameter pending: The confirmed status's reports.
    /// - Returns: A confidence in 0…1, rounded to three decimals.
    static func statusConfidence(_ pending: PendingStatus) -> Double {
        let outlets = Double(pending.outletCount)
        let weight = outlets + 0.5 * (Double(pending.reports.count) - outlets)
        return rounded(1 - pow(0.5, weight))
    }

    private static func report(of observation: Observation) -> PendingStatus.Report {
        let item = observation.item
        return PendingStatus.Report(
            feedID: item.feed.id,
            outlet: item.feed.displayName,
            storyID: observation.storyID,
            dedupeKey: item.dedupeKey,
            contentHash: item.contentHash,
            at: observation.time,
            title: item.item.title,
            link: item.item.link,
            published: item.item.published,
            cue: observation.match.cue,
            cueSentence: observation.match.cueSentence,
            articleID: observation.articleID
        )
    }

    private func statusChangeAlert(
        _ observation: Observation,
        change: Alert.StatusChange,
        pending: PendingStatus
    ) -> Alert {
        let first = pending.reports.first
        let fromText = change.from.map { " from \(Self.humanize($0))" } ?? ""
        let headline =
            first.map { Self.headline(title: $0.title, outlet: $0.outlet) }
            ?? Self.headline(of: observation.item)
        let others = pending.outlets.dropFirst()
        let confirmedBy = others.isEmpty ? "" : "; also reported by \(others.joined(separator: ", "))"
        return Alert(
            id: StableHash.hex([
                "status_change", observation.topic, change.from ?? "", change.to,
                first?.dedupeKey ?? observation.item.dedupeKey,
            ]),
            topic: observation.topic,
            kind: .statusChange,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: "\"\(observation.topicName)\" moved\(fromText) to \(Self.humanize(change.to)): "
                + "\(headline)\(confirmedBy)",
            status: change,
            evidence: pending.reports.map {
                Alert.Evidence(title: $0.title, link: $0.link, feed: $0.outlet, published: $0.published)
            },
            explanation: Alert.Explanation(
                cue: first?.cue,
                cueSentence: first?.cueSentence,
                sources: pending.outlets,
                confidence: Self.statusConfidence(pending)
            )
        )
    }
}
