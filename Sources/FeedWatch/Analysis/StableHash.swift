internal import Crypto
import Foundation

/// Deterministic, collision-resistant short hashes for dedupe keys and alert ids.
///
/// Unlike `Hasher`, the result is the same in every process and on every machine, which replay and idempotency
/// keys depend on.
public enum StableHash {
    /// The first `length` hex digits of the SHA-256 of the UTF-8 bytes of `parts` joined by a unit separator.
    ///
    /// - Parameters:
    ///   - parts: The strings to hash, in order.
    ///   - length: How many hex digits to keep (at most 64).
    /// - Returns: A lowercase hex string.
    public static func hex(_ parts: [String], length: Int = 32) -> String {
        let joined = parts.joined(separator: "\u{1F}")
        let digest = SHA256.hash(data: Data(joined.utf8))
        let hex = digest.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        return String(hex.prefix(max(1, min(64, length))))
    }
}
