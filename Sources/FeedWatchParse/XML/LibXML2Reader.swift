internal import CLibXML2
import Foundation

/// The only bridge to libxml2: a streaming XML reader over libxml2's SAX2 parser, a recovering tree walk for broken
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
    fileprivate static let xmlOptions: Int32 = {
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
    ///   - recovering: Whether to use libxml2's recovery mode. The document is then parsed into a tree with
    ///     `XML_PARSE_RECOVER` (still bounded by the byte cap and libxml2's depth limit) and the tree is walked,
    ///     sending the same events.
    ///   - handler: Receives the events.
    /// - Returns: Whether every namespace prefix was declared; an element of an undeclared prefix is read with the
    ///   prefix as part of its name, and the document is not namespace-well-formed.
    /// - Throws: A `Failure` whose error has code `malformedXML`, `forbiddenEntity` or `tooDeep`, or carries
    ///   whatever the handler threw. When recovering, only `forbiddenEntity`, `tooDeep` and handler errors.
    @discardableResult
    static func read<Handler: XMLEventHandler>(
        _ data: Data,
        url: String?,
        maxDepth: Int,
        recovering: Bool = false,
        into handler: inout Handler
    ) throws(Failure) -> Bool {
        _ = initialized
        guard data.count <= Int(Int32.max) else {
            throw Failure(error: ParseError(.tooLarge, url: url, message: "the document is \(data.count) bytes"))
        }
        if recovering {
            try recover(data, url: url, maxDepth: maxDepth, into: &handler)
            return true
        }
        guard !data.isEmpty else {
            throw Failure(error: ParseError(.empty, url: url, message: "the document has no bytes"))
        }
        let outcome: Result<Bool, Failure> = withUnsafeMutablePointer(to: &handler) { pointer in
            let session = HandlerSession(url: url, maxDepth: maxDepth, handler: pointer)
            return data.withUnsafeBytes { SAXSession.parse($0, session: session) }
        }
        return try outcome.get()
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

    /// Walks a recovered tree in document order, sending the events of a streaming read.
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
                    characters(of: scalar) { handler.characters($0) }
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

    /// Encodes one character, such as the one an HTML entity reference stands for, as UTF-8 for `body`.
    private static func characters(of scalar: Unicode.Scalar, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var encoded: [UInt8] = []
        UTF8.encode(scalar) { encoded.append($0) }
        encoded.withUnsafeBufferPointer(body)
    }

    /// The qualified name of a node in a recovered tree.
    private static func treeName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> XMLName {
        XMLName(
            local: name.map { String(cString: $0) } ?? "",
            namespace: namespace?.pointee.href.map { XMLNamespace.canonical(String(cString: $0)) } ?? ""
        )
    }

    /// The attributes of an element in a recovered tree.
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

    /// The error libxml2 reported last, as a `ParseError`.
    private static func lastError(url: String?, fallback: String) -> ParseError {
        parseError(xmlGetLastError(), url: url, fallback: fallback)
    }

    /// A libxml2 error as a `ParseError`: an entity loop is a forbidden entity, excessive depth is `tooDeep`, and
    /// anything else is malformed XML.
    fileprivate static func parseError(_ error: UnsafePointer<xmlError>?, url: String?, fallback: String)
        -> ParseError
    {
        guard let error else {
            return ParseError(.malformedXML, url: url, message: fallback)
        }
        let message = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        var code = ParseError.Code.malformedXML
        if Int32(error.pointee.code) == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            code = .forbiddenEntity
        } else if message?.hasPrefix("Excessive depth") == true {
            code = .tooDeep
        }
        return ParseError(
            code,
            url: url,
            line: line > 0 ? line : nil,
            column: column > 0 ? column : nil,
            message: message.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        )
    }
}

