public import FeedWatchCore

/// Which sinks an alert is queued for: every sink by default, or only those whose `topics` and `kinds` accept it.
///
/// Written as an array literal of sink names, it sends every alert to each of them.
public struct AlertRouting: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// One sink and the alerts it accepts.
    public struct Route: Sendable, Equatable {
        /// The sink's name.
        public var sink: String
        /// The topics the sink accepts (`feeds` for feed-health alerts); `nil` accepts every topic.
        public var topics: Set<String>?
        /// The kinds the sink accepts; `nil` accepts every kind.
        public var kinds: Set<Alert.Kind>?

        /// Creates a route.
        public init(sink: String, topics: Set<String>? = nil, kinds: Set<Alert.Kind>? = nil) {
            self.sink = sink
            self.topics = topics
            self.kinds = kinds
        }

        /// Whether the sink accepts `alert`.
        public func accepts(_ alert: Alert) -> Bool {
            (topics?.contains(alert.topic) ?? true) && (kinds?.contains(alert.kind) ?? true)
        }
    }

    /// The routes, in sink order.
    public var routes: [Route]

    /// Creates routing from explicit routes.
    public init(routes: [Route]) {
        self.routes = routes
    }

    /// Routing that sends every alert to each of `sinks`.
    public init(allSinks sinks: [String]) {
        routes = sinks.map { Route(sink: $0) }
    }

    /// Routing that sends every alert to each named sink.
    public init(arrayLiteral sinks: String...) {
        self.init(allSinks: sinks)
    }

    /// Routing for configured sinks, from each sink's `topics` and `kinds`.
    public init(sinks: [SinkConfiguration]) {
        routes = sinks.map { sink in
            Route(sink: sink.name, topics: sink.rules.topics.map(Set.init), kinds: sink.rules.kinds.map(Set.init))
        }
    }

    /// Every sink's name, routed or not.
    public var sinkNames: [String] { routes.map(\.sink) }

    /// The sinks `alert` is queued for, in sink order.
    public func sinks(for alert: Alert) -> [String] {
        routes.filter { $0.accepts(alert) }.map(\.sink)
    }
}
