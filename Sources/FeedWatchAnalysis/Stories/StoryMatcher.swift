public import Foundation

/// Recognises items that are one article: wire copies with a new headline, an added dateline or a trimmed last
/// paragraph, and updates of an article (see ``revision(of:against:)``). Other reports of the same event, in
/// other words, are grouped by ``StoryClusterer``.
///
/// An item's fingerprint is the set of its word 3-shingles (three consecutive normalised tokens of its text; see
/// ``textShingles(title:summary:content:)``), each hashed with deterministic 64-bit FNV-1a (never `Hasher`, which
/// is seeded per process). Each article of a story keeps only a bottom-k sketch of its latest version: the
/// ``sketchSize`` smallest hashes, sorted ascending. Comparison restricts the item's shingles to the sketch's hash
/// range, which makes the sketch an unbiased sample of both sets, and estimates:
///
/// - Jaccard similarity (shared / union), for copies with small edits on either side;
/// - containment (shared / the smaller set), for copies that were trimmed or extended.
///
/// An item is the same article when at least ``minimumShared`` sampled shingles are shared (fewer only when a set
/// is that small) and either estimate reaches its threshold. Only stories whose latest item lies within ``window``
/// of the item's event time are compared.
public struct StoryMatcher: Sendable {
    /// How similar an item is to a story.
    public struct Similarity: Sendable, Equatable {
        /// The estimated Jaccard similarity, 0…1.
        public var jaccard: Double
        /// The estimated containment of the smaller set in the larger one, 0…1.
        public var containment: Double
        /// How many sampled shingles both share.
        public var shared: Int
        /// The size of the smaller sampled set.
        public var smaller: Int
        /// How many of the item's shingles fell in the sketch's hash range (its sample).
        public var sampled: Int

        /// Creates a similarity.
        ///
        /// - Parameters:
        ///   - jaccard: The estimated Jaccard similarity.
        ///   - containment: The estimated containment.
        ///   - shared: How many sampled shingles both share.
        ///   - smaller: The size of the smaller sampled set.
        ///   - sampled: How many of the item's shingles were sampled.
        public init(jaccard: Double, containment: Double, shared: Int, smaller: Int, sampled: Int = 0) {
            self.jaccard = jaccard
            self.containment = containment
            self.shared = shared
            self.smaller = smaller
            self.sampled = sampled
        }
    }

    /// How many consecutive tokens form one shingle.
    public static let shingleSize = 3
    /// How many shared sampled shingles a match needs at least (or all of the smaller set, when that is smaller).
    public static let minimumShared = 3

    /// How long after its latest item a story still takes new items; older stories are pruned.
    public var window: TimeInterval
    /// The most stories kept per topic; the least recently active are dropped first.
    public var maximumStories: Int
    /// How many hashes an article's sketch keeps.
    public var sketchSize: Int
    /// The most articles a story keeps for recognising copies and updates; the oldest are dropped first.
    public var maximumArticles: Int
    /// The Jaccard similarity from which an item joins a story.
    public var jaccardThreshold: Double
    /// The containment from which an item joins a story.
    public var containmentThreshold: Double

    /// Creates a matcher.
    ///
    /// - Parameters:
    ///   - window: How long after its latest item a story takes new items (default 3 days).
    ///   - maximumStories: The most stories kept per topic (default 200).
    ///   - sketchSize: How many hashes a story keeps (default 128).
    ///   - jaccardThreshold: The Jaccard similarity from which an item joins a story (default 0.45).
    ///   - containmentThreshold: The containment from which an item joins a story (default 0.6).
    ///   - maximumArticles: The most articles a story keeps (default 6).
    public init(
        window: TimeInterval = 3 * 86_400,
        maximumStories: Int = 200,
        sketchSize: Int = 128,
        jaccardThreshold: Double = 0.45,
        containmentThreshold: Double = 0.6,
        maximumArticles: Int = 6
    ) {
        self.window = window
        self.maximumStories = max(1, maximumStories)
        self.sketchSize = max(1, sketchSize)
        self.jaccardThreshold = jaccardThreshold
        self.containmentThreshold = containmentThreshold
        self.maximumArticles = max(1, maximumArticles)
    }

    /// The distinct hashed 3-shingles of a token sequence, sorted ascending.
    ///
    /// A sequence shorter than three tokens gives one shingle of all its tokens; an empty one gives none.
    ///
    /// - Parameter tokens: Normalised tokens, as ``TextNormalizer/tokens(_:)`` returns them.
    /// - Returns: Sorted, distinct 64-bit hashes.
    public static func shingles(_ tokens: [String]) -> [UInt64] {
        guard !tokens.isEmpty else {
            return []
        }
        let width = min(shingleSize, tokens.count)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(tokens.count - width + 1)
        for start in 0...(tokens.count - width) {
            var hasher = FNV1a()
            for offset in 0..<width {
                if offset > 0 {
                    hasher.combine(0x1F)
                }
                hasher.combine(tokens[start + offset])
            }
            hashes.append(hasher.finalize())
        }
        hashes.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(hashes.count)
        for hash in hashes where distinct.last != hash {
            distinct.append(hash)
        }
        return distinct
    }

    /// The bottom-k sketch of a fingerprint: its ``sketchSize`` smallest hashes.
    ///
    /// - Parameter shingles: Sorted, distinct hashes from ``shingles(_:)``.
    /// - Returns: At most ``sketchSize`` hashes, sorted ascending.
    public func sketch(_ shingles: [UInt64]) -> [UInt64] {
        Array(shingles.prefix(sketchSize))
    }

