/// An HTML element as the scanner reports it: its lower-case name and what the sanitizer and extractor do with it.
struct HTMLTag {
    /// The lower-case element name.
    var name: HTMLName
    /// The element's kind, looked up once.
    var kind: HTMLElementKind

    /// The tag of a packed name.
    ///
    /// - Parameter name: The lower-case element name.
    init(_ name: HTMLName) {
        self.name = name
        kind = HTMLElementKind.of(name)
    }
}

/// The attributes of one start tag: lower-case names and decoded values, as bytes valid only during `open`.
struct HTMLAttributes {
    /// One attribute: its name, and where its decoded value lies in `bytes`.
    struct Entry {
        /// The lower-case attribute name.
        var name: HTMLName
        /// The range of the decoded value in `bytes`.
        var value: Range<Int>
    }

    /// The decoded values, back to back.
    var bytes: UnsafeBufferPointer<UInt8>
    /// The attributes in document order.
    var entries: UnsafeBufferPointer<Entry>

    /// The decoded value of an attribute.
    ///
    /// - Parameter entry: One of `entries`.
    /// - Returns: The value's UTF-8 bytes.
    func value(of entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[entry.value])
    }
}

/// Receives an HTML fragment's elements and text in document order, from `HTMLScanner`.
///
/// Text and attribute values arrive as UTF-8 bytes that are only valid during the call.
protocol HTMLVisitor: ~Copyable {
    /// Called at the start of an element.
    ///
    /// - Parameters:
    ///   - tag: The element.
    ///   - attributes: The attributes in document order, names lower-case, values decoded.
    /// - Returns: Whether to visit the element's children; `close` follows only when this is `true`.
    mutating func open(_ tag: HTMLTag, attributes: HTMLAttributes) -> Bool

    /// Called at the end of an element whose `open` returned `true`.
    ///
    /// - Parameter tag: The element.
    mutating func close(_ tag: HTMLTag)

    /// Called with decoded text.
    ///
    /// - Parameter text: The characters as UTF-8.
    mutating func text(_ text: UnsafeBufferPointer<UInt8>)
}
