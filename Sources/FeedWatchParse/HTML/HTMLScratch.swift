/// The byte buffers one parse reuses for every HTML field it sanitizes, so that a feed of many items does not
/// allocate (and grow) two output buffers per description. Owned by one parse at a time.
final class HTMLScratch {
    /// The sanitized markup's buffer.
    var html = TextBuffer()
    /// The plain text's buffer.
    var text = CollapsedText()
}
