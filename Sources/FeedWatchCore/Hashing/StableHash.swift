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
        hex(bytes: Array(parts.joined(separator: "\u{1F}").utf8), length: length)
    }

    /// The first `length` hex digits of the SHA-256 of some bytes.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to hash.
    ///   - length: How many hex digits to keep (at most 64).
    /// - Returns: A lowercase hex string.
    public static func hex(bytes: [UInt8], length: Int = 32) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let kept = max(1, min(64, length))
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex.prefix(kept), as: UTF8.self)
    }
}
