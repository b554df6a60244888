internal import CLibXML2
import Foundation

/// The only bridge to libxml2: a streaming XML reader over `xmlTextReader`, a recovering tree walk for broken
/// documents, and libxml2's table of HTML entity names.
///
/// Everything libxml2 allocates is freed before these functions return; callers only see Swift values.
enum LibXML2Reader {
    private static let initialized: Void = {
        xmlInitParser()
    }()

    /// Never `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD` or `XML_PARSE_HUGE`: entities stay unexpanded, no DTD is
    /// loaded and libxml2's own size and depth limits apply. The input is always UTF-8 (see `DocumentDecoder`), so
    /// the declared encoding is ignored.
    private static let xmlOptions: Int32 = {
        let options: [xmlParserOption] = [
            XML_PARSE_NONET, XML_PARSE_NOCDATA, XML_PARSE_NOERROR, XML_PARSE_NOWARNING, XML_PARSE_COMPACT,
            XML_PARSE_IGNORE_ENC,
        ]
        return Int32(bitPattern: options.reduce(0) { $0 | $1.rawValue })
    }()

    /// The same options, plus libxml2's recovery mode for documents that are not well-formed.
    private static let recoveringOptions: Int32 = xmlOptions | Int32(bitPattern: XML_PARSE_RECOVER.rawValue)

    /// Why a read stopped: the error to report, and whether HTML entity repair might help.
    struct Failure: Error {
        /// The error for the user.
        var error: ParseError
        /// Whether the document used an entity it never declared, such as `&nbsp;` in a feed without a DTD.
        var isUndeclaredEntity = false
    }

    /// The Unicode code point of an HTML 4 named entity, such as 160 for `nbsp`.
    ///
    /// - Parameter name: The entity name without `&` and `;`.
    /// - Returns: The code point, or `nil` when HTML defines no such entity.
    static func htmlEntityCodePoint(_ name: String) -> UInt32? {
        _ = initialized
        var bytes = Array(name.utf8)
        bytes.append(0)
        return htmlEntityLookup(bytes).map { UInt32($0.pointee.value) }
    }

