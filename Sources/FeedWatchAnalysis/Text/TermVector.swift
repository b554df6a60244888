import Foundation

/// A sparse vector over hashed terms, sorted by hash, for comparing items with stories.
///
/// Terms are hashed with deterministic 64-bit FNV-1a (see ``hash(_:)``), so vectors can be persisted in topic
/// state and compared by merging two sorted arrays, with no dictionary iteration whose order could change the
/// floating-point result from one process to the next.
public struct TermVector: Sendable, Equatable, Codable {
    /// The terms' hashes, ascending and distinct.
    public private(set) var terms: [UInt64]
    /// Each term's weight, in the order of ``terms``.
    public private(set) var weights: [Double]

    /// Creates a vector from sorted, distinct hashes and their weights.
    ///
    /// - Parameters:
    ///   - terms: Hashes, ascending and distinct.
    ///   - weights: One weight per hash.
    public init(terms: [UInt64] = [], weights: [Double] = []) {
        precondition(terms.count == weights.count, "one weight per term")
        self.terms = terms
        self.weights = weights
    }

    /// The raw term-frequency vector of a list of hashed terms: each distinct term weighs `1 + ln(count)`.
    ///
    /// - Parameter hashes: Term hashes, in any order, repeats counted.
    /// - Returns: The vector, not normalised.
    public static func frequencies(_ hashes: [UInt64]) -> TermVector {
        let sorted = hashes.sorted()
        var terms: [UInt64] = []
        var weights: [Double] = []
        terms.reserveCapacity(sorted.count)
        weights.reserveCapacity(sorted.count)
        var index = 0
        while index < sorted.count {
            let hash = sorted[index]
            var count = 0
            while index < sorted.count, sorted[index] == hash {
                count += 1
                index += 1
            }
            terms.append(hash)
            weights.append(1 + log(Double(count)))
        }
        return TermVector(terms: terms, weights: weights)
    }

    /// The deterministic hash of one term.
    ///
    /// - Parameter term: A normalised term.
    /// - Returns: Its 64-bit hash.
    public static func hash(_ term: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(term)
        return hasher.finalize()
    }

    /// Whether the vector holds a term.
    ///
    /// - Parameter term: A term's hash.
    /// - Returns: `true` when the term is one of ``terms``.
    public func contains(_ term: UInt64) -> Bool {
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle] < term {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < terms.count && terms[low] == term
    }

    /// Whether the vector has no terms.
    public var isEmpty: Bool { terms.isEmpty }

    /// The vector's Euclidean length.
    public var norm: Double {
        var sum = 0.0
        for weight in weights {
            sum += weight * weight
        }
        return sum.squareRoot()
    }

    /// The vector scaled to unit length; an all-zero vector stays as it is.
    public func normalised() -> TermVector {
        let length = norm
        guard length > 0 else {
            return self
        }
        return TermVector(terms: terms, weights: weights.map { $0 / length })
    }

    /// The dot product with another vector (the cosine, when both have unit length).
    ///
    /// - Parameter other: Another vector.
    /// - Returns: The sum of the products of the weights of the terms both hold.
    public func dot(_ other: TermVector) -> Double {
        var sum = 0.0
        var left = 0
        var right = 0
        while left < terms.count, right < other.terms.count {
            let a = terms[left]
            let b = other.terms[right]
            if a == b {
                sum += weights[left] * other.weights[right]
                left += 1
                right += 1
            } else if a < b {
                left += 1
            } else {
                right += 1
            }
        }
        return sum
    }

    /// The sum of this vector scaled by `scale` and another vector.
    ///
    /// - Parameters:
    ///   - scale: The factor applied to this vector's weights.
    ///   - other: The vector added.
    /// - Returns: The sum, holding every term of either vector.
    public func adding(_ other: TermVector, scaledBy scale: Double = 1) -> TermVector {
        var terms: [UInt64] = []
        var weights: [Double] = []
        terms.reserveCapacity(self.terms.count + other.terms.count)
        weights.reserveCapacity(self.terms.count + other.terms.count)
        var left = 0
        var right = 0
        while left < self.terms.count || right < other.terms.count {
            let a = left < self.terms.count ? self.terms[left] : .max
            let b = right < other.terms.count ? other.terms[right] : .max
            if left < self.terms.count, right < other.terms.count, a == b {
                terms.append(a)
                weights.append(scale * self.weights[left] + other.weights[right])
                left += 1
                right += 1
            } else if right >= other.terms.count || (left < self.terms.count && a < b) {
                terms.append(a)
                weights.append(scale * self.weights[left])
                left += 1
            } else {
                terms.append(b)
                weights.append(other.weights[right])
                right += 1
            }
        }
        return TermVector(terms: terms, weights: weights)
    }

    /// The vector with only its `limit` heaviest terms (ties broken by hash, so the result is deterministic).
    ///
    /// - Parameter limit: The most terms kept.
    /// - Returns: The truncated vector, still sorted by hash.
    public func keepingHeaviest(_ limit: Int) -> TermVector {
        guard terms.count > limit else {
            return self
        }
        let kept = terms.indices
            .sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : terms[$0] < terms[$1] }
            .prefix(max(0, limit))
            .sorted()
        return TermVector(terms: kept.map { terms[$0] }, weights: kept.map { weights[$0] })
    }

    /// The vector with each weight multiplied by the factor `factor(hash)` gives its term.
    ///
    /// - Parameter factor: The factor of a term, by hash.
    /// - Returns: The reweighted vector.
    public func reweighted(_ factor: (UInt64) -> Double) -> TermVector {
        var weights = self.weights
        for index in terms.indices {
            weights[index] *= factor(terms[index])
        }
        return TermVector(terms: terms, weights: weights)
    }
}
