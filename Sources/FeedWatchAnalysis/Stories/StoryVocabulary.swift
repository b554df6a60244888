import Foundation

/// A topic's document frequencies, counted as its articles arrive, for the tf-idf weights of story clustering.
///
/// Counting per topic makes the words every item of the topic shares (`ceasefire`, `talks`) weigh little and the
/// words that tell its events apart (`Doha`, `rejects`) weigh much. A term's weight is the smoothed inverse
/// document frequency `ln(1 + (N + 1) / (df + 1))`, positive even for the first article. The vocabulary is
/// bounded: past ``capacity`` terms, the terms seen once are dropped, and if that is not enough every count (and
/// `N`) is halved, which also lets old vocabulary fade. Both steps are deterministic.
public struct StoryVocabulary: Sendable, Equatable, Codable {
    /// The most terms kept.
    public static let capacity = 4_096

    /// How many articles were counted.
    public private(set) var documentCount: Int
    /// In how many counted articles each hashed term appears.
    public private(set) var frequencies: [UInt64: Int]

    /// Creates an empty vocabulary.
    public init() {
        documentCount = 0
        frequencies = [:]
    }

    /// The inverse document frequency of a term.
    ///
    /// - Parameter term: A term's hash.
    /// - Returns: `ln(1 + (N + 1) / (df + 1))`, always positive.
    public func inverseFrequency(_ term: UInt64) -> Double {
        log(1 + Double(documentCount + 1) / Double((frequencies[term] ?? 0) + 1))
    }

    /// The unit tf-idf vector of an article's raw term frequencies.
    ///
    /// - Parameter frequencies: A vector from ``TermVector/frequencies(_:)``.
    /// - Returns: The weighted vector, normalised.
    public func weighted(_ frequencies: TermVector) -> TermVector {
        frequencies.reweighted(inverseFrequency).normalised()
    }

    /// The terms that tell a topic's articles apart: those found in at most ``distinctiveShare`` of the counted
    /// articles (all of them while fewer than ``distinctiveMinimum`` articles were counted).
    ///
    /// A name nearly every report of a topic mentions (the country at war, the negotiating parties) is no evidence
    /// that two reports tell of one event; a rarer name (a port, an envoy, a ship) is.
    ///
    /// - Parameter terms: Term hashes.
    /// - Returns: The distinctive ones, in the order given.
    public func distinctive(_ terms: [UInt64]) -> [UInt64] {
        guard documentCount >= Self.distinctiveMinimum else {
            return terms
        }
        let limit = Self.distinctiveShare * Double(documentCount)
        return terms.filter { Double(frequencies[$0] ?? 0) <= limit }
    }

    /// The largest share of a topic's articles a distinctive term appears in.
    public static let distinctiveShare = 0.75
    /// How many articles must be counted before any term can be too common to be distinctive.
    public static let distinctiveMinimum = 5

    /// Counts one article's distinct terms.
    ///
    /// - Parameter terms: The article's distinct term hashes.
    public mutating func add(_ terms: [UInt64]) {
        documentCount += 1
        for term in terms {
            frequencies[term, default: 0] += 1
        }
        if frequencies.count > Self.capacity {
            frequencies = frequencies.filter { $0.value > 1 }
        }
        while frequencies.count > Self.capacity {
            frequencies = frequencies.compactMapValues { $0 > 1 ? $0 / 2 : nil }
            documentCount /= 2
        }
    }

    private enum CodingKeys: String, CodingKey {
        case documentCount, terms, counts
    }

    /// Decodes a vocabulary written by ``encode(to:)``.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the fields are missing or the two lists differ in length.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        documentCount = try container.decode(Int.self, forKey: .documentCount)
        let terms = try container.decode([UInt64].self, forKey: .terms)
        let counts = try container.decode([Int].self, forKey: .counts)
        guard terms.count == counts.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .counts,
                in: container,
                debugDescription: "\(terms.count) terms but \(counts.count) counts"
            )
        }
        frequencies = Dictionary(zip(terms, counts)) { first, _ in first }
    }

    /// Encodes the frequencies as two lists sorted by term, so equal vocabularies give equal bytes (with an encoder
    /// that sorts keys), whatever order the dictionary iterates in.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let terms = frequencies.keys.sorted()
        try container.encode(documentCount, forKey: .documentCount)
        try container.encode(terms, forKey: .terms)
        try container.encode(terms.map { frequencies[$0] ?? 0 }, forKey: .counts)
    }
}
