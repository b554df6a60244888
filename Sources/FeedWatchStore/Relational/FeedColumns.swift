/// The `feed` columns a feed record is read from, the same on both backends, in the order each backend's decoder
/// reads them by position: looking columns up by name costs more than the query itself when thousands of feeds load
/// at start-up.
enum FeedColumns {
    static let list = """
        id, url, name, etag, last_modified, next_poll_at, last_polled_at, last_success_at, last_status, last_error,
        consecutive_failures, configured_url, failing_since, failing_alerted, retired_at, relink_target, relink_count,
        last_new_item_at, update_interval, ttl
        """
}
