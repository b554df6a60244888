import Foundation
import PackagePlugin

/// Embeds a target's data files in its code at build time, so the data stays a plain file in the repository (with
/// its licence and its generator beside it) and the built binary still needs nothing beside it at run time.
///
/// Every `Resources/NAME.tsv` of the target becomes `EmbeddedResources.name` (the name in lower camel case), a
/// string holding the file's text, in a generated Swift file. The target declares `enum EmbeddedResources {}` and
/// excludes its `Resources` folder from its sources. SwiftPM's own `.embedInCode` writes the bytes as an array
/// literal, which takes the compiler about 25 s for the 100 kB tone lexicon; a raw string literal takes well under 1 s.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? any SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "Resources")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { name in
            let input = folder.appending(path: name)
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources+\(name).swift")
            // The file's text goes between `###"""` lines: a raw string that no data line can end.
            let quotes = String(repeating: "\"", count: 3)
            let script = [
                #"{ printf '// Generated at build time from %s; do not edit.\n\n' "$3""#,
                #"printf 'extension EmbeddedResources {\n    static let %s = ###"# + quotes + #"\n' "$4""#,
                #"cat "$1""#,
                "printf '" + quotes + #"###\n}\n'; } > "$2""#,
            ].joined(separator: "\n")
            return .buildCommand(
                displayName: "Embedding \(name) in \(target.name)",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", input.path(), output.path(), name, Self.identifier(name)],
                inputFiles: [input],
                outputFiles: [output]
            )
        }
    }

    /// `tone-lexicon.tsv` → `toneLexicon`.
    static func identifier(_ fileName: String) -> String {
        let words = fileName.dropLast(".tsv".count).split { !$0.isLetter && !$0.isNumber }
        return words.enumerated().map { $0.offset == 0 ? $0.element.lowercased() : $0.element.capitalized }.joined()
    }
}
