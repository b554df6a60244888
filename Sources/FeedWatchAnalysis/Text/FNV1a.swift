/// A deterministic 64-bit hash: FNV-1a over bytes, finished with the MurmurHash3 `fmix64` mixer.
///
/// Unlike `Hasher`, the value is the same in every process, so hashes can be persisted in topic state. The
/// finishing mixer is a bijection (it adds no collisions) that spreads FNV-1a's weakly mixed high bits, which
/// bottom-k sketches rely on when they keep the smallest values.
struct FNV1a {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private var state = FNV1a.offsetBasis

    /// Feeds the UTF-8 bytes of a string.
    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            combine(byte)
        }
    }

    /// Feeds one byte.
    mutating func combine(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* FNV1a.prime
    }

    /// The mixed hash of everything fed so far.
    func finalize() -> UInt64 {
        var value = state
        value ^= value >> 33
        value &*= 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        value &*= 0xc4ce_b9fe_1a85_ec53
        value ^= value >> 33
        return value
    }
}
