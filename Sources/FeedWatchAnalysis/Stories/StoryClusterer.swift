public import Foundation

/// Groups items that report one event into one story, even when the outlets wrote them in their own words.
///
/// Each item becomes a tf-idf vector over its headline (counted twice) and the first ``ledeTokenLimit`` tokens
/// of its text, with the topic's own document frequencies (see ``StoryVocabulary``, updated as articles
/// arrive), plus one feature per named entity it mentions, weighted ``entityWeight`` so that two reports naming
/// the same people and places come closer, and one feature for the status it reports for the topic (two reports
/// of a rejection on the same day are likely one rejection, however differently worded; a status every item
/// reports weighs little, by its document frequency). A story keeps the centroid of its articles' vectors (its
/// ``profileSize`` heaviest terms). An item joins the story whose centroid is most similar, when
///
/// `cosine × 0.5^(gap / halfLife) ≥ threshold`,
///
/// where `gap` is how long after the story's latest item the item happened (never negative), so coverage of one
/// event on the same day clusters and an event two days later on the same topic starts a story of its own. Word
/// overlap alone does not tell another outlet's report of an event from the next event of the same topic (both
/// share a few of the topic's words and names), while the time between them does: the defaults (half-life 8 h,
/// threshold 0.05) let a report written hours after the story's latest item join with a modest cosine (0.1 at
/// 8 h), while one written a day later needs a near copy (0.4 at 24 h) and one two days later cannot join. The
/// caller maps each item's terms through its preset's ``StoryEquivalents`` first, so paraphrases share terms. An
/// item that shares no named entity with the story needs ``unnamedThreshold`` instead: two reports of one event
/// nearly always name the same place, person or organisation, while texts that merely use the same words (a
/// templated bulletin, a list of keywords) should not merge. One that shares a single name needs
/// ``singleNameThreshold``: reports of one event usually share several names, while the next event of a topic,
/// hours later, often shares one party with it (a rally of hostages' families after a cabinet vote). The caller
/// passes only the item's distinctive names (``StoryVocabulary/distinctive(_:)``): a name nearly every report of
/// the topic mentions is no such evidence. A follow-up (a denial, a rebuttal, a reaction a day or two later)
/// joins its event's story when no story passes the decayed bar, it shares ``followUpNames`` distinctive names with
/// it, its cosine (not decayed) reaches ``followUpThreshold`` and its event lies within ``followUpGap``; the caller
/// allows this only for an item that reports no new status (the topic's next event usually does) in a topic with
/// enough articles to tell rare names from common ones. Only stories within the ``StoryMatcher/window`` are
/// compared.
/// Everything runs on event time and sorted arrays, so a replay gives the same stories.
public struct StoryClusterer: Sendable {
    /// How many tokens of an item's text (after its headline) make its vector: its lede.
    public static let ledeTokenLimit = 120

    /// The decayed cosine from which an item joins a story it shares two or more named entities with.
    public var threshold: Double
    /// The decayed cosine from which an item joins a story it shares exactly one named entity with.
    public var singleNameThreshold: Double
    /// The decayed cosine from which an item joins a story it shares no named entity with.
    public var unnamedThreshold: Double
    /// The cosine, not decayed, from which a follow-up joins a story it shares ``followUpNames`` distinctive
    /// names with, within ``followUpGap`` of its latest item.
    public var followUpThreshold: Double
    /// How many distinctive names a follow-up shares with its story.
    public var followUpNames: Int
    /// How long after a story's latest item a follow-up can join it.
    public var followUpGap: TimeInterval
    /// The weight of one entity feature, against `1 + ln(tf)` for a word.
    public var entityWeight: Double
    /// After how long since a story's latest item the similarity counts half.
    public var halfLife: TimeInterval
    /// How many terms a story's centroid keeps.
    public var profileSize: Int
    /// How many articles the centroid remembers at full weight; later ones move it by `1 / (n + 1)` at most
    /// this much, so a long story follows its latest reports.
    public var profileMemory: Int

