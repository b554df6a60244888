// swift-tools-version:6.2
import PackageDescription

// MARK: - Dependencies

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let serviceLifecycle: Target.Dependency = .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals: Target.Dependency = .product(name: "UnixSignals", package: "swift-service-lifecycle")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
/// SQLite's C interface as GRDB links it, for the item insert that binds values directly.
let grdbSQLite: Target.Dependency = .product(name: "GRDBSQLite", package: "GRDB.swift")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let mustache: Target.Dependency = .product(name: "Mustache", package: "swift-mustache")
let postgresNIO: Target.Dependency = .product(name: "PostgresNIO", package: "postgres-nio")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let nioSSL: Target.Dependency = .product(name: "NIOSSL", package: "swift-nio-ssl")

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// MARK: - Layers
// Each stage of the pipeline is its own target, so the compiler holds the design that ARCHITECTURE.md draws:
// a target may import only the layers below it (Scripts/check-layers.py checks this list against that graph).

let core: Target.Dependency = "FeedWatchCore"
let config: Target.Dependency = "FeedWatchConfig"
let transport: Target.Dependency = "FeedWatchTransport"
let fetch: Target.Dependency = "FeedWatchFetch"
let parse: Target.Dependency = "FeedWatchParse"
let analysis: Target.Dependency = "FeedWatchAnalysis"
let store: Target.Dependency = "FeedWatchStore"
let alerts: Target.Dependency = "FeedWatchAlerts"
let observability: Target.Dependency = "FeedWatchObservability"
let views: Target.Dependency = "FeedWatchViews"
let daemon: Target.Dependency = "FeedWatchDaemon"
let allLayers: [Target.Dependency] = [
    core, config, transport, fetch, parse, analysis, store, alerts, observability, views, daemon,
]

let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v15)],
    products: [
        .library(
            name: "FeedWatch",
            targets: [
                "FeedWatchCore", "FeedWatchConfig", "FeedWatchTransport", "FeedWatchFetch", "FeedWatchParse",
                "FeedWatchAnalysis", "FeedWatchStore", "FeedWatchAlerts", "FeedWatchObservability", "FeedWatchViews",
                "FeedWatchDaemon",
            ]
        ),
        .executable(name: "feedwatch", targets: ["feedwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // MARK: - C bridges
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // MARK: - Build plugins
        .plugin(name: "EmbedResources", capability: .buildTool(), path: "Sources/EmbedResources"),

        // MARK: - Layers, bottom up
        .target(name: "FeedWatchCore", dependencies: [crypto], swiftSettings: swiftSettings),
        .target(name: "FeedWatchConfig", dependencies: [core, yams], swiftSettings: swiftSettings),
        .target(name: "FeedWatchTransport", dependencies: [core, "CCurl"], swiftSettings: swiftSettings),
        .target(name: "FeedWatchParse", dependencies: [core, "CLibXML2"], swiftSettings: swiftSettings),
        .target(
            name: "FeedWatchFetch",
            dependencies: [core, config, transport, logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedWatchAnalysis",
            dependencies: [core, config],
            exclude: ["Resources"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "FeedWatchObservability",
            dependencies: [core, config, logging, metrics, prometheus, hummingbird, serviceLifecycle],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedWatchStore",
            dependencies: [core, config, analysis, logging, grdb, grdbSQLite, postgresNIO, nioCore, nioPosix, nioSSL],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedWatchAlerts",
            dependencies: [core, config, transport, store, observability, logging, mustache, crypto],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedWatchViews",
            dependencies: [core, config, analysis, store, observability, logging, mustache, hummingbird],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FeedWatchDaemon",
            dependencies: [
                core, config, transport, fetch, parse, analysis, store, alerts, observability, views, logging,
                serviceLifecycle, unixSignals,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "feedwatch",
            dependencies: allLayers + [argumentParser, logging, serviceLifecycle],
            swiftSettings: swiftSettings
        ),

        // MARK: - Benchmarks
        .executableTarget(
            name: "DeliveryBenchmark",
            dependencies: allLayers + [
                hummingbird, logging, serviceLifecycle, .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/DeliveryBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "InstancesBenchmark",
            dependencies: allLayers,
            path: "Benchmarks/InstancesBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PollBenchmark",
            dependencies: allLayers + [logging],
            path: "Benchmarks/PollBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ParseBenchmark",
            dependencies: [core, parse],
            path: "Benchmarks/ParseBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ViewsBenchmark",
            dependencies: [
                core, config, analysis, store, transport, observability, views, logging, serviceLifecycle,
            ],
            path: "Benchmarks/ViewsBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AnalysisBenchmark",
            dependencies: [core, config, analysis],
            path: "Benchmarks/AnalysisBenchmark",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .testTarget(
            name: "FeedWatchTests",
            dependencies: allLayers + [
                logging, serviceLifecycle, grdb, hummingbird, crypto, postgresNIO,
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ]
)
