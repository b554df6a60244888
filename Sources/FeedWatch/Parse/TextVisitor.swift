/// Collects only the text of an HTML fragment, skipping the content of elements a reader never sees.
struct TextVisitor: HTMLVisitor {
    var text = CollapsedText()

    mutating func open(_ name: String, attributes: [(name: String, value: String)]) -> Bool {
        let kind = HTMLElementKind.of(name)
        if kind.contains(.hidden) {
            return false
        }
        if kind.contains(.block) {
            text.boundary()
        }
        return true
    }

    mutating func close(_ name: String) {
        if HTMLElementKind.of(name).contains(.block) {
            text.boundary()
        }
    }

    mutating func text(_ characters: String) {
        text.append(characters)
    }
}
