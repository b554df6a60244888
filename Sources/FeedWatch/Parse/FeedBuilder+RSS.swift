/// RSS 0.9x/2.0 (`rss`/`channel`/`item`) and RSS 0.90/1.0 RDF (`rdf:RDF` with `channel` and sibling `item`s).
extension FeedBuilder {
    /// The namespaces of the core RSS elements in the current format.
    private var coreNamespaces: [String] {
        format == .rdf ? [XMLNamespace.rss10, XMLNamespace.rss090] : [XMLNamespace.none]
    }

    mutating func startRSSElement(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        let isCore = coreNamespaces.contains(name.namespace)
        guard item != nil else {
            if isCore && name.local == "item" {
                let about = attributes.first { $0.name.local == "about" && $0.name.namespace == XMLNamespace.rdf }
                beginItem(depth: depth, id: format == .rdf ? about?.value : nil)
            } else if isCore, depth >= 2, stack[depth - 2].name.local == "channel",
                coreNamespaces.contains(stack[depth - 2].name.namespace)
            {
                startChannelField(name, depth: depth)
            }
            return
        }
        guard depth == itemDepth + 1 else {
            return
        }
        switch (name.namespace, name.local) {
        case (XMLNamespace.content, "encoded"):
            beginCapture(.content, mode: .html, depth: depth)
        case (XMLNamespace.dublinCore, "creator"):
            beginCapture(.author, mode: .plain, depth: depth)
        case (XMLNamespace.dublinCore, "date"):
            beginCapture(.dublinCoreDate, mode: .raw, depth: depth)
        case (XMLNamespace.dublinCore, "subject"):
            beginCapture(.category, mode: .plain, depth: depth)
        case (XMLNamespace.dublinCoreTerms, "modified"):
            beginCapture(.updated, mode: .raw, depth: depth)
        case (let namespace, let local) where coreNamespaces.contains(namespace):
            startItemField(local, depth: depth)
        default:
            break
        }
    }

    private mutating func startChannelField(_ name: XMLName, depth: Int) {
        switch name.local {
        case "title": beginCapture(.feedTitle, mode: .html, depth: depth)
        case "link": beginCapture(.feedLink, mode: .raw, depth: depth)
        case "ttl" where format == .rss: beginCapture(.feedTTL, mode: .raw, depth: depth)
        default: break
        }
    }

    private mutating func startItemField(_ local: String, depth: Int) {
        switch local {
        case "title": beginCapture(.title, mode: .html, depth: depth)
        case "link": beginCapture(.link, mode: .raw, depth: depth)
        case "guid" where format == .rss: beginCapture(.id, mode: .raw, depth: depth)
        case "pubDate": beginCapture(.published, mode: .raw, depth: depth)
        case "description": beginCapture(.summary, mode: .html, depth: depth)
        case "author": beginCapture(.author, mode: .plain, depth: depth)
        case "category": beginCapture(.category, mode: .plain, depth: depth)
        default: break
        }
    }
}
