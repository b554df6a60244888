import Foundation

/// A quick look at a document's prolog (everything before the root element), before libxml2 sees the bytes.
///
/// It finds entity declarations in the internal DTD subset, so that billion-laughs and XXE documents are refused
/// without parsing a single entity (and a document that declares entities it never uses is read without its DTD), and it reads the root element's name so that web pages are recognised as such
/// even when they are not well-formed XML. It only understands ASCII-compatible encodings; for anything else it
/// reports nothing and the reader's own checks apply.
struct PrologScanner {
    /// What the prolog revealed.
    struct Result: Equatable {
        /// Whether the internal DTD subset declares an entity (`<!ENTITY`).
        var declaresEntities = false
        /// The general entities the internal subset declares (`<!ENTITY name ...>`, not `<!ENTITY % name ...>`).
        var entityNames: [String] = []
        /// Where the document type declaration is, when the scan reached its end.
        var documentType: Range<Data.Index>?
        /// The root element's qualified name as written (such as `rdf:RDF`), when found.
        var rootName: String?
    }

    private let bytes: Data
    private var position: Data.Index

    /// Creates a scanner over a document.
    ///
    /// - Parameter bytes: The whole document.
    init(_ bytes: Data) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Scans the prolog.
    ///
    /// - Returns: What the prolog revealed; an empty result when the prolog could not be understood.
    mutating func scan() -> Result {
        var result = Result()
        if hasPrefix([0xEF, 0xBB, 0xBF]) {
            position += 3
        }
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else if hasPrefix("<?") {
                guard skip(past: "?>") else {
                    return result
                }
            } else if hasPrefix("<!--") {
                guard skip(past: "-->") else {
                    return result
                }
            } else if hasPrefix("<!DOCTYPE") || hasPrefix("<!doctype") {
                let start = position
                let complete = scanDocumentType(into: &result)
                if !complete {
                    return result
                }
                result.documentType = start..<position
            } else if byte == UInt8(ascii: "<") {
                result.rootName = elementName(after: position + 1)
                return result
            } else {
                return result
            }
        }
        return result
    }

    /// Scans `<!DOCTYPE ...>`, noting the entities its internal subset declares.
    ///
    /// - Returns: Whether the declaration's end was found.
    private mutating func scanDocumentType(into result: inout Result) -> Bool {
        position += 9
        var quote: UInt8?
        var inSubset = false
        while position < bytes.endIndex {
            let byte = bytes[position]
            if let open = quote {
                if byte == open {
                    quote = nil
                }
                position += 1
            } else if inSubset && hasPrefix("<!--") {
                guard skip(past: "-->") else {
                    return false
                }
            } else if inSubset && hasPrefix("<?") {
                guard skip(past: "?>") else {
                    return false
                }
            } else if inSubset && hasPrefix("<!ENTITY") {
                result.declaresEntities = true
                position += 8
                while position < bytes.endIndex,
                    bytes[position] == 0x20 || bytes[position] == 0x09
                        || bytes[position] == 0x0A || bytes[position] == 0x0D
                {
                    position += 1
                }
                if position < bytes.endIndex, bytes[position] != UInt8(ascii: "%"),
                    let name = elementName(after: position)
                {
                    result.entityNames.append(name)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                case UInt8(ascii: "["): inSubset = true
                case UInt8(ascii: "]"): inSubset = false
                case UInt8(ascii: ">") where !inSubset:
                    position += 1
                    return true
                case UInt8(ascii: "%") where inSubset:
                    result.declaresEntities = true
                default: break
                }
                position += 1
            }
        }
        return false
    }

    private func elementName(after start: Data.Index) -> String? {
        var end = start
        while end < bytes.endIndex, end - start < 256 {
            let byte = bytes[end]
            let isNameByte =
                byte >= 0x80 || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard isNameByte else {
                break
            }
            end += 1
        }
        guard end > start else {
            return nil
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func hasPrefix(_ text: String) -> Bool {
        hasPrefix(Array(text.utf8))
    }

    private func hasPrefix(_ prefix: [UInt8]) -> Bool {
        guard bytes.endIndex - position >= prefix.count else {
            return false
        }
        return zip(bytes[position...], prefix).allSatisfy { $0 == $1 }
    }

    /// Moves past the next `terminator`; `false` when there is none.
    ///
    /// Searches the bytes in place with `memchr`: `Data.range(of:in:)` copies the whole document into an `NSData`
    /// first on Linux.
    private mutating func skip(past terminator: StaticString) -> Bool {
        let start = position - bytes.startIndex
        let pattern = UnsafeRawBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        let found: Int? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else {
                return nil
            }
            var index = start
            while index + pattern.count <= buffer.count,
                let match = memchr(base + index, Int32(pattern[0]), buffer.count - index)
            {
                index = UnsafeRawPointer(match) - base
                if index + pattern.count <= buffer.count,
                    memcmp(base + index, pattern.baseAddress!, pattern.count) == 0
                {
                    return index
                }
                index += 1
            }
            return nil
        }
        guard let found else {
            return false
        }
        position = bytes.startIndex + found + terminator.utf8CodeUnitCount
        return true
    }
}
