import FeedWatchCore
import Foundation

/// RSS 0.9x/2.0 (`rss`/`channel`/`item`) and RSS 0.90/1.0 RDF (`rdf:RDF` with `channel` and sibling `item`s), with
/// the Dublin Core, content, Media RSS and iTunes modules.
extension FeedBuilder {
    /// Whether a namespace is that of the core RSS elements in the current format: for RSS 0.9x and 2.0, none or the
    /// root's (UserLand and Harvard once published namespaces for RSS 2.0, `http://backend.userland.com/rss2`).
    private func isCore(_ namespace: String) -> Bool {
        format == .rdf
            ? namespace == XMLNamespace.rss10 || namespace == XMLNamespace.rss090
            : namespace.isEmpty || namespace == rssNamespace
    }

    mutating func startRSSElement(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        let isCoreName = isCore(name.namespace)
        guard hasItem else {
            if isCoreName && name.local == "item" {
                let about = attributes.first { $0.name.local == "about" && $0.name.namespace == XMLNamespace.rdf }
                beginItem(depth: depth, id: format == .rdf ? about?.value : nil)
            } else if depth >= 2, stack[depth - 2].name.local == "channel",
                isCore(stack[depth - 2].name.namespace)
            {
                startChannelField(name, attributes: attributes, isCore: isCoreName, depth: depth)
            } else if format == .rdf, isCoreName, name.local == "channel", feed.id == nil {
                let about = attributes.first { $0.name.local == "about" && $0.name.namespace == XMLNamespace.rdf }
                feed.id = about.map(\.value).flatMap(Self.nonEmpty)
            } else if name.namespace == XMLNamespace.itunes, name.local == "category" {
                startItunesCategory(attributes, depth: depth)
            }
            return
        }
        if name.namespace == XMLNamespace.media {
            startMediaElement(name, attributes: attributes)
            return
        }
        if name.namespace == XMLNamespace.itunes, name.local == "category" {
            // At any depth: a subcategory is nested in its category.
            startItunesCategory(attributes, depth: depth)
            return
        }
        guard depth == itemDepth + 1 else {
            return
        }
        // The core elements first: they are most of an item, and their namespace is none of the modules' below.
        if isCoreName {
            startItemField(name.local, attributes: attributes, depth: depth)
            return
        }
        switch (name.namespace, name.local) {
        case (XMLNamespace.content, "encoded"):
            beginCapture(.content, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.dublinCore, "creator"), (XMLNamespace.itunes, "author"),
            (XMLNamespace.dublinCore, "author"):
            beginCapture(.author, mode: .plain, depth: depth)
        case (XMLNamespace.xhtml, "body"):
            beginCapture(.content, mode: .xhtmlWrapped, type: "xhtml", depth: depth)
        case (XMLNamespace.itunes, "keywords"):
            beginCapture(.keywords, mode: .plain, depth: depth)
        case (XMLNamespace.dublinCore, "date"), (XMLNamespace.dublinCoreTerms, "created"),
            (XMLNamespace.dublinCoreTerms, "issued"):
            beginCapture(.dublinCoreDate, mode: .raw, depth: depth)
        case (XMLNamespace.dublinCore, "subject"):
            beginCapture(.category, mode: .plain, depth: depth)
        case (XMLNamespace.dublinCore, "description"):
            beginCapture(.summary, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.dublinCore, "identifier"):
            beginCapture(.id, mode: .raw, depth: depth)
        case (XMLNamespace.dublinCore, "title"):
            beginCapture(.title, mode: .html, depth: depth)
        case (XMLNamespace.dublinCoreTerms, "modified"):
            beginCapture(.updated, mode: .raw, depth: depth)
        case (XMLNamespace.itunes, "summary"):
            beginCapture(.itunesSummary, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.itunes, "category"):
            startItunesCategory(attributes, depth: depth)
        default:
            break
        }
    }

