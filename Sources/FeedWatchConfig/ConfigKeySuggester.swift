/// Finds the known key a misspelt one was most likely meant to be.
enum ConfigKeySuggester {
    /// The known key closest to `key`, if one is close enough to be a plausible typo.
    ///
    /// Closeness is the edit distance between the keys with case ignored; up to two edits are
    /// allowed (one for keys of three characters or fewer), so `intervall` suggests `interval`
    /// and `connectTimeout` suggests `connect_timeout`.
    ///
    /// - Parameters:
    ///   - key: The unknown key as written.
    ///   - candidates: The keys allowed at that place.
    /// - Returns: The best candidate, or `nil` when none is close.
    static func suggestion(for key: String, among candidates: [String]) -> String? {
        let written = Array(key.lowercased())
        let limit = written.count <= 3 ? 1 : 2
        var best: (key: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(written, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    /// The Levenshtein distance: how many single-character insertions, deletions or substitutions
    /// turn one string into the other.
    ///
    /// - Parameters:
    ///   - lhs: The first string's characters.
    ///   - rhs: The second string's characters.
    /// - Returns: The number of edits.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        guard !lhs.isEmpty else { return rhs.count }
        guard !rhs.isEmpty else { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let substitution = previous[j] + (left == right ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
