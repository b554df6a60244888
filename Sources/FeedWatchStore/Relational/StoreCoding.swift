import FeedWatchAnalysis
import Foundation

/// The JSON both backends store values in (alert payloads, topic states, an item's authors and categories): dates as
/// seconds since 1970, keys sorted, so the same value is always stored as the same text.
enum StoreCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// A value as stored JSON text.
    ///
    /// - Throws: ``StoreError`` with code `corruptValue`, naming `database`, when it cannot be encoded.
    static func encode(_ value: some Encodable, database: String) throws(StoreError) -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(code: .corruptValue, database: database, message: "cannot encode a value: \(error)")
        }
    }

    /// A value read back from stored JSON text.
    ///
    /// - Throws: ``StoreError`` with code `corruptValue` naming `what` when the text does not decode.
    static func decode<T: Decodable>(_ type: T.Type, from json: String, database: String, what: String)
        throws(StoreError) -> T
    {
        do {
            return try decoder.decode(type, from: Data(json.utf8))
        } catch {
            throw StoreError(code: .corruptValue, database: database, message: "\(what): \(error)")
        }
    }

    /// A topic state read back from its stored JSON.
    ///
    /// - Throws: ``StoreError`` with code `corruptValue` naming the topic when the text does not decode.
    static func topicState(_ json: String, topicID: String, database: String) throws(StoreError) -> TopicState {
        guard let state = try? decoder.decode(TopicState.self, from: Data(json.utf8)) else {
            throw StoreError(code: .corruptValue, database: database, message: "topic state of \(topicID)")
        }
        return state
    }
}
