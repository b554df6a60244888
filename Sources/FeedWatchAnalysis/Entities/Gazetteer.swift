/// Countries, their capitals, demonyms and alternative names, for recognising places in text.
///
/// Built from the countryinfo package's data (MIT License; see `ThirdParty/countryinfo`), kept as `Resources/gazetteer.tsv`
/// with its generator. A demonym or an
/// alternative name maps to its country (`Israeli` → `Israel`, `State of Qatar` → `Qatar`); a country or a
/// capital maps to itself.
public enum Gazetteer {
    /// What kind of place a name is.
    public enum Kind: String, Sendable {
        /// A country or territory.
        case country
        /// A capital city.
        case capital
    }

    private struct Entry {
        var canonical: String
        var kind: Kind
    }

    private static let table: [String: Entry] = {
        var table: [String: Entry] = [:]
        for line in EmbeddedResources.gazetteer.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, !fields[0].contains(",") else {
                continue
            }
            let country = fields[0]
            let countryEntry = Entry(canonical: country, kind: .country)
            table[country.lowercased()] = table[country.lowercased()] ?? countryEntry
            for alternative in fields[3].split(separator: "|") where table[alternative.lowercased()] == nil {
                table[alternative.lowercased()] = countryEntry
            }
            if !fields[2].isEmpty, table[fields[2].lowercased()] == nil {
                table[fields[2].lowercased()] = countryEntry
                table[fields[2].lowercased() + "s"] = countryEntry
            }
            if !fields[1].isEmpty, table[fields[1].lowercased()] == nil {
                table[fields[1].lowercased()] = Entry(canonical: fields[1], kind: .capital)
            }
        }
        return table
    }()

    /// The canonical name of a country, capital, demonym or alternative name, case ignored.
    ///
    /// - Parameter name: A name as written, for example `Qatari`.
    /// - Returns: The canonical name (`Qatar`), or `nil` when the gazetteer does not know it.
    public static func canonical(_ name: String) -> String? {
        table[name.lowercased()]?.canonical
    }

    /// What kind of place a name is, case ignored.
    ///
    /// - Parameter name: A name as written.
    /// - Returns: The kind, or `nil` when the gazetteer does not know it.
    public static func kind(of name: String) -> Kind? {
        table[name.lowercased()]?.kind
    }
}
