/// The schema versions every backend applies, in order.
///
/// Each backend expresses each version in its own SQL (``SQLiteStore`` through GRDB's `DatabaseMigrator`,
/// ``PostgresStore`` through its own migration table), but the list is one: a version added to one backend is
/// added to the other in the same change, and a test checks both applied exactly this list.
enum StoreSchema {
    /// The version identifiers, oldest first.
    static let versions = ["v1", "v2", "v3", "v4", "v5", "v6"]
}
