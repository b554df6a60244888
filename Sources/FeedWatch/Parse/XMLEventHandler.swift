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
/// The reader never hands out pointers: names, attributes and text arrive as Swift values.
protocol XMLEventHandler {
    /// Whether the handler currently wants text events; when `false` the reader skips building text strings.
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
    /// - Parameter text: The decoded characters.
    mutating func characters(_ text: String)

    /// Called at the end of the current element, including elements written as `<empty/>`.
    ///
    /// - Throws: A `ParseError` to stop reading.
    mutating func endElement() throws(ParseError)
}

/// Receives an HTML fragment's elements and text in document order, from `HTMLScanner`.
protocol HTMLVisitor {
    /// Called at the start of an element.
    ///
    /// - Parameters:
    ///   - name: The lower-case element name.
    ///   - attributes: The attributes in document order, names lower-case, values decoded.
    /// - Returns: Whether to visit the element's children; `close` follows only when this is `true`.
    mutating func open(_ name: String, attributes: [(name: String, value: String)]) -> Bool

    /// Called at the end of an element whose `open` returned `true`.
    ///
    /// - Parameter name: The lower-case element name.
    mutating func close(_ name: String)

    /// Called with decoded text.
    ///
    /// - Parameter text: The characters.
    mutating func text(_ text: String)
}
