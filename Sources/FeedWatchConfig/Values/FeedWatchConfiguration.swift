public import FeedWatchCore
public import Foundation

/// Where in a configuration file a value was written, for error messages.
public struct ConfigLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The configuration file's path.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and compilers use.
    public var description: String { "\(file):\(line):\(column)" }
}

/// The whole of a feedwatch configuration file, validated and with every path made absolute.
public struct FeedWatchConfiguration: Sendable, Equatable {
    /// The file this configuration was read from (absolute), or `nil` when built in code.
    public var sourceFile: String?
    /// The SQLite database's absolute path, or a `postgres://user@host:port/database` URL selecting PostgreSQL.
    public var database: String
    /// The absolute path of a file holding the PostgreSQL role's password.
    public var databasePasswordFile: String?
    /// The name of a systemd credential (`LoadCredential=NAME:…`) holding the PostgreSQL role's password.
    public var databasePasswordCredential: String?
    /// How long, in seconds, a PostgreSQL server may take to accept a connection and login, or to answer any one
    /// statement, before the store call fails (`database_timeout`).
    public var databaseTimeout: TimeInterval = Self.defaultDatabaseTimeout
    /// How long a PostgreSQL server may take to answer when the configuration does not say (`database_timeout`).
    public static let defaultDatabaseTimeout: TimeInterval = 30
    /// How feeds are polled.
    public var poll: PollConfiguration
    /// Whether items present when a feed is first seen raise alerts.
    public var backfill: BackfillMode
    /// The feeds to watch.
    public var feeds: [FeedConfiguration]
    /// The topics to track.
    public var topics: [TopicConfiguration]
    /// Where alerts go.
    public var sinks: [SinkConfiguration]
    /// The optional HTTP listener serving `/metrics` and `/healthz`; `nil` (the default) serves nothing.
    public var metrics: MetricsConfiguration?
    /// How long items and alerts are kept, and how many items a feed keeps at most.
    public var retention = RetentionConfiguration()

    /// Creates a configuration.
    public init(
        sourceFile: String? = nil,
        database: String,
        poll: PollConfiguration = PollConfiguration(),
        backfill: BackfillMode = .silent,
        feeds: [FeedConfiguration] = [],
        topics: [TopicConfiguration] = [],
        sinks: [SinkConfiguration] = [.log(LogSinkConfiguration())],
        metrics: MetricsConfiguration? = nil,
        databasePasswordFile: String? = nil,
        databasePasswordCredential: String? = nil
    ) {
        self.sourceFile = sourceFile
        self.database = database
        self.databasePasswordFile = databasePasswordFile
        self.databasePasswordCredential = databasePasswordCredential
        self.poll = poll
        self.backfill = backfill
        self.feeds = feeds
        self.topics = topics
        self.sinks = sinks
        self.metrics = metrics
    }

    /// The PostgreSQL database ``database`` names, or `nil` when it names an SQLite file.
    public var postgresLocation: PostgresLocation? {
        PostgresLocation.isPostgresURL(database) ? try? PostgresLocation(parsing: database) : nil
    }