    /// Reads an XML document in one streaming pass, feeding its events to a handler.
    ///
    /// Refuses user-defined entities (declared in the document type or referenced anywhere) and nesting deeper
    /// than `maxDepth`. External entities and DTDs are never loaded.
    ///
    /// - Parameters:
    ///   - data: The document as UTF-8 bytes.
    ///   - url: The document's URL, for error messages.
    ///   - maxDepth: The deepest element nesting accepted, the root element being level 1.
    ///   - recovering: Whether to use libxml2's recovery mode. The streaming reader cannot recover, so the document
    ///     is parsed into a tree with `XML_PARSE_RECOVER` (still bounded by the byte cap and libxml2's depth limit)
    ///     and the tree is walked, sending the same events.
    ///   - handler: Receives the events.
    /// - Throws: A `Failure` whose error has code `malformedXML`, `forbiddenEntity` or `tooDeep`, or carries
    ///   whatever the handler threw. When recovering, only `forbiddenEntity`, `tooDeep` and handler errors.
    static func read<Handler: XMLEventHandler>(
        _ data: Data,
        url: String?,
        maxDepth: Int,
        recovering: Bool = false,
        into handler: inout Handler
    ) throws(Failure) {
        _ = initialized
        guard data.count <= Int(Int32.max) else {
            throw Failure(error: ParseError(.tooLarge, url: url, message: "the document is \(data.count) bytes"))
        }
        if recovering {
            try recover(data, url: url, maxDepth: maxDepth, into: &handler)
            return
        }
        let result: Result<Void, Failure> = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else {
                return .failure(Failure(error: ParseError(.empty, url: url, message: "the document has no bytes")))
            }
            xmlResetLastError()
            guard let reader = xmlReaderForMemory(base, Int32(buffer.count), nil, "UTF-8", xmlOptions) else {
                return .failure(Failure(error: lastError(url: url, fallback: "libxml2 could not create a reader")))
            }
            var session = Session(reader: reader, url: url, maxDepth: maxDepth)
            let outcome: Result<Void, Failure>
            do throws(ParseError) {
                try session.run(into: &handler)
                outcome = .success(())
            } catch {
                let code = xmlGetLastError()?.pointee.code
                let undeclared = error.code == .malformedXML && code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
                outcome = .failure(Failure(error: error, isUndeclaredEntity: undeclared))
            }
            xmlFreeTextReader(reader)
            // Once `xmlTextReaderCurrentDoc` has handed the document out, the reader no longer frees it.
            if let document = session.document {
                xmlFreeDoc(document)
            }
            return outcome
        }
        try result.get()
    }

    /// Parses a broken document into a tree in recovery mode and walks it, sending the events of `read`.
    private static func recover<Handler: XMLEventHandler>(
        _ data: Data,
        url: String?,
        maxDepth: Int,
        into handler: inout Handler
    ) throws(Failure) {
        xmlResetLastError()
        let parsed: xmlDocPtr? = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else {
                return nil
            }
            return xmlReadMemory(base, Int32(buffer.count), nil, "UTF-8", recoveringOptions)
        }
        guard let document = parsed else {
            throw Failure(error: lastError(url: url, fallback: "libxml2 could not recover anything from the document"))
        }
        defer { xmlFreeDoc(document) }
        for subset in [document.pointee.intSubset, document.pointee.extSubset] {
            if let subset, subset.pointee.entities != nil || subset.pointee.pentities != nil {
                throw Failure(
                    error: ParseError(.forbiddenEntity, url: url, message: "the document type declares entities")
                )
            }
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw Failure(error: lastError(url: url, fallback: "the document has no root element"))
        }
        do throws(ParseError) {
            try walkTree(from: root, url: url, maxDepth: maxDepth, into: &handler)
        } catch {
            throw Failure(error: error)
        }
    }

    private static func walkTree<Handler: XMLEventHandler>(
        from root: xmlNodePtr,
        url: String?,
        maxDepth: Int,
        into handler: inout Handler
    ) throws(ParseError) {
        var node: xmlNodePtr? = root
        var depth = 0
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                depth += 1
                guard depth <= maxDepth else {
                    throw ParseError(
                        .tooDeep,
                        url: url,
                        message: "elements are nested more than \(maxDepth) levels deep"
                    )
                }
                try handler.startElement(
                    treeName(current.pointee.name, current.pointee.ns),
                    attributes: treeAttributes(current)
                )
                descend = true
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if handler.wantsText, let content = current.pointee.content {
                    handler.characters(bytes(content))
                }
            case XML_ENTITY_REF_NODE:
                let name = current.pointee.name.map { String(cString: $0) } ?? "?"
                guard let codePoint = htmlEntityCodePoint(name), let scalar = Unicode.Scalar(codePoint) else {
                    throw ParseError(
                        .forbiddenEntity,
                        url: url,
                        message: "the document references the entity &\(name);"
                    )
                }
                if handler.wantsText {
                    characters(of: scalar, into: &handler)
                }
            default:
                break
            }
            if descend {
                if let child = current.pointee.children {
                    node = child
                    continue
                }
                depth -= 1
                try handler.endElement()
            }
            var finished: xmlNodePtr? = current
            node = nil
            while let done = finished, UnsafeRawPointer(done) != UnsafeRawPointer(root) {
                if let sibling = done.pointee.next {
                    node = sibling
                    break
                }
                guard let parent = done.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else {
                    break
                }
                depth -= 1
                try handler.endElement()
                finished = parent
            }
        }
    }

    /// The bytes of a NUL-terminated libxml2 string, without copying them; valid as long as the string is.
    private static func bytes(_ text: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// Sends one character, such as the one an HTML entity reference stands for, as text.
    private static func characters<Handler: XMLEventHandler>(of scalar: Unicode.Scalar, into handler: inout Handler) {
        var encoded: [UInt8] = []
        UTF8.encode(scalar) { encoded.append($0) }
        encoded.withUnsafeBufferPointer { handler.characters($0) }
    }

    private static func treeName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> XMLName {
        XMLName(
            local: name.map { String(cString: $0) } ?? "",
            namespace: namespace?.pointee.href.map { String(cString: $0) } ?? ""
        )
    }

    private static func treeAttributes(_ element: xmlNodePtr) -> [XMLAttribute] {
        var attributes: [XMLAttribute] = []
        var property = element.pointee.properties
        while let current = property {
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content {
                    value += String(cString: content)
                }
                child = text.pointee.next
            }
            attributes.append(XMLAttribute(name: treeName(current.pointee.name, current.pointee.ns), value: value))
            property = current.pointee.next
        }
        return attributes
    }

    private static func lastError(url: String?, fallback: String, code: ParseError.Code = .malformedXML)
        -> ParseError
    {
        guard let error = xmlGetLastError() else {
            return ParseError(code, url: url, message: fallback)
        }
        let message = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        var resolvedCode = code
        if Int32(error.pointee.code) == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            resolvedCode = .forbiddenEntity
        } else if message?.hasPrefix("Excessive depth") == true {
            resolvedCode = .tooDeep
        }
        return ParseError(
            resolvedCode,
            url: url,
            line: line > 0 ? line : nil,
            column: column > 0 ? column : nil,
            message: message.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        )
    }

    /// One pass of an `xmlTextReader`, with a cache of the interned names libxml2 hands out.
    private struct Session {
        let reader: xmlTextReaderPtr
        let url: String?
        let maxDepth: Int
        /// The document, once `xmlTextReaderCurrentDoc` was called; the caller must free it after the reader.
        var document: xmlDocPtr?
        /// libxml2 interns element and attribute names in a dictionary, so their addresses identify them.
        var names: [UnsafeRawPointer: String] = [:]

        init(reader: xmlTextReaderPtr, url: String?, maxDepth: Int) {
            self.reader = reader
            self.url = url
            self.maxDepth = maxDepth
        }

        mutating func run<Handler: XMLEventHandler>(into handler: inout Handler) throws(ParseError) {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 {
                    return
                }
                guard status == 1 else {
                    throw LibXML2Reader.lastError(url: url, fallback: "the XML reader stopped")
                }
                switch xmlTextReaderNodeType(reader) {
                case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                    try startElement(into: &handler)
                case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                    try handler.endElement()
                case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                    Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue):
                    if handler.wantsText, let value = xmlTextReaderConstValue(reader) {
                        handler.characters(LibXML2Reader.bytes(value))
                    }
                case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                    try checkDocumentType()
                    let name = string(xmlTextReaderConstName(reader)) ?? "?"
                    // Only an entity the document never declared gets here (libxml2 tolerates those when a
                    // DOCTYPE names an external DTD, as RSS 0.91 feeds do); HTML names stand for one character.
                    guard let codePoint = LibXML2Reader.htmlEntityCodePoint(name),
                        let scalar = Unicode.Scalar(codePoint)
                    else {
                        throw forbidden("the document references the entity &\(name);")
                    }
                    if handler.wantsText {
                        LibXML2Reader.characters(of: scalar, into: &handler)
                    }
                case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                    try checkDocumentType()
                case Int32(XML_READER_TYPE_ENTITY.rawValue):
                    throw forbidden("the document declares an entity")
                default:
                    break
                }
            }
        }

        private mutating func startElement<Handler: XMLEventHandler>(into handler: inout Handler)
            throws(ParseError)
        {
            let depth = Int(xmlTextReaderDepth(reader)) + 1
            guard depth <= maxDepth else {
                throw ParseError(
                    .tooDeep,
                    url: url,
                    line: line,
                    message: "elements are nested more than \(maxDepth) levels deep"
                )
            }
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            let name = XMLName(
                local: interned(xmlTextReaderConstLocalName(reader)),
                namespace: interned(xmlTextReaderConstNamespaceUri(reader))
            )
            var attributes: [XMLAttribute] = []
            if xmlTextReaderHasAttributes(reader) == 1 {
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    if xmlTextReaderIsNamespaceDecl(reader) == 1 {
                        continue
                    }
                    let attributeName = XMLName(
                        local: interned(xmlTextReaderConstLocalName(reader)),
                        namespace: interned(xmlTextReaderConstNamespaceUri(reader))
                    )
                    let value = string(xmlTextReaderConstValue(reader)) ?? ""
                    attributes.append(XMLAttribute(name: attributeName, value: value))
                }
                xmlTextReaderMoveToElement(reader)
            }
            try handler.startElement(name, attributes: attributes)
            if isEmpty {
                try handler.endElement()
            }
        }

        /// Refuses a document type that declares entities; a bare `<!DOCTYPE rss PUBLIC ...>` is fine.
        private mutating func checkDocumentType() throws(ParseError) {
            if document == nil {
                document = xmlTextReaderCurrentDoc(reader)
            }
            guard let document else {
                return
            }
            for subset in [document.pointee.intSubset, document.pointee.extSubset] {
                guard let subset else {
                    continue
                }
                if subset.pointee.entities != nil || subset.pointee.pentities != nil {
                    throw forbidden("the document type declares entities")
                }
            }
        }

        private var line: Int? {
            let value = Int(xmlTextReaderGetParserLineNumber(reader))
            return value > 0 ? value : nil
        }

        private func forbidden(_ message: String) -> ParseError {
            ParseError(
                .forbiddenEntity,
                url: url,
                line: line,
                column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                message: message
            )
        }

        private mutating func interned(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else {
                return ""
            }
            // Interning through the reader's dictionary gives every distinct name one stable address.
            let key = UnsafeRawPointer(xmlTextReaderConstString(reader, pointer) ?? pointer)
            if let cached = names[key] {
                return cached
            }
            let value = String(cString: pointer)
            names[key] = value
            return value
        }

        private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
