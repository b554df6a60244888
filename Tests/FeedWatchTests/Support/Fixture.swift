import Foundation

/// Reads the test fixtures shipped with the test target (`Tests/FeedWatchTests/Fixtures`).
enum Fixture {
    /// The absolute path of a fixture, given relative to the `Fixtures` folder.
    static func path(_ name: String) -> String {
        let root = Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")
        return root.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// The bytes of a fixture.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(name)))
    }
}