    /// Creates a clusterer.
    ///
    /// - Parameters:
    ///   - threshold: The decayed cosine from which an item joins a story it shares two or more entities with
    ///     (default 0.05).
    ///     Tuned with `halfLife` on the development set's tuning half (`make eval-timeline`): from 0.045 to 0.055
    ///     at 8 h (and 0.04 at 6 h, 0.06 at 10 h) the figures are the same.
    ///   - singleNameThreshold: The decayed cosine from which an item joins a story it shares only one entity with
    ///     (default 0.1, twice `threshold`).
    ///   - unnamedThreshold: The decayed cosine from which an item joins a story it shares no distinctive entity
    ///     with (default 0.3). In a small topic every report names the same places, which then stop being
    ///     distinctive, so two outlets' own words about one cabinet vote an hour apart must still be able to join;
    ///     0.75 split them and made every report of a synthetic topic a story of its own (`AnalysisBenchmark`: 23,637
    ///     alerts instead of 3,447); the development set's figures are the same at 0.3 and 0.75.
    ///   - followUpThreshold: The cosine (not decayed) from which a follow-up joins its story (default 0.2): a
    ///     reaction, rebuttal or denial a day or two after an event names the same people and places and repeats
    ///     its words, while the topic's next event shares a name or two and few words. On the development set's
    ///     tuning half, 0.2 with two names and 3 days took the duplicate-story rate from 15 % to 5 % and pairwise
    ///     F1 from 0.907 to 0.933; 0.15 merged distinct events (pairwise precision 0.86), 0.25 to 0.3 helped less,
    ///     and 2 to 4 days gave the same figures.
    ///   - followUpNames: How many distinctive names a follow-up shares with its story (default 2).
    ///   - followUpGap: How long after a story's latest item a follow-up can join it (default 3 days).
    ///   - entityWeight: The weight of a shared-entity feature (default 2).
    ///   - halfLife: After how long since a story's latest item the similarity counts half (default 8 hours).
    ///   - profileSize: How many terms a story's centroid keeps (default 64).
    ///   - profileMemory: How many articles the centroid weighs at full weight (default 8).
    public init(
        threshold: Double = 0.05,
        singleNameThreshold: Double = 0.1,
        unnamedThreshold: Double = 0.3,
        followUpThreshold: Double = 0.2,
        followUpNames: Int = 2,
        followUpGap: TimeInterval = 3 * 86_400,
        entityWeight: Double = 2,
        halfLife: TimeInterval = 8 * 3_600,
        profileSize: Int = 64,
        profileMemory: Int = 8
    ) {
        self.threshold = threshold
        self.singleNameThreshold = singleNameThreshold
        self.unnamedThreshold = unnamedThreshold
        self.followUpThreshold = followUpThreshold
        self.followUpNames = max(1, followUpNames)
        self.followUpGap = followUpGap
        self.entityWeight = entityWeight
        self.halfLife = max(1, halfLife)
        self.profileSize = max(1, profileSize)
        self.profileMemory = max(1, profileMemory)
    }

    /// The raw term frequencies of an item: its headline's terms twice, then its lede's.
    ///
    /// - Parameters:
    ///   - title: The headline's tokens.
    ///   - text: The summary's tokens followed by the content's.
    /// - Returns: The hashed terms' frequencies, entities not included.
    public static func frequencies(title: [String], text: [String]) -> TermVector {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(2 * title.count + min(text.count, ledeTokenLimit))
        for token in title {
            if let term = TextNormalizer.term(token) {
                let hash = TermVector.hash(term)
                hashes.append(hash)
                hashes.append(hash)
            }
        }
        for token in text.prefix(ledeTokenLimit) {
            if let term = TextNormalizer.term(token) {
                hashes.append(TermVector.hash(term))
            }
        }
        return TermVector.frequencies(hashes)
    }

    /// An item's features: its term frequencies with one feature of weight ``entityWeight`` per entity and one
    /// for the status it reports.
    ///
    /// - Parameters:
    ///   - frequencies: The item's term frequencies, from ``frequencies(title:text:)``.
    ///   - entities: The canonical names of the entities it mentions.
    ///   - status: The status it reports for the topic, if any.
    /// - Returns: The features, not yet weighted by document frequency.
    public func features(_ frequencies: TermVector, entities: [String], status: String? = nil) -> TermVector {
        var hashes = Self.entityTerms(entities)
        if let status {
            hashes.append(TermVector.hash("\u{1F}status " + status))
            hashes.sort()
        }
        guard !hashes.isEmpty else {
            return frequencies
        }
        let extra = TermVector(terms: hashes, weights: Array(repeating: entityWeight, count: hashes.count))
        return frequencies.adding(extra)
    }

