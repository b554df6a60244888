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
        let store = try await openStore(configuration, logger: logger)
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
    /// The dashboard and the Atom feed of alerts over this application's store, for the HTTP listener.
    func dashboardPages(logger: Logger) -> [any HTTPPages] {
        guard let store = store as? any ViewStore,
            let views = try? TopicViews(topics: configuration.topics, store: store)
        else { return [] }
        return [Dashboard(views: views, sinks: configuration.sinks, logger: logger)]
    }
}
