public import Foundation

/// Term weights for comparing documents: tf-idf with document frequencies that grow as documents arrive, and an
/// optional expansion by the most similar background documents.
///
/// A document's vector weighs each term by `(1 + ln tf) · ln((N + 1) / (df + 1))` and is normalised to unit
/// length; similarity is the cosine. ``expanded(_:neighbours:weight:)`` adds the `neighbours` most similar
/// background documents, weighted by their similarity, before normalising again (pseudo-relevance feedback), so
/// two reports of one event that share few words but many related ones still come out close.
public struct TfIdfModel: Sendable {
    /// A sparse, unit-length term vector.
    public typealias Vector = [String: Double]

    /// In how many documents each term appears.
    public private(set) var documentFrequencies: [String: Int] = [:]
    /// How many documents were added.
    public private(set) var documentCount = 0
    /// The background documents' term counts, kept for expansion.
    private var background: [[String: Int]] = []
    /// Whether added documents are kept as background for expansion.
    public let keepsBackground: Bool

    /// Creates an empty model.
    ///
    /// - Parameter keepsBackground: Whether documents added are kept for ``expanded(_:neighbours:weight:)``.
    public init(keepsBackground: Bool = false) {
        self.keepsBackground = keepsBackground
    }

    /// Counts a document's terms into the document frequencies (and keeps it as background when asked to).
    ///
    /// - Parameter terms: The document's terms, from ``TextNormalizer/terms(_:)``.
    public mutating func add(_ terms: [String]) {
        let counts = Self.counts(terms)
        for term in counts.keys {
            documentFrequencies[term, default: 0] += 1
        }
        documentCount += 1
        if keepsBackground {
            background.append(counts)
        }
    }

    /// The unit tf-idf vector of a document.
    ///
    /// - Parameter terms: The document's terms.
    /// - Returns: The vector; empty for a document without terms.
    public func vector(_ terms: [String]) -> Vector {
        vector(counts: Self.counts(terms))
    }

    /// The cosine of two unit vectors.
    ///
    /// - Parameters:
    ///   - first: A unit vector.
    ///   - second: Another unit vector.
    /// - Returns: The cosine, 0…1.
    public static func cosine(_ first: Vector, _ second: Vector) -> Double {
        let (small, large) = first.count <= second.count ? (first, second) : (second, first)
        var sum = 0.0
        for (term, weight) in small {
            if let other = large[term] {
                sum += weight * other
            }
        }
        return sum
    }

    /// A document's vector expanded by its most similar background documents.
    ///
    /// - Parameters:
    ///   - terms: The document's terms.
    ///   - neighbours: How many background documents are added (default 20).
    ///   - weight: How much the neighbours weigh against the document itself (default 1).
    /// - Returns: The unit expanded vector.
    public func expanded(_ terms: [String], neighbours: Int = 20, weight: Double = 1) -> Vector {
        let own = vector(terms)
        let vectors = background.map { vector(counts: $0) }
        let nearest = vectors.map { Self.cosine(own, $0) }.enumerated()
            .sorted { $0.element > $1.element }
            .prefix(neighbours)
        var sum = own
        for (index, similarity) in nearest where similarity > 0 {
            for (term, value) in vectors[index] {
                sum[term, default: 0] += weight * similarity * value
            }
        }
        return Self.normalised(sum)
    }

    private func vector(counts: [String: Int]) -> Vector {
        let total = Double(documentCount + 1)
        var vector: Vector = [:]
        for (term, count) in counts {
            let idf = log(total / Double((documentFrequencies[term] ?? 0) + 1))
            vector[term] = (1 + log(Double(count))) * idf
        }
        return Self.normalised(vector)
    }

    private static func normalised(_ vector: Vector) -> Vector {
        let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else {
            return [:]
        }
        return vector.mapValues { $0 / norm }
    }

    private static func counts(_ terms: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for term in terms {
            counts[term, default: 0] += 1
        }
        return counts
    }
}
