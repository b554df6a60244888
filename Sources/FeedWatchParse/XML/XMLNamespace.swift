/// The namespace URIs the feed formats use; elements are matched by URI and local name, never by prefix.
enum XMLNamespace {
    /// No namespace: the elements of RSS 0.9x and 2.0.
    static let none = ""
    /// Atom 1.0.
    static let atom = "http://www.w3.org/2005/Atom"
    /// The pre-standard Atom 0.3.
    static let atom03 = "http://purl.org/atom/ns#"
    /// RSS 1.0 core elements.
    static let rss10 = "http://purl.org/rss/1.0/"
    /// RSS 0.90 core elements (an RDF document like RSS 1.0).
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    /// RDF syntax, for `rdf:RDF` and `rdf:about`.
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// The RSS content module, for `content:encoded`.
    static let content = "http://purl.org/rss/1.0/modules/content/"
    /// Dublin Core elements, for `dc:creator`, `dc:date` and `dc:subject`.
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    /// Dublin Core terms, for `dcterms:modified`.
    static let dublinCoreTerms = "http://purl.org/dc/terms/"
    /// The XML namespace, for `xml:base`.
    static let xml = "http://www.w3.org/XML/1998/namespace"
    /// XHTML, for the wrapper `div` of Atom `type="xhtml"` constructs.
    static let xhtml = "http://www.w3.org/1999/xhtml"
    /// Media RSS, for `media:content` and `media:thumbnail`.
    static let media = "http://search.yahoo.com/mrss/"
    /// Apple's podcast extension, for `itunes:author`, `itunes:summary` and `itunes:category`.
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// The scheme Media RSS gives a `media:category` that names none.
    static let mediaCategoryScheme = "http://search.yahoo.com/mrss/category_schema"
    /// The scheme reported for iTunes categories.
    static let itunesScheme = "http://www.itunes.com/"

    /// The namespace feedwatch matches for a URI as a document wrote it: the iTunes URI in any letter case (Apple's
    /// own documents have used `DTDs/Podcast`), and Media RSS without its final slash.
    ///
    /// - Parameter uri: The namespace URI as written.
    /// - Returns: The URI the builders compare against.
    static func canonical(_ uri: String) -> String {
        switch uri.utf8.count {
        case 28:
            return uri == "http://search.yahoo.com/mrss" ? media : uri
        case itunes.utf8.count:
            return uri != itunes && uri.lowercased() == itunes ? itunes : uri
        default:
            return uri
        }
    }
}
