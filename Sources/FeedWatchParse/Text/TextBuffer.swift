/// A growable byte buffer for the parser's hot paths (gathered character data, sanitized HTML, collapsed text).
///
/// Appending checks the capacity and copies, without `Array`'s uniqueness checks and generic sequence handling,
/// which were a measurable share of a feed's parse when called once per piece of text. The buffer cannot be copied,
/// so its memory has exactly one owner and is freed when the buffer goes away.
struct TextBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes in the buffer.
    private(set) var count = 0

    /// Creates an empty buffer.
    ///
    /// - Parameter capacity: The number of bytes to make room for up front.
    init(capacity: Int = 0) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Whether the buffer holds no bytes.
    var isEmpty: Bool {
        count == 0
    }

    /// Makes room for at least `capacity` bytes in all.
    ///
    /// - Parameter capacity: The number of bytes.
    mutating func reserveCapacity(_ capacity: Int) {
        if capacity > self.capacity {
            grow(to: capacity)
        }
    }

    /// Appends one byte.
    ///
    /// - Parameter byte: The byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity {
            grow(to: count + 1)
        }
        start[count] = byte
        count += 1
    }

    /// Appends bytes.
    ///
    /// - Parameter bytes: The bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else {
            return
        }
        if capacity - count < bytes.count {
            grow(to: count + bytes.count)
        }
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the first `count` bytes of two little-endian words, such as a packed `HTMLName`, with two stores.
    ///
    /// - Parameters:
    ///   - low: Bytes 0–7.
    ///   - high: Bytes 8–15.
    ///   - count: How many of the 16 bytes to keep, at most 16.
    @inline(__always)
    mutating func append(packed low: UInt64, _ high: UInt64, count: Int) {
        precondition(count >= 0 && count <= 16)
        if capacity - self.count < 16 {
            grow(to: self.count + 16)
        }
        let end = UnsafeMutableRawPointer(start + self.count)
        end.storeBytes(of: low.littleEndian, as: UInt64.self)
        (end + 8).storeBytes(of: high.littleEndian, as: UInt64.self)
        self.count += count
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the bytes, valid only during the call.
    ///
    /// - Parameter body: Receives the bytes.
    /// - Returns: What `body` returns.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    private mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }
}
