/// The VADER lexicon: the mean valence (−4…4) human raters gave each of about 7,500 words and emoticons.
///
/// The data is the lexicon of vaderSentiment 3.3.2 (MIT License; see `ThirdParty/vaderSentiment`), kept as
/// `Resources/tone-lexicon.tsv` with its generator.
public enum ToneLexicon {
    /// The valence of each lower-cased token.
    public static let valences: [String: Double] = {
        var table: [String: Double] = [:]
        table.reserveCapacity(7_600)
        for line in EmbeddedResources.toneLexicon.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let value = Double(fields[1]) else {
                continue
            }
            table[String(fields[0])] = value
        }
        return table
    }()

    /// Words that strengthen (positive) or weaken (negative) the sentiment word after them.
    public static let boosters: [String: Double] = {
        let increase = 0.293
        let decrease = -0.293
        var table: [String: Double] = [:]
        for word in [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
            "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally",
            "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking",
            "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella",
            "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
            "particularly", "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total",
            "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
        ] {
            table[word] = increase
        }
        for word in [
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
            "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of",
        ] {
            table[word] = decrease
        }
        return table
    }()

    /// Words that negate the sentiment word within three words after them.
    public static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
        "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh",
        "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont",
        "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    /// Phrases whose valence VADER fixes regardless of their words.
    public static let specialCases: [String: Double] = [
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0, "yeah right": -2,
        "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
    ]
}