    /// How similar an item's fingerprint is to a story's sketch.
    ///
    /// - Parameters:
    ///   - shingles: The item's sorted, distinct hashes from ``shingles(_:)``.
    ///   - sketch: The story's sorted sketch.
    /// - Returns: The estimated similarity.
    public func similarity(of shingles: [UInt64], to sketch: [UInt64]) -> Similarity {
        let ceiling = sketch.count >= sketchSize ? (sketch.last ?? .max) : .max
        var sampled = 0
        var shared = 0
        var itemIndex = 0
        var sketchIndex = 0
        while itemIndex < shingles.count, shingles[itemIndex] <= ceiling {
            let hash = shingles[itemIndex]
            while sketchIndex < sketch.count, sketch[sketchIndex] < hash {
                sketchIndex += 1
            }
            if sketchIndex < sketch.count, sketch[sketchIndex] == hash {
                shared += 1
            }
            sampled += 1
            itemIndex += 1
        }
        let union = sampled + sketch.count - shared
        let smaller = min(sampled, sketch.count)
        return Similarity(
            jaccard: union > 0 ? Double(shared) / Double(union) : 0,
            containment: smaller > 0 ? Double(shared) / Double(smaller) : 0,
            shared: shared,
            smaller: smaller,
            sampled: sampled
        )
    }

    /// Whether a similarity is high enough for an item to join a story.
    ///
    /// - Parameter similarity: A similarity from ``similarity(of:to:)``.
    /// - Returns: `true` when the item belongs to the story.
    public func isSameStory(_ similarity: Similarity) -> Bool {
        guard similarity.smaller > 0, similarity.shared >= min(Self.minimumShared, similarity.smaller) else {
            return false
        }
        return similarity.jaccard >= jaccardThreshold || similarity.containment >= containmentThreshold
    }

    /// The article an item is a copy or an update of, if any: the most similar article of a story within the
    /// window.
    ///
    /// - Parameters:
    ///   - shingles: The item's sorted, distinct text shingles.
    ///   - outlet: The item's feed, to tell its outlet's updates from other outlets' copies; `nil` when unknown.
    ///   - time: The item's event time.
    ///   - stories: The topic's stories.
    /// - Returns: The indexes of the story and of its article, and how the item relates to it; `nil` when the item
    ///   is no known article.
    public func nearestArticle(
        for shingles: [UInt64],
        outlet: String? = nil,
        at time: Date,
        in stories: [StoryState]
    ) -> (story: Int, article: Int, revision: Revision)? {
        var best: (story: Int, article: Int, revision: Revision, score: Double)?
        for (storyIndex, story) in stories.enumerated() where isWithinWindow(story, at: time) {
            for (articleIndex, article) in story.articles.enumerated() {
                let similarity = similarity(of: shingles, to: article.sketch)
                let sameOutlet = outlet == nil || article.outlet == nil || outlet == article.outlet
                guard isSameStory(similarity),
                    let revision = revision(of: shingles, against: article.sketch, sameOutlet: sameOutlet)
                else {
                    continue
                }
                let score = max(similarity.jaccard, similarity.containment)
                if best.map({ score > $0.score }) ?? true {
                    best = (storyIndex, articleIndex, revision, score)
                }
            }
        }
        return best.map { ($0.story, $0.article, $0.revision) }
    }

    /// The index of the story an item is a copy or an update of, if any (see ``nearestArticle(for:at:in:)``).
    ///
    /// - Parameters:
    ///   - shingles: The item's sorted, distinct hashes.
    ///   - time: The item's event time.
    ///   - stories: The topic's stories.
    /// - Returns: The index in `stories` of the best matching story, or `nil`.
    public func bestMatch(for shingles: [UInt64], at time: Date, in stories: [StoryState]) -> Int? {
        nearestArticle(for: shingles, at: time, in: stories)?.story
    }

    /// Adds an article to a story, or replaces the article it updates, keeping at most ``maximumArticles``.
    ///
    /// - Parameters:
    ///   - article: The article's latest version.
    ///   - story: The story, updated in place.
    public func record(_ article: StoryArticle, in story: inout StoryState) {
        if let index = story.articles.firstIndex(where: { $0.id == article.id }) {
            story.articles[index] = article
            return
        }
        story.articles.append(article)
        if story.articles.count > maximumArticles {
            story.articles.removeFirst(story.articles.count - maximumArticles)
        }
    }

    /// Drops the stories whose latest item is more than ``window`` before `time`.
    ///
    /// - Parameters:
    ///   - stories: The topic's stories, pruned in place.
    ///   - time: The event time of the item being applied.
    public func prune(_ stories: inout [StoryState], at time: Date) {
        let cutoff = time.addingTimeInterval(-window)
        stories.removeAll { $0.lastAt < cutoff }
    }

    /// Adds a story, keeping the list ordered by first event time and at most ``maximumStories`` long.
    ///
    /// - Parameters:
    ///   - story: The new story.
    ///   - stories: The topic's stories, oldest first, updated in place.
    public func insert(_ story: StoryState, into stories: inout [StoryState]) {
        let position = stories.lastIndex { $0.firstAt <= story.firstAt }.map { $0 + 1 } ?? 0
        stories.insert(story, at: position)
        while stories.count > maximumStories {
            guard let stalest = stories.indices.min(by: { stories[$0].lastAt < stories[$1].lastAt }) else {
                break
            }
            stories.remove(at: stalest)
        }
    }

    func isWithinWindow(_ story: StoryState, at time: Date) -> Bool {
        story.lastAt >= time.addingTimeInterval(-window) && story.firstAt <= time.addingTimeInterval(window)
    }
}
