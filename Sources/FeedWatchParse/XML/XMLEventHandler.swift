/// A namespace-qualified XML name, as plain Swift strings.
struct XMLName: Hashable, Sendable {
    /// The local part of the name, without any prefix.
    var local: String
    /// The namespace URI, or the empty string when the name is in no namespace.
    var namespace: String
}

/// One attribute of an element, as plain Swift strings.
struct XMLAttribute: Sendable {
    /// The attribute's qualified name.
    var name: XMLName
    /// The attribute's value, with character and predefined entity references decoded.
    var value: String
}

/// Receives the events of a streaming XML read, in document order.
///
/// The reader never hands out libxml2 pointers: names and attributes arrive as Swift values, text as UTF-8 bytes
/// that are only valid during the call.
protocol XMLEventHandler {
    /// Whether the handler currently wants text events. The recovering tree walk skips text when `false`; the
    /// streaming read sends text regardless, since libxml2 hands it over as bytes anyway.
    var wantsText: Bool { get }

    /// Called at the start of an element.
    ///
    /// - Parameters:
    ///   - name: The element's qualified name.
    ///   - attributes: The element's attributes in document order, namespace declarations excluded.
    /// - Throws: A `ParseError` to stop reading.
    mutating func startElement(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError)

    /// Called with character data (text, CDATA or whitespace) inside the current element.
    ///
    /// - Parameter text: The decoded characters as UTF-8, valid only during the call.
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>)

    /// Called at the end of the current element, including elements written as `<empty/>`.
    ///
    /// - Throws: A `ParseError` to stop reading.
    mutating func endElement() throws(ParseError)
}
