import FeedWatchAnalysis
import FeedWatchCore
import FeedWatchFetch
import FeedWatchParse
import FeedWatchStore
import Foundation

/// What parsing and analyzing one fetched body produced.
enum FeedDigest: Sendable {
    /// The document and its items that the feed does not hold yet, analyzed, in document order.
    case parsed(FeedStateUpdater.DocumentFacts, [AnalyzedItem])
    /// The body is not a feed; the parser's description.
    case unparsable(String)
    /// Looking up the stored items failed.
    case storeFailed(StoreError)
}

/// The digest stage of a poll cycle: parses fetched bodies and analyzes the items their feeds have not stored yet,
/// off the pipeline's actor, one task per core.
struct FeedDigester: Sendable {
    /// Reads the bodies.
    let parser: FeedParser
    /// Analyzes the items for every topic.
    let analyzer: Analyzer
    /// Says which items a feed already holds.
    let store: any ItemStore

    /// Digests fetched bodies as they arrive and passes every fetch result on (without its body) with its digest,
    /// in completion order; results without a body pass at once. Each body takes a place in `budget` first, so
    /// parsing waits when the store falls a chunk and a quarter behind.
    ///
    /// - Parameters:
    ///   - fetched: The fetch results, as the transfers finish.
    ///   - output: Where each result goes with its digest; finished when `fetched` is.
    ///   - budget: The places for bodies digested but not yet stored.
    ///   - feeds: The cycle's feeds, by id.
    ///   - clockOffset: How far the cycle's clock is from the wall clock, so items are first seen on the cycle's.
    func run(
        _ fetched: AsyncStream<FetchResult>,
        into output: AsyncStream<(result: FetchResult, digest: FeedDigest?)>.Continuation,
        budget: DigestBudget,
        feeds: [Int64: FeedRecord],
        clockOffset: TimeInterval
    ) async {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: (result: FetchResult, digest: FeedDigest?).self) { group in
            var running = 0
            for await result in fetched {
                guard case .fetched(let body, let contentType) = result.outcome, let feed = feeds[result.feedID] else {
                    output.yield((result, nil))
                    continue
                }
                await budget.acquire()
                if running >= workers, let done = await group.next() {
                    output.yield(done)
                    running -= 1
                }
                let at = result.fetchedAt.addingTimeInterval(clockOffset)
                group.addTask {
                    (result.withoutBody, await digest(body, contentType: contentType, feed: feed, at: at))
                }
                running += 1
            }
            for await done in group {
                output.yield(done)
            }
        }
        output.finish()
    }

    /// Parses a body and analyzes the items its feed has not stored yet.
    func digest(_ body: Data, contentType: String?, feed: FeedRecord, at now: Date) async -> FeedDigest {
        let parsed: ParsedFeed
        do {
            parsed = try parser.parse(body, url: feed.url, contentType: contentType)
        } catch {
            return .unparsable(error.description)
        }
        let reference = feed.reference
        var seenInDocument = Set<String>()
        // One array, filtered in place: an analyzed item is a dozen references, and every copy of it retains and
        // releases each of them.
        var analyzed: [AnalyzedItem] = []
        analyzed.reserveCapacity(parsed.items.count)
        for index in parsed.items.indices {
            let one = analyzer.analyze(parsed.items[index], feed: reference, firstSeen: now)
            if seenInDocument.insert(one.dedupeKey).inserted { analyzed.append(one) }
        }
        do {
            // A feed never polled successfully holds nothing to look up (an item stored just before a crash is
            // still skipped by the store's insert).
            if feed.lastSuccessAt != nil {
                let existing = try await store.existingKeys(feedID: feed.id, keys: analyzed.map(\.dedupeKey))
                if !existing.isEmpty { analyzed.removeAll { existing.contains($0.dedupeKey) } }
            }
            return .parsed(FeedStateUpdater.DocumentFacts(parsed), analyzed)
        } catch {
            return .storeFailed(error)
        }
    }
}

extension FetchResult {
    /// The result without its body, to keep after the body was parsed.
    fileprivate var withoutBody: FetchResult {
        guard case .fetched(_, let contentType) = outcome else { return self }
        var slim = self
        slim.outcome = .fetched(body: Data(), contentType: contentType)
        return slim
    }
}