    /// The hashed features of entity names, sorted and distinct.
    ///
    /// - Parameter entities: Canonical entity names.
    /// - Returns: One hash per distinct name, case-insensitively.
    public static func entityTerms(_ entities: [String]) -> [UInt64] {
        Set(entities.map { TermVector.hash("\u{1F}entity " + $0.lowercased()) }).sorted()
    }

    /// How similar an item's vector is to a story, decayed by the time since the story's latest item.
    ///
    /// - Parameters:
    ///   - vector: The item's unit tf-idf vector.
    ///   - story: A story.
    ///   - time: The item's event time.
    /// - Returns: The decayed cosine, 0…1.
    public func score(_ vector: TermVector, _ story: StoryState, at time: Date) -> Double {
        let gap = max(0, time.timeIntervalSince(story.lastAt))
        return vector.dot(story.profile) * pow(0.5, gap / halfLife)
    }

    /// The story an item joins by its wording, if any: the highest decayed cosine at or above ``threshold`` (or
    /// ``singleNameThreshold`` for a story it shares only one entity with, ``unnamedThreshold`` for one it shares
    /// none with).
    ///
    /// - Parameters:
    ///   - vector: The item's unit tf-idf vector.
    ///   - entities: The item's entity features, from ``entityTerms(_:)``, those too common in the topic to tell
    ///     its events apart left out (``StoryVocabulary/distinctive(_:)``).
    ///   - time: The item's event time.
    ///   - stories: The topic's stories, already limited to the window.
    /// - Returns: The index of the story and its score, or `nil` when the item starts a new story.
    public func bestStory(
        for vector: TermVector,
        entities: [UInt64],
        at time: Date,
        in stories: [StoryState],
        followingUp: Bool = true
    ) -> (index: Int, score: Double)? {
        guard !vector.isEmpty else {
            return nil
        }
        var best: (index: Int, score: Double)?
        var followUp: (index: Int, score: Double)?
        for (index, story) in stories.enumerated() where !story.profile.isEmpty {
            let shared = entities.reduce(0) { $0 + (story.profile.contains($1) ? 1 : 0) }
            let required = shared >= 2 ? threshold : shared == 1 ? singleNameThreshold : unnamedThreshold
            let gap = max(0, time.timeIntervalSince(story.lastAt))
            // A follow-up scores its cosine scaled to the decayed bar, so it ranks below any story the decayed
            // rule accepts.
            if followingUp, shared >= followUpNames, gap <= followUpGap, best == nil {
                let cosine = vector.dot(story.profile)
                if cosine >= followUpThreshold, followUp.map({ cosine > $0.score }) ?? true {
                    followUp = (index, cosine)
                }
            }
            // Both vectors have unit length, so the cosine is at most 1 and the decay alone bounds the score: a
            // story too old to reach the bar (or the best so far) needs no dot product.
            let decay = pow(0.5, gap / halfLife) * (1 + 1e-9)
            guard decay >= required, decay > best?.score ?? 0 else {
                continue
            }
            let score = score(vector, story, at: time)
            if score >= required, best.map({ score > $0.score }) ?? true {
                best = (index, score)
            }
        }
        return best ?? followUp.map { ($0.index, threshold * $0.score) }
    }

    /// A story's centroid after one more article joined it.
    ///
    /// - Parameters:
    ///   - profile: The story's centroid.
    ///   - vector: The new article's unit tf-idf vector.
    ///   - articles: How many articles the centroid held before.
    /// - Returns: The new centroid, unit length, its ``profileSize`` heaviest terms.
    public func centroid(_ profile: TermVector, adding vector: TermVector, articles: Int) -> TermVector {
        let weight = Double(min(max(articles, 0), profileMemory))
        return profile.adding(vector, scaledBy: weight).keepingHeaviest(profileSize).normalised()
    }

    /// A new story's centroid: the first article's vector, its ``profileSize`` heaviest terms.
    ///
    /// - Parameter vector: The article's unit tf-idf vector.
    /// - Returns: The centroid.
    public func centroid(of vector: TermVector) -> TermVector {
        vector.keepingHeaviest(profileSize).normalised()
    }
}
