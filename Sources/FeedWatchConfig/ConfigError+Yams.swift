internal import Yams

extension ConfigError {
    /// Translates an error from the YAML parser into a located configuration error.
    ///
    /// - Parameters:
    ///   - yamlError: The error Yams threw while composing the document.
    ///   - file: The configuration file's path, as the user gave it.
    /// - Returns: A `.syntax` error, or a `.duplicate` error for a key written twice in one mapping.
    static func fromYAML(_ yamlError: any Error, file: String) -> ConfigError {
        guard let yamlError = yamlError as? YamlError else {
            return ConfigError(code: .syntax, file: file, message: "invalid YAML: \(yamlError).")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return ConfigError(
                code: .syntax,
                file: file,
                line: mark.line,
                column: mark.column,
                message: message + ". Check the indentation and quoting around this place."
            )
        case .reader(let problem, let offset, _, let yaml):
            let position = offset.map { Self.lineAndColumn(ofUTF8Offset: $0, in: yaml) }
            return ConfigError(
                code: .syntax,
                file: file,
                line: position?.line,
                column: position?.column,
                message: "invalid YAML text: \(problem)."
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigError(
                code: .duplicate,
                file: file,
                line: context.mark.line,
                column: context.mark.column,
                message: "key \(names) is written more than once in the same mapping. Keep only one."
            )
        default:
            return ConfigError(code: .syntax, file: file, message: "invalid YAML: \(yamlError).")
        }
    }

    private static func lineAndColumn(ofUTF8Offset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
