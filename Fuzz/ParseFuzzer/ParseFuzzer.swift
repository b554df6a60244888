import FeedWatchCore
import Foundation

/// The libFuzzer entry point: parses every input as a feed, as if fetched with one of a few Content-Types.
///
/// It is compiled together with the sources of `Sources/FeedWatchParse` into one module (see `make fuzz-parse`),
/// so it reaches the parser's internals without the rest of the library. Any crash, sanitizer report or time-out
/// is a finding; thrown `ParseError`s are the expected outcome for most inputs.
///
/// - Parameters:
///   - bytes: The input.
///   - count: The input's length.
/// - Returns: Always 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseFuzzerTestOneInput(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let contentTypes = [
        nil, "text/xml; charset=iso-8859-1", "application/xml; charset=utf-16", "text/xml; charset=koi8-r",
    ]
    let contentType = contentTypes[Int(data.first ?? 0) % contentTypes.count]
    let parser = FeedParser(limits: ParseLimits(maxBytes: 1 << 20))
    if let feed = try? parser.parse(data, url: "https://fuzz.example/feeds/index.xml", contentType: contentType) {
        _ = feed.jsonRepresentation()
    }
    _ = FeedDate.parse(String(decoding: data.prefix(80), as: UTF8.self))
    return 0
}