/// One SAX2 parse of a document: libxml2's callbacks reach it through the parser context's user data and turn C
/// names, attributes and text into `XMLEventHandler` events.
///
/// The handler-specific part lives in the generic subclass `HandlerSession`, so that the C callbacks, which cannot
/// be generic, need only this class.
private class SAXSession {
    let url: String?
    let maxDepth: Int
    /// The parser context, while parsing.
    var context: xmlParserCtxtPtr?
    /// The nesting of the current element, the root element being 1.
    var depth = 0
    /// The error that made feedwatch stop the parse: a forbidden entity, excessive nesting or a handler error.
    var failure: ParseError?
    /// The fatal error libxml2 reported (see `record`); the document is not well-formed.
    var fatal: (error: ParseError, isUndeclaredEntity: Bool)?
    /// Whether libxml2 reported a namespace error: a prefix no `xmlns:` declared.
    var undeclaredNamespace = false
    /// Where libxml2 raised its first fatal error: line and column.
    private var fatalPosition: (line: Int32, column: Int32)?
    /// Names libxml2 interned in its dictionary, by address, as Swift strings.
    private var names: [UnsafeRawPointer: String] = [:]
    /// A direct-mapped cache in front of `names`, slots chosen by address: most elements repeat a few names, and a
    /// dictionary lookup hashes the address with SipHash every time.
    private var recentNames = [(key: UnsafeRawPointer?, name: String)](repeating: (nil, ""), count: 64)
    /// The SAX2 user data: the character data not yet sent to the handler, and whether events still go to it
    /// (cleared because of `failure` or `fatal`). libxml2 reports text in many small pieces (each entity reference
    /// such as `&lt;` is one); C's `cxml_sax_characters` gathers them here, and they are sent as one before the next
    /// element event.
    private let state = UnsafeMutablePointer<cxml_sax_text>.allocate(capacity: 1)

    /// Creates a session for one document.
    ///
    /// - Parameters:
    ///   - url: The document's URL, for error messages.
    ///   - maxDepth: The deepest element nesting accepted.
    init(url: String?, maxDepth: Int) {
        self.url = url
        self.maxDepth = maxDepth
        state.initialize(to: cxml_sax_text(bytes: nil, count: 0, capacity: 0, active: 1, session: nil))
        state.pointee.session = Unmanaged.passUnretained(self).toOpaque()
    }

    /// Frees the user data and its text buffer.
    deinit {
        free(state.pointee.bytes)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Whether events still go to the handler: nothing has stopped the parse.
    final var isActive: Bool {
        state.pointee.active != 0
    }

    /// Sends a start-element event to the handler.
    func deliverStart(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) {}

    /// Sends an end-element event to the handler.
    func deliverEnd() throws(ParseError) {}

    /// Sends character data to the handler.
    func deliverCharacters(_ text: UnsafeBufferPointer<UInt8>) {}

    /// Parses a document with this session receiving the events.
    ///
    /// libxml2 pulls the document through a read callback in small blocks, so it never holds a second copy of it,
    /// and parses it without building a tree.
    ///
    /// - Parameters:
    ///   - document: The document's bytes, at least one.
    ///   - session: Receives the events.
    /// - Returns: Success, or why the document was refused.
    static func parse(_ document: UnsafeRawBufferPointer, session: SAXSession) -> Result<Bool, LibXML2Reader.Failure> {
        xmlResetLastError()
        session.unread = document
        var handler = callbacks()
        let created = xmlCreateIOParserCtxt(
            &handler,
            UnsafeMutableRawPointer(session.state),
            { context, buffer, length in
                guard let context, let buffer else {
                    return -1
                }
                return Unmanaged<SAXSession>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length)
            },
            nil,
            Unmanaged.passUnretained(session).toOpaque(),
            XML_CHAR_ENCODING_NONE
        )
        guard let context = created else {
            return .failure(
                LibXML2Reader.Failure(
                    error: ParseError(.malformedXML, url: session.url, message: "libxml2 could not create a parser")
                )
            )
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, LibXML2Reader.xmlOptions)
        // The document is UTF-8: a declared encoding means nothing to libxml2 already (`XML_PARSE_IGNORE_ENC`), and
        // naming the encoding also stops it from guessing UTF-16 or UCS-4 from the first bytes (say, three NULs
        // before `<`), as the streaming reader, which was given "UTF-8", did not either.
        context.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
        session.context = context
        defer { session.context = nil }
        let status = withExtendedLifetime(session) { xmlParseDocument(context) }
        session.flushText()
        if let failure = session.failure {
            return .failure(LibXML2Reader.Failure(error: failure))
        }
        if let fatal = session.fatal {
            return .failure(LibXML2Reader.Failure(error: fatal.error, isUndeclaredEntity: fatal.isUndeclaredEntity))
        }
        guard status == 0, context.pointee.wellFormed != 0 else {
            let error = LibXML2Reader.parseError(
                xmlCtxtGetLastError(context).map { UnsafePointer($0) },
                url: session.url,
                fallback: "the XML parser stopped"
            )
            return .failure(LibXML2Reader.Failure(error: error))
        }
        return .success(!session.undeclaredNamespace)
    }

