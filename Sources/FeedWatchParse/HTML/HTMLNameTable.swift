/// A small, fixed open-addressing table from `HTMLName` to a value, for the per-tag lookups of the HTML scanner and
/// sanitizer: one multiplication and usually one comparison, where a `Dictionary` would hash with SipHash.
struct HTMLNameTable<Value: Sendable>: Sendable {
    private var keys: [HTMLName?]
    private var values: [Value]
    private let fallback: Value
    private let mask: Int

    /// Creates a table.
    ///
    /// - Parameters:
    ///   - entries: The names and their values; later entries replace earlier ones with the same name.
    ///   - fallback: The value of every other name.
    init(_ entries: [(HTMLName, Value)], fallback: Value) {
        var size = 16
        while size < entries.count * 4 {
            size *= 2
        }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: fallback, count: size)
        self.fallback = fallback
        mask = size - 1
        for (name, value) in entries {
            var slot = Self.slot(of: name, mask: mask)
            while let key = keys[slot], key != name {
                slot = (slot + 1) & mask
            }
            keys[slot] = name
            values[slot] = value
        }
    }

    /// The value of a name, or the fallback when the table does not hold it.
    subscript(name: HTMLName) -> Value {
        var slot = Self.slot(of: name, mask: mask)
        while let key = keys[slot] {
            if key == name {
                return values[slot]
            }
            slot = (slot + 1) & mask
        }
        return fallback
    }

    private static func slot(of name: HTMLName, mask: Int) -> Int {
        let mixed = (name.low ^ (name.high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(name.count)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 40) & mask
    }
}
