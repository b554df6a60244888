import Foundation
import Testing

@testable import FeedWatchStore

@Suite("SQLiteStore: what only the embedded backend does")
struct SQLiteStoreTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func unopenableDatabaseGivesAClearError() throws {
        let blocker = try directory.write("not a folder", to: "blocker")
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: blocker + "/db.sqlite") }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains(blocker + "/db.sqlite") == true)
        #expect(error?.description.contains("writable") == true)
    }
}
