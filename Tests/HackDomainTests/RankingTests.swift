import HackDomain
import Testing

/// Rankings: each juror's totals become z-scores, so a harsh and a generous
/// juror weigh the same; ties share a rank (1, 1, 3); unscored ideas come last.
@Suite struct RankingTests {
    /// Two criteria: "a" weighs 3, "b" weighs 1, on 1–5; a total is (3a + b) / 4.
    static let rubric = Rubric(eventSlug: "e", criteria: [
        Criterion(key: "a", name: "A", weight: 3), Criterion(key: "b", name: "B", weight: 1),
    ], scaleMin: 1, scaleMax: 5)

    static func score(idea: Int64, juror: Int64, a: Int, b: Int) -> Score {
        let values = [CriterionValue(criterion: "a", value: a), CriterionValue(criterion: "b", value: b)]
        return Score(ideaId: idea, challengeId: 1, jurorTokenId: juror, jurorName: "juré \(juror)", values: values,
                     total: rubric.total(of: [a, b]), revision: 1, updatedAt: 0)
    }

    /// The hand-computed example. Harsh juror H (token 1), generous juror G (token 2), ideas 1, 2, 3.
    ///
    ///     totals          idea 1              idea 2              idea 3
    ///     H               a3 b1 → 10/4 = 2.5  a1 b1 → 4/4 = 1.0   a2 b2 → 8/4 = 2.0
    ///     G               a5 b5 → 20/4 = 5.0  a4 b4 → 16/4 = 4.0  a5 b1 → 16/4 = 4.0
    ///
    /// H: mean 5.5/3 = 11/6; deviations 2/3, −5/6, 1/6; variance (16/36 + 25/36 + 1/36)/3 = 7/18;
    ///    sd = √(7/18) = √14/6 ≈ 0.6236096; z = 4/√14 ≈ 1.0690450, −5/√14 ≈ −1.3363062, 1/√14 ≈ 0.2672612.
    /// G: mean 13/3; deviations 2/3, −1/3, −1/3; variance (4/9 + 1/9 + 1/9)/3 = 2/9;
    ///    sd = √2/3 ≈ 0.4714045; z = √2 ≈ 1.4142136, −1/√2 ≈ −0.7071068, −1/√2 ≈ −0.7071068.
    /// normalized (mean of the two z):
    ///    idea 1 = (4/√14 + √2)/2 ≈ 1.2416293, idea 2 = (−5/√14 − 1/√2)/2 ≈ −1.0217065,
    ///    idea 3 = (1/√14 − 1/√2)/2 ≈ −0.2199228 → ranks: idea 1, idea 3, idea 2.
    /// raw means: idea 1 (2.5 + 5)/2 = 3.75, idea 2 (1 + 4)/2 = 2.5, idea 3 (2 + 4)/2 = 3.0.
    /// criterion means: idea 1 a (3+5)/2 = 4, b (1+5)/2 = 3; idea 3 a 3.5, b 1.5; idea 2 a 2.5, b 2.5.
    @Test func harshAndGenerousJurorsWeighTheSame() throws {
        let scores = [
            Self.score(idea: 1, juror: 1, a: 3, b: 1), Self.score(idea: 2, juror: 1, a: 1, b: 1), Self.score(idea: 3, juror: 1, a: 2, b: 2),
            Self.score(idea: 1, juror: 2, a: 5, b: 5), Self.score(idea: 2, juror: 2, a: 4, b: 4), Self.score(idea: 3, juror: 2, a: 5, b: 1),
        ]
        #expect(scores.map(\.total) == [2.5, 1.0, 2.0, 5.0, 4.0, 4.0])
        let ranking = Ranking.rank(challengeId: 1, ideaIds: [1, 2, 3], scores: scores, criteria: ["a", "b"])
        let root14 = 14.0.squareRoot()
        let root2 = 2.0.squareRoot()
        #expect(ranking.challengeId == 1 && ranking.jurors == 2)
        #expect(ranking.ideas.map(\.ideaId) == [1, 3, 2])
        #expect(ranking.ideas.map(\.rank) == [1, 2, 3])
        #expect(ranking.ideas.allSatisfy { !$0.tied && $0.scores == 2 })
        let expected: [(normalized: Double, raw: Double, means: [Double])] = [
            ((4 / root14 + root2) / 2, 3.75, [4, 3]),
            ((1 / root14 - 1 / root2) / 2, 3.0, [3.5, 1.5]),
            ((-5 / root14 - 1 / root2) / 2, 2.5, [2.5, 2.5]),
        ]
        for (idea, want) in zip(ranking.ideas, expected) {
            #expect(abs(idea.normalized - want.normalized) < 1e-9, "idea \(idea.ideaId): \(idea.normalized)")
            #expect(abs(idea.rawMean - want.raw) < 1e-9)
            #expect(idea.criterionMeans.count == 2)
            #expect(zip(idea.criterionMeans, want.means).allSatisfy { abs($0 - $1) < 1e-9 })
        }
        // The decimals of the comment, as a reader would check them.
        #expect(abs(ranking.ideas[0].normalized - 1.2416293) < 1e-7)
        #expect(abs(ranking.ideas[1].normalized - -0.2199228) < 1e-7)
        #expect(abs(ranking.ideas[2].normalized - -1.0217065) < 1e-7)
    }

