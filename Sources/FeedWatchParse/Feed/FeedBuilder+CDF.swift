import FeedWatchCore
import Foundation

/// Microsoft's Channel Definition Format (CDF, 1997): a `CHANNEL` root whose `HREF` and `LASTMOD` attributes are the
/// link and date, `TITLE` and `ABSTRACT` children, and `ITEM` elements shaped the same. Element and attribute names
/// are matched without regard to letter case, as Internet Explorer read them.
extension FeedBuilder {
    mutating func startCDFElement(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        guard name.namespace.isEmpty else {
            return
        }
        switch name.local.uppercased() {
        case "ITEM" where !hasItem:
            beginItem(depth: depth)
            offerCDFAttributes(attributes)
        case "TITLE" where hasItem ? depth == itemDepth + 1 : depth == 2:
            beginCapture(hasItem ? .title : .feedTitle, mode: .plain, depth: depth)
        case "ABSTRACT" where hasItem ? depth == itemDepth + 1 : depth == 2:
            beginCapture(hasItem ? .summary : .feedSubtitle, mode: .plain, depth: depth)
        default:
            break
        }
    }

    /// The `CHANNEL` root's attributes.
    mutating func startCDFChannel(_ attributes: [XMLAttribute]) {
        offerCDFAttributes(attributes)
    }

    /// `HREF` as the link and `LASTMOD` as the date of the channel or the item just begun.
    private mutating func offerCDFAttributes(_ attributes: [XMLAttribute]) {
        for attribute in attributes where attribute.name.namespace.isEmpty {
            switch attribute.name.local.uppercased() {
            case "HREF":
                offerLink(attribute.value, rank: 1)
            case "LASTMOD":
                guard let date = FeedDates.parse(attribute.value.trimmedASCIIWhitespace) else {
                    continue
                }
                if hasItem {
                    item?.updated = date
                } else {
                    feed.updated = date
                }
            default:
                break
            }
        }
    }
}
