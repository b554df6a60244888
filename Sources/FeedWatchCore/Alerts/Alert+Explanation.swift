public import Foundation

extension Alert {
    /// Why an alert fired, in terms a user can check against the evidence.
    ///
    /// Every field is optional: each kind fills the ones that apply. A `status_change` names its cue phrase and
    /// sentence and the outlets that reported it; a `surge` the observed and expected counts; a `new_actor` the
    /// entity and the role the report gave it (as its cue); a `tone_shift` the tone before and after.
    public struct Explanation: Sendable, Equatable, Codable {
        /// The cue phrase that decided the status, as written in the first report; for a `new_actor`, the role the
        /// report gave the entity (`turkish defence minister`).
        public var cue: String?
        /// The sentence of the first report that holds the cue.
        public var cueSentence: String?
        /// The independent outlets behind the alert, in the order they reported; wire copies count once.
        public var sources: [String]
        /// How sure feedwatch is, 0…1.
        public var confidence: Double
        /// What was observed: items in the surge window, mentions of a new actor, or items in the tone window.
        public var observed: Int?
        /// What the topic's baseline expected for the same window, for surges.
        public var expected: Double?
        /// The entity a `new_actor` alert is about.
        public var entity: String?
        /// The baseline tone (VADER compound, −1…1), for tone shifts.
        public var toneBefore: Double?
        /// The recent tone (VADER compound, −1…1), for tone shifts.
        public var toneAfter: Double?

        /// Creates an explanation.
        ///
        /// - Parameters:
        ///   - cue: The cue phrase, for status changes.
        ///   - cueSentence: The sentence holding the cue.
        ///   - sources: The independent outlets behind the alert.
        ///   - confidence: How sure feedwatch is, 0…1.
        ///   - observed: The observed count.
        ///   - expected: The baseline's expected count.
        ///   - entity: The new actor.
        ///   - toneBefore: The baseline tone.
        ///   - toneAfter: The recent tone.
        public init(
            cue: String? = nil,
            cueSentence: String? = nil,
            sources: [String] = [],
            confidence: Double,
            observed: Int? = nil,
            expected: Double? = nil,
            entity: String? = nil,
            toneBefore: Double? = nil,
            toneAfter: Double? = nil
        ) {
            self.cue = cue
            self.cueSentence = cueSentence
            self.sources = sources
            self.confidence = confidence
            self.observed = observed
            self.expected = expected
            self.entity = entity
            self.toneBefore = toneBefore
            self.toneAfter = toneAfter
        }

        private enum CodingKeys: String, CodingKey {
            case cue
            case cueSentence = "cue_sentence"
            case sources, confidence, observed, expected, entity
            case toneBefore = "tone_before"
            case toneAfter = "tone_after"
        }
    }
}
