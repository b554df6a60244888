public import Hummingbird

/// Pages a higher layer adds to the HTTP listener (the dashboard and the Atom feed of alerts), registered next to
/// `/metrics` and `/healthz`.
public protocol HTTPPages: Sendable {
    /// Adds the pages' routes.
    ///
    /// - Parameter router: The listener's router; only `GET` routes belong here (the listener is read-only).
    func register(on router: Router<BasicRequestContext>)

    /// Does once, while the listener already serves, the work the pages' first request would otherwise wait for
    /// (the dashboard's coverage index).
    func prepare() async
}

extension HTTPPages {
    /// Nothing to prepare.
    public func prepare() async {}
}
