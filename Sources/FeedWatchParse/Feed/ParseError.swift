/// Why a feed document could not be parsed, with enough detail to tell the user what to do about it.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case malformedXML
            case malformedJSON
            case forbiddenEntity
            case unknownFormat
            case tooLarge
            case tooDeep
            case empty
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The document is not well-formed XML.
        public static let malformedXML = Code(.malformedXML)
        /// The document looks like JSON but is not valid JSON.
        public static let malformedJSON = Code(.malformedJSON)
        /// The document declares or references its own XML entities, or otherwise uses DTD features that could
        /// expand without bound or read local files (billion laughs, XXE).
        public static let forbiddenEntity = Code(.forbiddenEntity)
        /// The root element is not `rss`, `rdf:RDF` or an Atom `feed`, and the document is not a JSON Feed.
        public static let unknownFormat = Code(.unknownFormat)
        /// The document is larger than ``ParseLimits/maxBytes``.
        public static let tooLarge = Code(.tooLarge)
        /// Elements are nested deeper than ``ParseLimits/maxDepth``.
        public static let tooDeep = Code(.tooDeep)
        /// The document is empty or holds only whitespace.
        public static let empty = Code(.empty)

        /// The code's name, such as `malformedXML`.
        public var description: String {
            kind.rawValue
        }
    }

    /// The kind of failure.
    public var code: Code
    /// The URL of the document, when known.
    public var url: String?
    /// The 1-based line where the problem was found, when known.
    public var line: Int?
    /// The 1-based column where the problem was found, when known.
    public var column: Int?
    /// The detail of what went wrong, such as libxml2's own message.
    public var message: String

    /// Creates a parse error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - url: The URL of the document, when known.
    ///   - line: The 1-based line of the problem, when known.
    ///   - column: The 1-based column of the problem, when known.
    ///   - message: The detail of what went wrong.
    public init(_ code: Code, url: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.url = url
        self.line = line
        self.column = column
        self.message = message
    }

    /// A sentence for the user: which feed, what happened, where, and what to do about it.
    public var description: String {
        var text = "feed \(url ?? "(unknown URL)"): \(summary)"
        if let line {
            text += " at line \(line)"
            if let column {
                text += ", column \(column)"
            }
        }
        if !message.isEmpty {
            text += ": \(message)"
        }
        if !text.hasSuffix(".") {
            text += "."
        }
        return text + " " + advice
    }

    private var summary: String {
        switch code {
        case .malformedXML: "malformed XML"
        case .malformedJSON: "malformed JSON"
        case .forbiddenEntity: "forbidden XML entity"
        case .unknownFormat: "not an RSS, Atom or JSON feed"
        case .tooLarge: "document too large"
        case .tooDeep: "elements nested too deeply"
        default: "empty document"
        }
    }

    private var advice: String {
        switch code {
        case .malformedXML:
            "The server sent a document that is not well-formed XML; check the feed in a browser or tell its publisher."
        case .malformedJSON:
            "The server sent a document that is not valid JSON; check the feed in a browser or tell its publisher."
        case .forbiddenEntity:
            "The feed declares its own XML entities, which feedwatch refuses for safety (entity expansion / XXE); "
                + "ask the publisher to remove the DOCTYPE declarations, or stop watching this feed."
        case .unknownFormat:
            "Check that the URL points at the feed itself (RSS or Atom) rather than a web page; a page usually "
                + "links its feed in a <link rel=\"alternate\"> tag."
        case .tooLarge:
            "feedwatch refuses documents this big to bound memory use; if the feed is genuine, raise the parser's "
                + "size limit or ask the publisher to trim the feed."
        case .tooDeep:
            "No real feed nests this deeply, so the document is broken or hostile; tell its publisher."
        default:
            "The server answered with nothing to parse; check the feed URL, and retry later if the server is "
                + "having trouble."
        }
    }
}