    /// The bytes libxml2 has not read yet.
    private var unread = UnsafeRawBufferPointer(start: nil, count: 0)

    /// Copies the next block of the document into libxml2's buffer.
    ///
    /// - Returns: The number of bytes copied, 0 at the end of the document.
    private func read(into buffer: UnsafeMutablePointer<CChar>, _ length: Int32) -> Int32 {
        let count = min(Int(max(length, 0)), unread.count)
        guard count > 0, let source = unread.baseAddress else {
            return 0
        }
        UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: count)
        unread = UnsafeRawBufferPointer(rebasing: unread[count...])
        return Int32(count)
    }

    /// The SAX2 handler: element, text and entity-reference events, entity declarations (refused), and errors.
    /// No DTD callbacks, so nothing is ever loaded or resolved.
    private static func callbacks() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, local, prefix, uri, _, _, count, defaulted, attributes in
            SAXSession.with(context) { $0.startElement(local, prefix, uri, Int(count - defaulted), attributes) }
        }
        handler.endElementNs = { context, _, _, _ in
            SAXSession.with(context) { $0.endElement() }
        }
        handler.characters = cxml_sax_characters
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        handler.reference = { context, name in
            SAXSession.with(context) { $0.reference(name) }
        }
        handler.getEntity = { _, _ in nil }
        handler.getParameterEntity = { _, _ in nil }
        handler.entityDecl = { context, _, _, _, _, _ in
            SAXSession.with(context) { $0.refuse("the document type declares entities") }
        }
        handler.unparsedEntityDecl = { context, _, _, _, _ in
            SAXSession.with(context) { $0.refuse("the document type declares entities") }
        }
        handler.serror = { context, error in
            SAXSession.with(context) { $0.record(error) }
        }
        return handler
    }

    /// Calls `body` with the session behind a callback's user data (a `cxml_sax_text`), without retaining it: the
    /// session outlives the parse (see `parse`), and a retain and release per callback is a measurable share of the
    /// parse.
    private static func with(_ context: UnsafeMutableRawPointer?, _ body: (SAXSession) -> Void) {
        guard let session = context?.assumingMemoryBound(to: cxml_sax_text.self).pointee.session else {
            return
        }
        Unmanaged<SAXSession>.fromOpaque(session)._withUnsafeGuaranteedRef(body)
    }

    /// Stops libxml2 after a failure. Only called from the element callbacks, where libxml2 allows stopping; libxml2
    /// sends no events after a fatal error of its own, but parses on.
    private func stop() {
        if let context, context.pointee.disableSAX == 0 || context.pointee.instate != XML_PARSER_EOF {
            xmlStopParser(context)
        }
    }

    /// Records why feedwatch refuses the document; the next element callback stops libxml2.
    private func fail(_ error: ParseError) {
        failure = failure ?? error
        state.pointee.active = 0
    }

    /// The line and column libxml2 has reached.
    private var position: (line: Int?, column: Int?) {
        guard let input = context?.pointee.input else {
            return (nil, nil)
        }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        return (line > 0 ? line : nil, column > 0 ? column : nil)
    }

    /// Refuses the document as declaring or using its own entities.
    private func refuse(_ message: String) {
        guard isActive else {
            return
        }
        fail(ParseError(.forbiddenEntity, url: url, line: position.line, column: position.column, message: message))
    }

    /// Keeps the fatal error to report: the last one libxml2 raised at the place of the first (such as "Couldn't
    /// find end of Start Tag" after "error parsing attribute name"), as its streaming reader, which stopped there,
    /// reported. libxml2's parser goes on after that without sending events; what it raises further on is noise, and
    /// so is its closing "Extra content at the end of the document" after an element it gave up on.
    private func record(_ error: UnsafeMutablePointer<xmlError>?) {
        if let error, error.pointee.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            undeclaredNamespace = true
        }
        guard let error, error.pointee.level == XML_ERR_FATAL else {
            return
        }
        let position = (line: error.pointee.line, column: error.pointee.int2)
        if let first = fatalPosition {
            guard first == position, error.pointee.code != Int32(XML_ERR_DOCUMENT_END.rawValue) else {
                return
            }
        }
        fatalPosition = position
        state.pointee.active = 0
        fatal = (
            LibXML2Reader.parseError(UnsafePointer(error), url: url, fallback: "the XML parser stopped"),
            error.pointee.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
        )
    }

    /// `startElementNs`: checks the depth, sends the text gathered so far, then the element with its attributes
    /// (those libxml2 added from an attribute-list default left out, as its tree builder leaves them out).
    private func startElement(
        _ local: UnsafePointer<xmlChar>?,
        _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?,
        _ attributeCount: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard isActive else {
            stop()
            return
        }
        depth += 1
        guard depth <= maxDepth else {
            fail(
                ParseError(
                    .tooDeep,
                    url: url,
                    line: position.line,
                    message: "elements are nested more than \(maxDepth) levels deep"
                )
            )
            return
        }
        flushText()
        let name = qualifiedName(local, prefix, uri)
        var list: [XMLAttribute] = []
        if let attributes, attributeCount > 0 {
            list.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let fields = attributes + index * 5
                let value = Self.attributeValue(from: fields[3], to: fields[4])
                list.append(XMLAttribute(name: qualifiedName(fields[0], fields[1], fields[2]), value: value))
            }
        }
        do throws(ParseError) {
            try deliverStart(name, attributes: list)
        } catch {
            fail(error)
        }
    }

    /// `endElementNs`: sends the text gathered so far, then the end of the element.
    private func endElement() {
        guard isActive else {
            stop()
            return
        }
        depth -= 1
        flushText()
        do throws(ParseError) {
            try deliverEnd()
        } catch {
            fail(error)
        }
    }

    /// Sends the character data gathered since the last element event to the handler.
    final func flushText() {
        guard state.pointee.count > 0, isActive else {
            return
        }
        deliverCharacters(UnsafeBufferPointer(start: state.pointee.bytes, count: state.pointee.count))
        state.pointee.count = 0
    }

    /// An entity the document never declared, which libxml2 tolerates when a DOCTYPE names an external DTD (as
    /// RSS 0.91 feeds do): an HTML name stands for one character, anything else is refused.
    private func reference(_ name: UnsafePointer<xmlChar>?) {
        guard isActive else {
            return
        }
        let text = name.map { String(cString: $0) } ?? "?"
        guard let codePoint = LibXML2Reader.htmlEntityCodePoint(text), let scalar = Unicode.Scalar(codePoint) else {
            refuse("the document references the entity &\(text);")
            return
        }
        var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var length: Int32 = 0
        withUnsafeMutableBytes(of: &encoded) { bytes in
            UTF8.encode(scalar) { byte in
                bytes[Int(length)] = byte
                length += 1
            }
            cxml_sax_characters(state, bytes.baseAddress?.assumingMemoryBound(to: xmlChar.self), length)
        }
    }

    /// The name of an element or attribute. A prefix bound to no namespace stays part of the local name, as in
    /// libxml2's own trees.
    private func qualifiedName(
        _ local: UnsafePointer<xmlChar>?,
        _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        guard let local else {
            return XMLName(local: "", namespace: "")
        }
        if let prefix, uri == nil {
            let qualified = context.flatMap { xmlDictQLookup($0.pointee.dict, prefix, local) }
            return XMLName(local: interned(qualified ?? local), namespace: "")
        }
        return XMLName(local: interned(local), namespace: uri.map { interned($0, namespace: true) } ?? "")
    }

    /// A name as a Swift string, converted once per document for the names libxml2 keeps in its dictionary.
    ///
    /// A namespace URI is stored in its canonical form (see `XMLNamespace.canonical`), so that the form costs nothing
    /// after the first element.
    @inline(__always)
    private func interned(_ pointer: UnsafePointer<xmlChar>, namespace: Bool = false) -> String {
        let key = UnsafeRawPointer(pointer)
        let slot = Int(truncatingIfNeeded: (UInt(bitPattern: Int(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if recentNames[slot].key == key {
            return recentNames[slot].name
        }
        if let cached = names[key] {
            recentNames[slot] = (key, cached)
            return cached
        }
        let value = namespace ? XMLNamespace.canonical(String(cString: pointer)) : String(cString: pointer)
        // Only names libxml2's dictionary owns stay at their address for the whole parse.
        if let dictionary = context?.pointee.dict, xmlDictOwns(dictionary, pointer) == 1 {
            names[key] = value
            recentNames[slot] = (key, value)
        }
        return value
    }

    /// An attribute value as SAX2 reports it. Without entity substitution libxml2 writes an `&` that came from a
    /// reference (`&amp;`, `&#38;`) back as `&#38;`, which its tree builder would decode again; so does this.
    private static func attributeValue(
        from start: UnsafePointer<xmlChar>?,
        to end: UnsafePointer<xmlChar>?
    ) -> String {
        guard let start, let end, end > start else {
            return ""
        }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let escapedAmpersand = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes[index...].starts(with: escapedAmpersand) {
                decoded.append(UInt8(ascii: "&"))
                index += escapedAmpersand.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}

/// A `SAXSession` that sends the events to one handler.
///
/// The handler is reached through a pointer to the caller's variable, valid for the whole parse, so that every
/// event mutates it in place. Text goes to the handler whatever its `wantsText` says: libxml2 hands it over as bytes
/// anyway, and reading the property through a generic class copies the whole handler.
private final class HandlerSession<Handler: XMLEventHandler>: SAXSession {
    /// The caller's handler.
    let handler: UnsafeMutablePointer<Handler>

    /// Creates a session sending events to the handler behind `handler`.
    ///
    /// - Parameters:
    ///   - url: The document's URL, for error messages.
    ///   - maxDepth: The deepest element nesting accepted.
    ///   - handler: The caller's handler, valid for the whole parse.
    init(url: String?, maxDepth: Int, handler: UnsafeMutablePointer<Handler>) {
        self.handler = handler
        super.init(url: url, maxDepth: maxDepth)
    }

    /// Sends a start-element event to the handler.
    override func deliverStart(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) {
        try handler.pointee.startElement(name, attributes: attributes)
    }

    /// Sends an end-element event to the handler.
    override func deliverEnd() throws(ParseError) {
        try handler.pointee.endElement()
    }

    /// Sends character data to the handler.
    override func deliverCharacters(_ text: UnsafeBufferPointer<UInt8>) {
        handler.pointee.characters(text)
    }
}