    private mutating func startChannelField(_ name: XMLName, attributes: [XMLAttribute], isCore: Bool, depth: Int) {
        switch (isCore ? XMLNamespace.none : name.namespace, name.local) {
        case (XMLNamespace.none, "title"), (XMLNamespace.dublinCore, "title"):
            beginCapture(.feedTitle, mode: .html, depth: depth)
        case (XMLNamespace.none, "link"): beginCapture(.feedLink, mode: .raw, depth: depth)
        case (XMLNamespace.none, "description"), (XMLNamespace.dublinCore, "description"):
            beginCapture(.feedSubtitle, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.none, "ttl") where format == .rss: beginCapture(.feedTTL, mode: .raw, depth: depth)
        case (XMLNamespace.none, "language"), (XMLNamespace.dublinCore, "language"):
            beginCapture(.feedLanguage, mode: .raw, depth: depth)
        case (XMLNamespace.none, "pubDate"), (XMLNamespace.dublinCore, "date"):
            beginCapture(.feedPublished, mode: .raw, depth: depth)
        case (XMLNamespace.none, "lastBuildDate"), (XMLNamespace.dublinCoreTerms, "modified"):
            beginCapture(.feedUpdated, mode: .raw, depth: depth)
        case (XMLNamespace.none, "managingEditor"), (XMLNamespace.none, "webMaster"), (XMLNamespace.none, "author"),
            (XMLNamespace.dublinCore, "creator"), (XMLNamespace.dublinCore, "author"), (XMLNamespace.itunes, "author"):
            beginCapture(.feedAuthor, mode: .plain, depth: depth)
        case (XMLNamespace.dublinCoreTerms, "issued"), (XMLNamespace.dublinCoreTerms, "created"):
            beginCapture(.feedPublished, mode: .raw, depth: depth)
        case (XMLNamespace.itunes, "subtitle"):
            beginCapture(.feedItunesSummary, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.itunes, "keywords"):
            beginCapture(.feedKeywords, mode: .plain, depth: depth)
        case (XMLNamespace.none, "category"):
            beginCapture(.feedCategory, mode: .plain, depth: depth)
            capture?.scheme = Self.value(of: "domain", in: attributes).flatMap(Self.nonEmpty)
        case (XMLNamespace.dublinCore, "subject"):
            beginCapture(.feedCategory, mode: .plain, depth: depth)
        case (XMLNamespace.itunes, "summary"):
            beginCapture(.feedItunesSummary, mode: .html, type: "html", depth: depth)
        case (XMLNamespace.itunes, "category"):
            startItunesCategory(attributes, depth: depth)
        default:
            break
        }
    }

    private mutating func startItemField(_ local: String, attributes: [XMLAttribute], depth: Int) {
        switch local {
        case "title": beginCapture(.title, mode: .html, depth: depth)
        case "link": beginCapture(.link, mode: .raw, depth: depth)
        case "guid" where format == .rss:
            beginCapture(.id, mode: .raw, depth: depth)
            itemGuidIsPermaLink = !(Self.value(of: "isPermaLink", in: attributes).map(Self.isFalse) ?? false)
        case "fullitem": beginCapture(.content, mode: .html, type: "html", depth: depth)
        // `body` as XHTML's, written without its namespace.
        case "body": beginCapture(.content, mode: .xhtmlWrapped, type: "xhtml", depth: depth)
        case "pubDate": beginCapture(.published, mode: .raw, depth: depth)
        case "description": beginCapture(.summary, mode: .html, type: "html", depth: depth)
        case "author": beginCapture(.author, mode: .plain, depth: depth)
        case "category":
            beginCapture(.category, mode: .plain, depth: depth)
            capture?.scheme = Self.value(of: "domain", in: attributes).flatMap(Self.nonEmpty)
        case "enclosure":
            offerEnclosure(
                url: Self.value(of: "url", in: attributes),
                type: Self.value(of: "type", in: attributes),
                length: Self.value(of: "length", in: attributes)
            )
        default: break
        }
    }

    /// Whether an attribute says `false`, in any letter case and with surrounding whitespace, without allocating.
    private static func isFalse(_ value: String) -> Bool {
        let bytes = value.utf8.filter { $0 > 0x20 }
        return bytes.count == 5 && zip(bytes, "false".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// `itunes:category text="..."`, nested for subcategories; each one is a category in the iTunes scheme.
    private mutating func startItunesCategory(_ attributes: [XMLAttribute], depth: Int) {
        guard let text = Self.value(of: "text", in: attributes).map(HTMLText.collapsingWhitespace),
            !text.isEmpty
        else {
            return
        }
        let category = FeedCategory(term: text, scheme: XMLNamespace.itunesScheme)
        if hasItem {
            item?.categoryDetails.append(category)
        } else {
            feed.categories.append(category)
        }
    }

    /// Media RSS inside an item: `media:content` is an enclosure, `media:thumbnail` a thumbnail, at any depth (so
    /// also inside `media:group`).
    mutating func startMediaElement(_ name: XMLName, attributes: [XMLAttribute]) {
        switch name.local {
        case "content":
            var type = Self.value(of: "type", in: attributes)
            if type == nil, let medium = Self.value(of: "medium", in: attributes) {
                type = medium
            }
            offerEnclosure(
                url: Self.value(of: "url", in: attributes),
                type: type,
                length: Self.value(of: "fileSize", in: attributes)
            )
        case "thumbnail":
            if let url = Self.value(of: "url", in: attributes).flatMap(resolve) {
                item?.thumbnails.append(url)
            }
        case "category" where capture == nil:
            beginCapture(.category, mode: .plain, depth: stack.count)
            capture?.scheme =
                Self.value(of: "scheme", in: attributes).flatMap(Self.nonEmpty) ?? XMLNamespace.mediaCategoryScheme
            capture?.label = Self.value(of: "label", in: attributes).flatMap(Self.nonEmpty)
        case "title" where capture == nil:
            beginCapture(.mediaTitle, mode: .plain, depth: stack.count)
        default:
            break
        }
    }
}
