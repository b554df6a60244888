import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Memory stays bounded on huge feeds: `feedwatch parse` runs in a child process, so that its peak resident size
/// (from `wait4`) is its own and not that of the tests running beside it.
@Suite("Parser memory on huge feeds")
struct FeedParserMemoryTests {
    /// The `feedwatch` executable `swift test` built beside the test bundle.
    static let binary: String? = {
        let folder = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = folder.appendingPathComponent("feedwatch").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// What a finished `feedwatch parse` left behind.
    private struct Run {
        var status: Int32
        var peakBytes: Int
        var standardError: String
    }

    /// Writes an RSS feed of `items` items to a file, each carrying `filler` bytes of text in `element`.
    private static func writeFeed(
        to url: URL,
        items: Int,
        filler: Int,
        element: (open: String, close: String)
    ) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let words = "harbor council budget &amp; river bridge school ferry tunnel "
        let text = String(repeating: words, count: filler / words.utf8.count)
        try handle.write(
            contentsOf: Data(
                """
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0" xmlns:archive="urn:example:archive"><channel><title>Huge</title>
                """.utf8
            )
        )
        for index in 0..<items {
            let item =
                "<item><title>Report \(index)</title><guid>huge-\(index)</guid>"
                + "<description>Summary \(index)</description>\(element.open)\(text)\(element.close)</item>\n"
            try handle.write(contentsOf: Data(item.utf8))
        }
        try handle.write(contentsOf: Data("</channel></rss>\n".utf8))
    }

    /// Runs `feedwatch parse FILE` with standard output discarded, and returns its exit status, peak resident size
    /// and standard error.
    private static func parse(_ file: URL, in directory: TemporaryDirectory) throws -> Run {
        let binary = try #require(Self.binary)
        let errors = URL(fileURLWithPath: directory.path).appending(path: "stderr-\(file.lastPathComponent).txt")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let path: String = file.path
        let words: [String] = [binary, "parse", path]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { word in strdup(word) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, arguments, environ)
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let standardError = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        // ru_maxrss is in kilobytes on Linux; the exit status sits in the second byte of a normal exit.
        return Run(status: (status >> 8) & 0xFF, peakBytes: usage.ru_maxrss * 1024, standardError: standardError)
    }

    private static func size(of file: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
    }

    @Test(.enabled(if: binary != nil, "the feedwatch executable was not built beside the tests"))
    func aHundredMegabyteFeedIsRefusedAtTheByteCapWithoutBeingLoaded() throws {
        let directory = try TemporaryDirectory()
        let small = URL(fileURLWithPath: directory.path).appending(path: "small.xml")
        let huge = URL(fileURLWithPath: directory.path).appending(path: "huge.xml")
        try Self.writeFeed(to: small, items: 1, filler: 1_000, element: ("<description>", "</description>"))
        try Self.writeFeed(to: huge, items: 1_000, filler: 100_000, element: ("<description>", "</description>"))
        let hugeSize = try Self.size(of: huge)
        #expect(hugeSize > 100_000_000)

        let baseline = try Self.parse(small, in: directory)
        let refused = try Self.parse(huge, in: directory)

        #expect(baseline.status == 0)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the document is \(hugeSize) bytes, over the limit of 33554432 bytes"))
        #expect(refused.peakBytes - baseline.peakBytes < hugeSize / 10)
    }

    @Test(.enabled(if: binary != nil, "the feedwatch executable was not built beside the tests"))
    func aFeedUnderTheCapIsStreamedWithoutASecondCopyOfTheDocument() throws {
        let directory = try TemporaryDirectory()
        let small = URL(fileURLWithPath: directory.path).appending(path: "small.xml")
        let large = URL(fileURLWithPath: directory.path).appending(path: "large.xml")
        let archive = (open: "<archive:transcript>", close: "</archive:transcript>")
        try Self.writeFeed(to: small, items: 1, filler: 1_000, element: archive)
        // 300 items of 100 KB: 30 MB, under the default cap of 32 MiB. The transcripts are read and dropped.
        try Self.writeFeed(to: large, items: 300, filler: 100_000, element: archive)
        let largeSize = try Self.size(of: large)

        let baseline = try Self.parse(small, in: directory)
        let parsed = try Self.parse(large, in: directory)

        #expect(parsed.status == 0, "\(parsed.standardError)")
        // The mapped document itself becomes resident as it is read; a parse that built a tree, or kept the
        // transcripts, would need a second copy of it on top.
        #expect(parsed.peakBytes - baseline.peakBytes < largeSize * 3 / 2)
    }
}
