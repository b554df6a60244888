public import FeedWatchConfig
import FeedWatchObservability
public import FeedWatchStore
import FeedWatchViews
public import Foundation
public import Logging

extension FeedWatchApplication {
    /// Opens the store a configuration names for reading views (`feedwatch topics`, `alerts list`, `query`).
    ///
    /// - Parameters:
    ///   - configuration: A validated configuration.
    ///   - logger: The root logger.
    /// - Returns: The open store's read side.
    /// - Throws: ``StoreError`` when the database cannot be opened or has no read side for views.
    public static func openViewStore(_ configuration: FeedWatchConfiguration, logger: Logger) async throws(StoreError)
        -> any ViewStore
    {
        let store = try await openExistingStore(configuration, logger: logger)
        guard let views = store as? any ViewStore else {
            throw StoreError(
                code: .cannotOpen,
                database: configuration.database,
                message: "this store cannot answer the views' questions"
            )
        }
        return views
    }
}

extension FeedWatchApplication {
    /// Opens the store a configuration names for a command that reads it (`feeds list`, `alerts list`, `replay`
    /// over the store), never creating a database: a missing SQLite file is an error that names it.
    ///
    /// - Parameters:
    ///   - configuration: A validated configuration.
    ///   - logger: The root logger.
    /// - Returns: The open store.
    /// - Throws: ``StoreError`` when there is no database yet or it cannot be opened.
    public static func openExistingStore(_ configuration: FeedWatchConfiguration, logger: Logger)
        async throws(StoreError) -> any Store
    {
        let database = configuration.database
        if !PostgresLocation.isPostgresURL(database), !FileManager.default.fileExists(atPath: database) {
            throw StoreError(
                code: .cannotOpen,
                database: database,
                message: "there is no database here yet, and commands that only read never create one; "
                    + "`feedwatch run` (or `run --once`) creates it, or fix `database` in the configuration"
            )
        }
        return try await openStore(configuration, logger: logger)
    }
}

extension FeedWatchApplication {
    /// The dashboard and the Atom feed of alerts over this application's store, for the HTTP listener.
    func dashboardPages(logger: Logger) -> [any HTTPPages] {
        guard let store = store as? any ViewStore,
            let views = try? TopicViews(topics: configuration.topics, store: store)
        else { return [] }
        return [Dashboard(views: views, sinks: configuration.sinks, logger: logger)]
    }
}
