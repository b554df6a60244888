import FeedWatchConfig
import FeedWatchCore
public import Foundation

extension Analyzer {
    /// Where an item went among a topic's stories.
    public struct StoryPlacement: Sendable, Equatable {
        /// The story the item belongs to (for an item that starts none, the id it would have had).
        public var storyID: String
        /// The article the item is a version or a copy of, or its own.
        public var articleID: String
        /// Whether the item is a copy or an update of an article already in the story.
        public var revision: StoryMatcher.Revision?
        /// The dedupe key of the article's version the item updates, when it is an update.
        public var updateOf: String?
        /// Whether the item started a new story.
        public var isNewStory: Bool
    }

    /// Places an item in a topic's stories, updating them and the topic's vocabulary.
    ///
    /// In order:
    /// 1. A copy or an update of an article of a story within the window (see
    ///    ``StoryMatcher/nearestArticle(for:at:in:)``) joins that story; an update replaces the article's sketch.
    /// 2. Another report of the same event, in other words (see ``StoryClusterer``), joins the most similar story
    ///    as a new article. Its terms are first mapped through the equivalent words of the topic's preset (see
    ///    ``StoryEquivalents``), so "truce" and "ceasefire" count as one term.
    /// 3. Otherwise the item starts a story, unless it is a syndicated copy (``AnalyzedItem/isCopy``).
    ///
    /// Only new articles that are not syndicated copies are counted in the vocabulary and move a story's centroid.
    ///
    /// - Parameters:
    ///   - item: The analyzed item.
    ///   - topic: The topic's id.
    ///   - entities: The entities the item names, with the topic's aliases applied.
    ///   - time: The item's ordering time.
    ///   - state: The topic's state, updated in place.
    /// - Returns: Where the item went.
    func placeInStory(
        _ item: AnalyzedItem,
        topic: String,
        entities: [String],
        at time: Date,
        state: inout TopicState
    ) -> StoryPlacement {
        storyMatcher.prune(&state.stories, at: time)
        let shingles = item.shingles ?? StoryMatcher.textShingles(of: item.item)
        let sketch = storyMatcher.sketch(shingles)
        let ownID = StableHash.hex([topic, item.globalKey])
        let outlet = item.feed.url
        if let near = storyMatcher.nearestArticle(for: shingles, outlet: outlet, at: time, in: state.stories) {
            let article = state.stories[near.story].articles[near.article]
            Self.join(item, at: time, story: &state.stories[near.story])
            if near.revision == .update {
                let latest = StoryArticle(id: article.id, key: item.dedupeKey, sketch: sketch, outlet: outlet)
                storyMatcher.record(latest, in: &state.stories[near.story])
            }
            return StoryPlacement(
                storyID: state.stories[near.story].id,
                articleID: article.id,
                revision: near.revision,
                updateOf: near.revision == .update ? article.key : nil,
                isNewStory: false
            )
        }
        let frequencies = item.terms ?? Self.termFrequencies(of: item.item)
        let features = storyClusterer.features(
            storyEquivalents(of: topic).canonical(frequencies),
            entities: entities,
            status: item.matches[topic]?.status
        )
        let vector = state.vocabulary.weighted(features)
        if !item.isCopy {
            state.vocabulary.add(features.terms)
        }
        let candidates = state.stories.indices.filter { storyMatcher.isWithinWindow(state.stories[$0], at: time) }
        if let best = storyClusterer.bestStory(
            for: vector,
            entities: state.vocabulary.distinctive(StoryClusterer.entityTerms(entities)),
            at: time,
            in: candidates.map { state.stories[$0] },
            // A report of a status the topic is not in is news of its own, not a follow-up of an earlier event; and
            // shared names are evidence only once the topic has enough articles to tell rare names from common.
            followingUp: (item.matches[topic]?.status.map { $0 == state.status } ?? true)
                && state.vocabulary.documentCount >= StoryVocabulary.distinctiveMinimum
        ) {
            let index = candidates[best.index]
            Self.join(item, at: time, story: &state.stories[index])
            if !item.isCopy {
                let story = state.stories[index]
                state.stories[index].profile = storyClusterer.centroid(
                    story.profile,
                    adding: vector,
                    articles: story.profileCount
                )
                state.stories[index].profileCount += 1
                storyMatcher.record(
                    StoryArticle(id: ownID, key: item.dedupeKey, sketch: sketch, outlet: outlet),
                    in: &state.stories[index]
                )
            }
            return StoryPlacement(
                storyID: state.stories[index].id,
                articleID: ownID,
                revision: nil,
                updateOf: nil,
                isNewStory: false
            )
        }
        if !item.isCopy {
            var story = StoryState(
                id: ownID,
                title: item.item.title,
                firstAt: time,
                lastAt: time,
                itemCount: 1,
                shingles: sketch,
                profile: storyClusterer.centroid(of: vector),
                tone: item.tone
            )
            story.articles[0].key = item.dedupeKey
            story.articles[0].outlet = outlet
            storyMatcher.insert(story, into: &state.stories)
        }
        return StoryPlacement(storyID: ownID, articleID: ownID, revision: nil, updateOf: nil, isNewStory: !item.isCopy)
    }

    /// The table of equivalent words of a topic's status preset (see ``StoryEquivalents/forPreset(_:)``); none
    /// for a topic without a preset or with its own states.
    func storyEquivalents(of topic: String) -> StoryEquivalents {
        guard let index = compiledIndex[topic], compiled[index].configuration.states.isEmpty else {
            return .none
        }
        return StoryEquivalents.forPreset(compiled[index].configuration.status)
    }

    /// The term frequencies of an item, for items analyzed without them.
    static func termFrequencies(of item: FeedItem) -> TermVector {
        StoryClusterer.frequencies(
            title: TextNormalizer.tokens(item.title ?? ""),
            text: TextNormalizer.tokens(item.summary ?? "") + TextNormalizer.tokens(item.content ?? "")
        )
    }

    private static func join(_ item: AnalyzedItem, at time: Date, story: inout StoryState) {
        story.lastAt = max(story.lastAt, time)
        story.itemCount += 1
        let previous = story.tone ?? item.tone
        story.tone = previous + (item.tone - previous) / Double(story.itemCount)
    }
}
