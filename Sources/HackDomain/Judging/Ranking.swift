import Foundation

/// One challenge's ideas, best first: scored ideas by rank, then unscored ones.
public struct ChallengeRanking: Sendable, Equatable {
    public var challengeId: Int64
    /// Jurors who scored at least one of its ideas.
    public var jurors: Int
    public var ideas: [RankedIdea]

    public init(challengeId: Int64, jurors: Int, ideas: [RankedIdea]) {
        self.challengeId = challengeId
        self.jurors = jurors
        self.ideas = ideas
    }
}

/// Where one idea stands in its challenge.
public struct RankedIdea: Sendable, Equatable {
    public var ideaId: Int64
    /// 1-based, competition style (1, 1, 3); 0 when nobody scored it.
    public var rank: Int
    /// Shares its rank with another idea.
    public var tied: Bool
    /// Mean over its jurors of their z-score of its total.
    public var normalized: Double
    /// Mean of its totals, on the rubric's scale.
    public var rawMean: Double
    /// How many jurors scored it.
    public var scores: Int
    /// Raw mean per criterion, in the rubric's order; empty when unscored.
    public var criterionMeans: [Double]

    public init(ideaId: Int64, rank: Int, tied: Bool, normalized: Double, rawMean: Double, scores: Int, criterionMeans: [Double]) {
        self.ideaId = ideaId
        self.rank = rank
        self.tied = tied
        self.normalized = normalized
        self.rawMean = rawMean
        self.scores = scores
        self.criterionMeans = criterionMeans
    }
}

/// Ranks a challenge's ideas so that harsh and generous jurors weigh the
/// same: each juror's totals (over the ideas they scored in the challenge)
/// become z-scores, (x − mean) / population sd, all 0 when the juror gave one
/// total only; an idea's `normalized` is the mean of its jurors' z-scores.
/// Pure: the state hands it the ideas and their scores.
public enum Ranking {
    /// Normalized values this close share a rank.
    public static let tieTolerance = 1e-9
    /// A juror's spread at or below this is no spread (equal totals, give or take rounding).
    static let flatSpread = 1e-12

    /// `ideaIds`: every idea of the challenge; `scores`: their scores (others are ignored);
    /// `criteria`: the rubric's keys, in order.
    public static func rank(challengeId: Int64, ideaIds: [Int64], scores: [Score], criteria: [String]) -> ChallengeRanking {
        let ideas = Set(ideaIds)
        let relevant = scores.filter { ideas.contains($0.ideaId) }
        let zScores = zScoresByJurorAndIdea(relevant)

        var scoresByIdea: [Int64: [Score]] = [:]
        for score in relevant { scoresByIdea[score.ideaId, default: []].append(score) }

        var scored: [RankedIdea] = []
        var unscored: [RankedIdea] = []
        for id in ideaIds.sorted() {
            guard let own = scoresByIdea[id], !own.isEmpty else {
                unscored.append(RankedIdea(ideaId: id, rank: 0, tied: false, normalized: 0, rawMean: 0, scores: 0, criterionMeans: []))
                continue
            }
            let count = Double(own.count)
            let normalized = own.reduce(0.0) { $0 + (zScores[$1.jurorTokenId]?[id] ?? 0) } / count
            let rawMean = own.reduce(0.0) { $0 + $1.total } / count
            let means = criteria.map { key in
                own.reduce(0.0) { sum, score in sum + Double(score.values.first { $0.criterion == key }?.value ?? 0) } / count
            }
            scored.append(RankedIdea(ideaId: id, rank: 0, tied: false, normalized: normalized, rawMean: rawMean,
                                     scores: own.count, criterionMeans: means))
        }
        return ChallengeRanking(
            challengeId: challengeId, jurors: Set(relevant.map(\.jurorTokenId)).count,
            ideas: ranked(scored) + unscored)
    }

    /// Juror token id → idea id → the juror's z-score of that idea's total.
    static func zScoresByJurorAndIdea(_ scores: [Score]) -> [Int64: [Int64: Double]] {
        var totals: [Int64: [(idea: Int64, total: Double)]] = [:]
        for score in scores { totals[score.jurorTokenId, default: []].append((score.ideaId, score.total)) }
        return totals.mapValues { given in
            let count = Double(given.count)
            let mean = given.reduce(0.0) { $0 + $1.total } / count
            let variance = given.reduce(0.0) { $0 + ($1.total - mean) * ($1.total - mean) } / count
            let sd = variance.squareRoot()
            var byIdea: [Int64: Double] = [:]
            for (idea, total) in given { byIdea[idea] = sd <= flatSpread ? 0 : (total - mean) / sd }
            return byIdea
        }
    }

    /// Best first; ideas within `tieTolerance` of their group's best share its rank
    /// (then go by id), and the next rank skips the group (1, 1, 3).
    static func ranked(_ ideas: [RankedIdea]) -> [RankedIdea] {
        let sorted = ideas.sorted { $0.normalized != $1.normalized ? $0.normalized > $1.normalized : $0.ideaId < $1.ideaId }
        var result: [RankedIdea] = []
        result.reserveCapacity(sorted.count)
        var start = 0
        while start < sorted.count {
            let best = sorted[start].normalized
            var end = start + 1
            while end < sorted.count, best - sorted[end].normalized <= tieTolerance { end += 1 }
            let group = sorted[start..<end].sorted { $0.ideaId < $1.ideaId }
            for var idea in group {
                idea.rank = start + 1
                idea.tied = group.count > 1
                result.append(idea)
            }
            start = end
        }
        return result
    }
}

extension HackState {
    /// The ranking of one challenge of the event, against the event's rubric
    /// (no criterion means without one); nil if the challenge is not in the event.
    public func ranking(eventSlug: String, challengeId: Int64) -> ChallengeRanking? {
        guard let challenge = challengesById[challengeId], challenge.eventSlug == eventSlug else { return nil }
        let ideas = ideas(eventSlug: eventSlug, challengeId: challengeId, teamId: nil)
        return Ranking.rank(
            challengeId: challengeId, ideaIds: ideas.map(\.id),
            scores: ideas.flatMap { scores(ideaId: $0.id) },
            criteria: rubric(eventSlug: eventSlug)?.criteria.map(\.key) ?? [])
    }
}
