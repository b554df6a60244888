import Foundation

/// Rewrites HTML named entities (`&nbsp;`, `&eacute;`...) that a feed uses without declaring as numeric character
/// references, escapes bare `&` and the `&` of names no one defines, and lower-cases the `X` of `&#X41;`, so that a
/// second parse can succeed. Nothing is ever expanded from a document's own declarations.
///
/// Many feeds paste HTML into XML and so use entities XML does not know. The document is UTF-8 by then (see
/// `DocumentDecoder`); the five XML entities and numeric references are never touched.
enum HTMLEntityRepair {
    private static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The document with every known HTML named entity replaced by `&#N;`.
    ///
    /// - Parameter data: The document that failed with an undeclared entity.
    /// - Returns: The repaired document, or `nil` when there was nothing to replace.
    static func repairing(_ data: Data) -> Data? {
        var output = Data()
        output.reserveCapacity(data.count)
        var replaced = false
        var index = data.startIndex
        var copiedUpTo = data.startIndex
        while let ampersand = data[index...].firstIndex(of: UInt8(ascii: "&")) {
            index = ampersand + 1
            var end = index
            while end < data.endIndex, end - index < 32, isNameByte(data[end]) {
                end += 1
            }
            let isNumeric = end == index && end < data.endIndex && data[end] == UInt8(ascii: "#")
            guard !isNumeric else {
                // `&#X41;`: HTML allows the upper-case `X`, XML only `x`.
                if end + 1 < data.endIndex, data[end + 1] == UInt8(ascii: "X") {
                    output.append(data[copiedUpTo...end])
                    output.append(UInt8(ascii: "x"))
                    copiedUpTo = end + 2
                    replaced = true
                }
                continue
            }
            guard end > index, end < data.endIndex, data[end] == UInt8(ascii: ";") else {
                // A bare `&` (as in `Fish & Chips`) becomes `&amp;`.
                output.append(data[copiedUpTo..<ampersand])
                output.append(contentsOf: Array("&amp;".utf8))
                copiedUpTo = ampersand + 1
                replaced = true
                continue
            }
            let name = String(decoding: data[index..<end], as: UTF8.self)
            guard !xmlEntities.contains(name) else {
                continue
            }
            guard let codePoint = LibXML2Reader.htmlEntityCodePoint(name) else {
                // A name no one defines stays as written, as text: `&doesnotexist;` becomes `&amp;doesnotexist;`.
                output.append(data[copiedUpTo..<ampersand])
                output.append(contentsOf: Array("&amp;".utf8))
                copiedUpTo = ampersand + 1
                index = end + 1
                replaced = true
                continue
            }
            output.append(data[copiedUpTo..<ampersand])
            output.append(contentsOf: Array("&#\(codePoint);".utf8))
            copiedUpTo = end + 1
            index = end + 1
            replaced = true
        }
        guard replaced else {
            return nil
        }
        output.append(data[copiedUpTo...])
        return output
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
