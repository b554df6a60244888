/// The analysis's data files (`Resources/*.tsv`: the VADER tone lexicon and the country gazetteer), each a string
/// holding the file's text, embedded at build time by the `EmbedResources` plugin and parsed once, on first use.
enum EmbeddedResources {}
