import Foundation

/// Guesses the legacy encoding of a document that declares none and is not UTF-8, from its bytes, as chardet does
/// for feedparser: each candidate that decodes the bytes strictly is scored by how much of the text falls in the
/// script it is made for.
///
/// Only reached on the slow path (no byte order mark, no charset, no declaration, invalid UTF-8), so it may decode
/// the document several times.
enum LegacyEncodingGuess {
    /// A candidate encoding and how plausible a decoded text is in it.
    private struct Candidate: Sendable {
        /// The iconv name, also the name reported.
        var name: String
        /// The share (0...1) of the non-ASCII characters that a text in this encoding would mostly hold.
        var score: @Sendable (_ counts: ScriptCounts) -> Double
    }

    /// How many characters of each kind a decoded text holds.
    struct ScriptCounts {
        var nonASCII = 0
        var kana = 0
        var han = 0
        var hangul = 0
        var cjkPunctuation = 0
        var cyrillicLower = 0
        var hebrewLetters = 0
        var thaiConsonants = 0
        /// Non-ASCII characters next to an ASCII letter, as accented letters are in Latin text; a word of Cyrillic,
        /// Hebrew or Thai is non-ASCII throughout.
        var besideASCIILetter = 0

        init(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where scalar.value >= 0x80 {
                nonASCII += 1
                let neighbours = [
                    index > 0 ? scalars[index - 1] : " ", index + 1 < scalars.count ? scalars[index + 1] : " ",
                ]
                if neighbours.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) {
                    besideASCIILetter += 1
                }
                switch scalar.value {
                case 0x3040...0x30FF: kana += 1
                case 0x4E00...0x9FFF: han += 1
                case 0xAC00...0xD7A3: hangul += 1
                case 0x3000...0x303F, 0xFF00...0xFFEF: cjkPunctuation += 1
                case 0x0430...0x044F, 0x0451: cyrillicLower += 1
                case 0x05D0...0x05EA: hebrewLetters += 1
                case 0x0E01...0x0E2E: thaiConsonants += 1
                default: break
                }
            }
        }

        func share(_ count: Int) -> Double {
            nonASCII == 0 ? 0 : Double(count) / Double(nonASCII)
        }

        /// The share of a script's letters, discounted when they sit inside Latin words.
        func alphabetShare(_ count: Int) -> Double {
            share(count) * (1 - share(besideASCIILetter))
        }
    }

    /// In order of preference when two score the same: Windows-1252 (the fallback) first, then a Korean text decodes
    /// as GB 2312 too, and a GB 2312 text as Big5.
    private static let candidates: [Candidate] = [
        Candidate(name: "windows-1252") { $0.share($0.besideASCIILetter) },
        Candidate(name: "SHIFT_JIS") {
            $0.kana * 20 < $0.nonASCII ? 0 : $0.share($0.kana + $0.han + $0.cjkPunctuation)
        },
        Candidate(name: "EUC-JP") { $0.kana * 20 < $0.nonASCII ? 0 : $0.share($0.kana + $0.han + $0.cjkPunctuation) },
        Candidate(name: "EUC-KR") { $0.share($0.hangul) },
        Candidate(name: "GB2312") { $0.share($0.han + $0.cjkPunctuation) },
        Candidate(name: "Big5") { $0.share($0.han + $0.cjkPunctuation) },
        Candidate(name: "KOI8-R") { $0.alphabetShare($0.cyrillicLower) },
        Candidate(name: "windows-1255") { $0.alphabetShare($0.hebrewLetters) },
        Candidate(name: "TIS-620") { $0.alphabetShare($0.thaiConsonants) },
    ]

    /// The most plausible legacy encoding of the bytes.
    ///
    /// - Parameter body: The document, which is not valid UTF-8.
    /// - Returns: The encoding's name (`EUC-JP`, `KOI8-R`, `windows-1252`...), or `nil` when no candidate scores at
    ///   least half.
    static func guess(_ body: Data.SubSequence) -> String? {
        var best: (name: String, score: Double)?
        for candidate in candidates {
            guard let decoded = DocumentDecoder.iconvToUTF8(body, from: candidate.name.uppercased()) else {
                continue
            }
            let score = candidate.score(ScriptCounts(String(decoding: decoded, as: UTF8.self)))
            if score > (best?.score ?? 0.5) {
                best = (candidate.name, score)
            }
        }
        return best?.name
    }
}
