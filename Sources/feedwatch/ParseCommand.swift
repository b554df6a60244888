public import ArgumentParser
import FeedWatchParse
import Foundation

extension FeedWatchCommand {
    /// `feedwatch parse`: parses one feed file and prints it as JSON.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a feed file (RSS, Atom or JSON Feed) and print it as one JSON object.",
            discussion: """
                The JSON object has `wellformed`, `encoding`, `feed` and `items`; absent values are left out and \
                dates are ISO 8601 in UTC. Exits 1 when the file cannot be read or is not a feed at all.
                """
        )

        /// Why the feed file could not be read.
        struct ReadError: Error, CustomStringConvertible {
            /// The path as given.
            var path: String
            /// The system's reason.
            var reason: String

            /// What happened and what to do.
            var description: String {
                let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
                return "cannot read \(path): \(sentence). Check the path and that the file is readable."
            }
        }

        @Argument(help: "The feed file.")
        var file: String

        @Option(help: "The HTTP Content-Type the file was served with, such as 'text/xml; charset=iso-8859-1'.")
        var contentType: String?

        @Option(help: "The document's URL, the base for relative links.")
        var url: String?

        /// Parses the file and writes the JSON to standard output, or exits 1 with the error.
        func run() throws {
            let data: Data
            do {
                // Mapped, so that a file over the parser's byte cap is refused without being read into memory.
                data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            } catch {
                fail(ReadError(path: file, reason: (error as NSError).localizedFailureReason ?? "\(error)"))
            }
            let contentType = contentType.flatMap { $0.isEmpty ? nil : $0 }
            let base = url.flatMap { $0.isEmpty ? nil : $0 }
            do {
                let feed = try FeedParser().parse(data, url: base, contentType: contentType)
                var output = feed.jsonRepresentation()
                output.append(UInt8(ascii: "\n"))
                FileHandle.standardOutput.write(output)
            } catch {
                fail(error)
            }
        }
    }
}