    /// Each topic's `digest` or `cooldown`, by topic id, for the alert dispatcher.
    public var alertGrouping: [String: AlertGrouping] {
        Dictionary(topics.map { ($0.id, $0.grouping) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Whether the items already in a feed when feedwatch first sees it raise alerts.
public enum BackfillMode: String, Sendable, Equatable, CaseIterable {
    /// They are stored and shape topic state, but raise no alerts.
    case silent
    /// They raise alerts like any new item.
    case alert
}

/// How and how often feeds are fetched, and how politely.
public struct PollConfiguration: Sendable, Equatable {
    /// The time between two polls of a feed before its update rate is known, in seconds.
    public var interval: TimeInterval
    /// The shortest interval the adaptive schedule may choose, in seconds.
    public var minInterval: TimeInterval
    /// The longest interval the adaptive schedule may choose, in seconds.
    public var maxInterval: TimeInterval
    /// The longest wait between two retries of a failing feed, in seconds.
    public var maxBackoff: TimeInterval
    /// How long a feed must keep failing before a `feed_failing` alert is raised, in seconds.
    public var failingAfter: TimeInterval
    /// How many consecutive polls must see the same permanent redirect before the stored URL changes.
    public var relinkAfter: Int
    /// The shortest time between the starts of two requests to one host, in seconds; 0 for none.
    public var hostGap: TimeInterval
    /// How many transfers to one host may run at once.
    public var hostConnections: Int
    /// The window over which feeds due at start-up are spread, in seconds; 0 polls them all at once.
    public var startupSpread: TimeInterval
    /// The total time one transfer may take, in seconds.
    public var timeout: TimeInterval
    /// The time allowed to establish a connection, in seconds.
    public var connectTimeout: TimeInterval
    /// The largest body accepted, in bytes (counted after decompression).
    public var maxBody: Int
    /// How many transfers run at once.
    public var concurrency: Int
    /// The `User-Agent` header sent with every request.
    public var userAgent: String
    /// With a shared (PostgreSQL) store: how long a feed claimed by one instance stays leased to it if it never
    /// records the poll (it crashed), in seconds; at least twice ``timeout``.
    public var claimLease: TimeInterval = 300
    /// Whether feeds may be fetched from loopback, private, link-local and cloud-metadata addresses, redirects
    /// included (`poll.allow_private_networks`). On by default: many set-ups poll a feed on the same machine or the
    /// LAN; turn it off when the feed list is not fully trusted (imported from others, or edited by several people).
    public var allowPrivateNetworks: Bool = true
    /// The most feeds one poll cycle fetches (`poll.max_feeds_per_cycle`); when more are due, the most overdue go
    /// first and the rest in the next cycle, which starts at once. A slow cycle is so stored in parts, and a
    /// shutdown or a store fault loses at most one part's work. Forced cycles (`run --once`) poll every feed.
    public var maxFeedsPerCycle: Int = 200

    /// The user agent feedwatch identifies itself with unless configured otherwise.
    public static let defaultUserAgent = UserAgent.feedwatch

    /// Creates a poll configuration with sensible defaults.
    public init(
        interval: TimeInterval = 900,
        minInterval: TimeInterval = 300,
        maxInterval: TimeInterval = 86_400,
        maxBackoff: TimeInterval = 86_400,
        failingAfter: TimeInterval = 86_400,
        relinkAfter: Int = 3,
        hostGap: TimeInterval = 1,
        hostConnections: Int = 2,
        startupSpread: TimeInterval = 60,
        timeout: TimeInterval = 30,
        connectTimeout: TimeInterval = 10,
        maxBody: Int = 10 * 1024 * 1024,
        concurrency: Int = 8,
        userAgent: String = PollConfiguration.defaultUserAgent
    ) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.maxBackoff = maxBackoff
        self.failingAfter = failingAfter
        self.relinkAfter = relinkAfter
        self.hostGap = hostGap
        self.hostConnections = hostConnections
        self.startupSpread = startupSpread
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxBody = maxBody
        self.concurrency = concurrency
        self.userAgent = userAgent
    }
}

/// One feed to watch.
public struct FeedConfiguration: Sendable, Equatable {
    /// The feed's absolute URL (`http`, `https` or `file`).
    public var url: String
    /// A display name for alerts and logs.
    public var name: String?
    /// This feed's own poll interval in seconds, overriding ``PollConfiguration/interval``.
    public var interval: TimeInterval?
    /// Free-form tags.
    public var tags: [String]

    /// Creates a feed configuration.
    public init(url: String, name: String? = nil, interval: TimeInterval? = nil, tags: [String] = []) {
        self.url = url
        self.name = name
        self.interval = interval
        self.tags = tags
    }
}

/// One tracked topic.
public struct TopicConfiguration: Sendable, Equatable {
    /// A short stable identifier, used in alerts and the store.
    public var id: String
    /// A human name.
    public var name: String
    /// The boolean query an item must match (`AND`, `OR`, `NOT`, parentheses, "quoted phrases").
    public var match: String
    /// A query whose matches are excluded even when ``match`` matches.
    public var exclude: String?
    /// The name of the status preset tracked for this topic (for example `negotiation`).
    public var status: String?
    /// Where the topic was written, for error messages.
    public var location: ConfigLocation?
    /// How cautious change detection is for this topic.
    public var rules: TopicChangeRules
    /// Other names of entities, mapped to their canonical name: `["IDF": "Israel Defense Forces"]`.
    public var aliases: [String: String]
    /// The topic's own states with their cue phrases, highest priority first, instead of a preset; empty when the
    /// topic uses a preset or tracks no status.
    public var states: [TopicStatus]
    /// How the topic's alerts are batched for delivery (`cooldown` or `digest`); one message each by default.
    public var grouping: AlertGrouping = .immediate
    /// Negotiated things of this topic that status predicates can be about, beyond its preset's (`objects:`), such
    /// as `corridor` or `hostage deal`.
    public var objects: [String] = []

    /// Creates a topic configuration.
    ///
    /// - Parameters:
    ///   - id: The topic's identifier.
    ///   - name: A human name (default: the id).
    ///   - match: The query an item must match.
    ///   - exclude: A query whose matches are excluded.
    ///   - status: The status preset tracked.
    ///   - location: Where the topic was written.
    ///   - rules: How cautious change detection is.
    ///   - aliases: Other names of entities, mapped to their canonical name.
    ///   - states: The topic's own states, instead of a preset.
    public init(
        id: String,
        name: String? = nil,
        match: String,
        exclude: String? = nil,
        status: String? = nil,
        location: ConfigLocation? = nil,
        rules: TopicChangeRules = TopicChangeRules(),
        aliases: [String: String] = [:],
        states: [TopicStatus] = []
    ) {
        self.id = id
        self.name = name ?? id
        self.match = match
        self.exclude = exclude
        self.status = status
        self.location = location
        self.rules = rules
        self.aliases = aliases
        self.states = states
    }
}

/// One destination for alerts.
public enum SinkConfiguration: Sendable, Equatable {
    /// Print each alert as one line on standard output.
    case log(LogSinkConfiguration)
    /// POST each alert as JSON to a URL.
    case webhook(WebhookSinkConfiguration)
    /// Run a command with each alert's JSON on its standard input.
    case exec(ExecSinkConfiguration)

    /// The sink's name, unique within a configuration; deliveries are tracked per name.
    public var name: String {
        switch self {
        case .log(let log): log.name
        case .webhook(let webhook): webhook.name
        case .exec(let exec): exec.name
        }
    }

    /// Which alerts the sink receives and how long their delivery is tried.
    public var rules: SinkRules {
        get {
            switch self {
            case .log(let log): log.rules
            case .webhook(let webhook): webhook.rules
            case .exec(let exec): exec.rules
            }
        }
        set {
            switch self {
            case .log(var log):
                log.rules = newValue
                self = .log(log)
            case .webhook(var webhook):
                webhook.rules = newValue
                self = .webhook(webhook)
            case .exec(var exec):
                exec.rules = newValue
                self = .exec(exec)
            }
        }
    }
}

/// The `log` sink's settings.
public struct LogSinkConfiguration: Sendable, Equatable {
    /// The line format of a log sink.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        /// `key=value` pairs.
        case logfmt
        /// One JSON object per line.
        case json
    }

    /// The sink's unique name.
    public var name: String
    /// The line format.
    public var format: Format
    /// Which alerts the sink receives and how long their delivery is tried.
    public var rules = SinkRules()

    /// Creates a log sink configuration.
    public init(name: String = "log", format: Format = .logfmt) {
        self.name = name
        self.format = format
    }
}

/// The `webhook` sink's settings.
public struct WebhookSinkConfiguration: Sendable, Equatable {
    /// The sink's unique name.
    public var name: String
    /// The URL alerts are POSTed to.
    public var url: String
    /// The absolute path of a file holding the signing secret, if requests are signed.
    public var secretFile: String?
    /// The name of a systemd credential (`LoadCredential=NAME:…`) holding the signing secret, instead of a file.
    public var secretCredential: String?
    /// The built-in payload template (`generic`, `slack`, `discord`, `teams`, `mattermost`, `ntfy`); `nil` means
    /// the generic JSON payload.
    public var template: String?
    /// The absolute path of a Mustache template file for the payload, instead of a built-in template.
    public var templateFile: String?
    /// Which alerts the sink receives and how long their delivery is tried.
    public var rules = SinkRules()

    /// Creates a webhook sink configuration.
    public init(
        name: String = "webhook",
        url: String,
        secretFile: String? = nil,
        secretCredential: String? = nil,
        template: String? = nil,
        templateFile: String? = nil
    ) {
        self.name = name
        self.url = url
        self.secretFile = secretFile
        self.secretCredential = secretCredential
        self.template = template
        self.templateFile = templateFile
    }
}

/// Where the HTTP listener (`/metrics`, `/healthz`, the dashboard and the Atom feed of alerts) listens, and the
/// password it asks for: the `http` section (`metrics` is still accepted).
public struct MetricsConfiguration: Sendable, Equatable {
    /// The address listened on; loopback by default, so nothing is exposed to the network by accident.
    public var host: String
    /// The TCP port; 0 picks a free one (for tests).
    public var port: Int
    /// The absolute path of a file holding the HTTP basic auth password; required (or ``passwordCredential``)
    /// when ``host`` is not a loopback address.
    public var passwordFile: String?
    /// The name of a systemd credential (`LoadCredential=NAME:…`) holding the password, instead of a file.
    public var passwordCredential: String?
    /// The HTTP basic auth user name.
    public var user: String = "feedwatch"
    /// Whether the dashboard and the Atom feed are served: always from an `http` section, and from the older
    /// `metrics` section only on a loopback address (it has no password, and served only metrics before).
    public var servesDashboard = true

    /// Whether ``host`` is reachable only from this machine (127.0.0.0/8, `::1` or `localhost`).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The listener's default address, `127.0.0.1:9470`.
    public static let defaultAddress = "127.0.0.1:9470"

    /// Creates a listener configuration.
    public init(host: String = "127.0.0.1", port: Int = 9470) {
        self.host = host
        self.port = port
    }
}

/// The `exec` sink's settings.
public struct ExecSinkConfiguration: Sendable, Equatable {
    /// The sink's unique name.
    public var name: String
    /// The program and its arguments; a program without `/` is looked up in `$PATH` at start-up.
    public var command: [String]
    /// How long one run may take before it is stopped and retried later, in seconds.
    public var timeout: TimeInterval
    /// Which alerts the sink receives and how long their delivery is tried.
    public var rules = SinkRules()

    /// Creates an exec sink configuration.
    public init(name: String = "exec", command: [String], timeout: TimeInterval = 30) {
        self.name = name
        self.command = command
        self.timeout = timeout
    }
}