    /// One juror: ideas 1 and 2 both total 4, idea 3 totals 2 → z 1/√2, 1/√2, −√2: ranks 1, 1, 3;
    /// idea 4 is unscored: rank 0, listed last.
    @Test func tiesShareARankAndTheNextRankSkips() {
        let scores = [
            Self.score(idea: 2, juror: 1, a: 4, b: 4), Self.score(idea: 1, juror: 1, a: 4, b: 4), Self.score(idea: 3, juror: 1, a: 2, b: 2),
        ]
        let ranking = Ranking.rank(challengeId: 1, ideaIds: [4, 3, 2, 1], scores: scores, criteria: ["a", "b"])
        #expect(ranking.ideas.map(\.ideaId) == [1, 2, 3, 4])
        #expect(ranking.ideas.map(\.rank) == [1, 1, 3, 0])
        #expect(ranking.ideas.map(\.tied) == [true, true, false, false])
        #expect(abs(ranking.ideas[0].normalized - 1 / 2.0.squareRoot()) < 1e-9)
        #expect(ranking.ideas[3] == RankedIdea(ideaId: 4, rank: 0, tied: false, normalized: 0, rawMean: 0, scores: 0, criterionMeans: []))
        #expect(ranking.jurors == 1)
    }

    /// A juror who gave every idea the same total (or scored one idea) has no spread: all their z are 0.
    @Test func aJurorWithoutSpreadCountsZero() {
        let scores = [
            Self.score(idea: 1, juror: 1, a: 3, b: 3), Self.score(idea: 2, juror: 1, a: 3, b: 3),
            Self.score(idea: 1, juror: 2, a: 5, b: 1),
        ]
        let ranking = Ranking.rank(challengeId: 1, ideaIds: [1, 2], scores: scores, criteria: ["a", "b"])
        #expect(ranking.ideas.map(\.normalized) == [0, 0])
        #expect(ranking.ideas.map(\.rank) == [1, 1])
        #expect(ranking.ideas.map(\.rawMean) == [3.5, 3.0])
    }

    @Test func scoresOfOtherIdeasAreIgnored() {
        let ranking = Ranking.rank(challengeId: 1, ideaIds: [1], scores: [Self.score(idea: 9, juror: 1, a: 5, b: 5)], criteria: ["a", "b"])
        #expect(ranking.jurors == 0)
        #expect(ranking.ideas.map(\.rank) == [0])
    }

    @Test func theStateRanksEachChallengeOnItsOwn() throws {
        typealias J = JudgingFixtures
        var state = try J.day()
        try J.score(1, by: J.aurelie, J.all(2), on: &state)
        try J.score(2, by: J.aurelie, J.all(4), on: &state)
        try J.score(3, by: J.bernard, J.all(5), on: &state)
        let first = try #require(state.ranking(eventSlug: J.slug, challengeId: 1))
        #expect(first.ideas.map(\.ideaId) == [2, 1] && first.jurors == 1)
        #expect(first.ideas[0].criterionMeans == [4, 4, 4, 4])
        let second = try #require(state.ranking(eventSlug: J.slug, challengeId: 2))
        #expect(second.ideas.map(\.ideaId) == [3] && second.ideas[0].rank == 1 && second.ideas[0].normalized == 0)
        #expect(state.ranking(eventSlug: "hack-2024", challengeId: 1) == nil)
    }

    @Test func rankingsBecomePublicWhenRestitutionBegins() throws {
        typealias F = RunFixtures
        let state = try JudgingFixtures.day()
        #expect(!state.isPublished(eventSlug: F.slug, at: F.paris(13, 30)))
        #expect(!state.isPublished(eventSlug: F.slug, at: F.paris(15, 0) - 1))
        #expect(state.isPublished(eventSlug: F.slug, at: F.paris(15, 0)))
        #expect(state.isPublished(eventSlug: F.slug, at: F.paris(16, 0)))
        #expect(!(try RunFixtures.demo()).isPublished(eventSlug: F.slug, at: F.paris(16, 0)), "a draft never ran")
    }
}
