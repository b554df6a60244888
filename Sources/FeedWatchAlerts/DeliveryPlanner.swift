public import FeedWatchCore
public import Foundation

/// Decides what a sink is sent now, from its pending deliveries: single alerts, or digests for topics with a
/// `digest` or `cooldown`.
///
/// Order is kept per topic: a delivery waiting for its retry holds back the later ones of its topic (not those of
/// other topics). A digest's members are fixed by their raise time (those raised before the window or cooldown
/// ended), so planning again after a crash or a failed attempt yields the same digest with the same id.
public struct DeliveryPlanner: Sendable {
    /// One message to send: a single alert or a digest, with the deliveries it settles.
    public struct Message: Sendable, Equatable {
        /// What is sent: the alert itself, or a ``Alert/Kind/digest`` of the deliveries' alerts.
        public var alert: Alert
        /// The deliveries this message settles, in event-time order.
        public var deliveries: [PendingDelivery]
    }

    /// Each topic's grouping; topics not listed are ``AlertGrouping/immediate``.
    public var grouping: [String: AlertGrouping]

    /// Creates a planner.
    public init(grouping: [String: AlertGrouping] = [:]) {
        self.grouping = grouping
    }

    /// The topics whose last message time the plan needs (those with a cooldown).
    public var cooldownTopics: [String] {
        grouping.compactMap { topic, grouping in
            if case .cooldown = grouping { return topic }
            return nil
        }.sorted()
    }

    /// The messages to send now.
    ///
    /// - Parameters:
    ///   - pending: The sink's pending deliveries, each topic's in event-time order.
    ///   - lastSent: When the sink last received a message of each cooldown topic.
    ///   - now: The current time.
    /// - Returns: The messages, each topic's in event-time order; a topic's later messages go only after its
    ///   earlier ones arrived.
    public func plan(_ pending: [PendingDelivery], lastSent: [String: Date], now: Date) -> [Message] {
        var order: [String] = []
        var byTopic: [String: [PendingDelivery]] = [:]
        for delivery in pending {
            if byTopic[delivery.alert.topic] == nil { order.append(delivery.alert.topic) }
            byTopic[delivery.alert.topic, default: []].append(delivery)
        }
        return order.flatMap { topic in
            plan(topic: topic, byTopic[topic] ?? [], lastSent: lastSent[topic], now: now)
        }
    }

    private func plan(topic: String, _ queue: [PendingDelivery], lastSent: Date?, now: Date) -> [Message] {
        guard let head = queue.first, head.nextAttemptAt <= now else { return [] }
        switch grouping[topic] ?? .immediate {
        case .immediate:
            return queue.prefix { $0.nextAttemptAt <= now }.map { Message(alert: $0.alert, deliveries: [$0]) }
        case .digest(let seconds):
            let release = (queue.map(\.alert.createdAt).min() ?? now).addingTimeInterval(seconds)
            guard now >= release else { return [] }
            return [message(queue.filter { $0.alert.createdAt <= release })]
        case .cooldown(let seconds):
            guard let lastSent else { return [message([head])] }
            let release = lastSent.addingTimeInterval(seconds)
            guard now >= release else { return [] }
            let held = queue.filter { $0.alert.createdAt <= release }
            return [message(held.isEmpty ? [head] : held)]
        }
    }

    private func message(_ deliveries: [PendingDelivery]) -> Message {
        let alert = deliveries.count == 1 ? deliveries[0].alert : Alert.digest(of: deliveries.map(\.alert))
        return Message(alert: alert, deliveries: deliveries)
    }
}
