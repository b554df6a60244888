/// Collects only the text of an HTML fragment, skipping the content of elements a reader never sees.
struct TextVisitor: HTMLVisitor, ~Copyable {
    var text = CollapsedText()

    mutating func open(_ tag: HTMLTag, attributes: HTMLAttributes) -> Bool {
        if tag.kind.contains(.hidden) {
            return false
        }
        if tag.kind.contains(.block) {
            text.boundary()
        }
        return true
    }

    mutating func close(_ tag: HTMLTag) {
        if tag.kind.contains(.block) {
            text.boundary()
        }
    }

    mutating func text(_ characters: UnsafeBufferPointer<UInt8>) {
        text.append(characters)
    }
}
