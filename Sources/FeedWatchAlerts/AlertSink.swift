public import FeedWatchCore
public import Foundation

/// A destination alerts are delivered to, one at a time, from the store's outbox.
public protocol AlertSink: Sendable {
    /// The sink's unique name; deliveries are tracked per name.
    var name: String { get }

    /// Delivers one alert and says whether it arrived, should be retried, or can never arrive.
    ///
    /// - Parameter alert: The alert to deliver.
    /// - Returns: The outcome of this attempt.
    func deliver(_ alert: Alert) async -> DeliveryOutcome
}
