import HackDomain
import HackProtocol

// Rubrics, scores, rankings and progress as they travel.

extension Hack_V1_Rubric {
    init(_ rubric: Rubric) {
        self.init()
        eventSlug = rubric.eventSlug
        criteria = rubric.criteria.map { criterion in
            Hack_V1_Criterion.with {
                $0.key = criterion.key
                $0.name = criterion.name
                $0.weight = UInt32(criterion.weight)
                $0.description_p = criterion.description
            }
        }
        scaleMin = UInt32(rubric.scaleMin)
        scaleMax = UInt32(rubric.scaleMax)
    }
}

extension Rubric {
    /// The wire rubric as given; the domain checks every rule but the count,
    /// which is checked here first so an oversized list is not converted.
    init(_ rubric: Hack_V1_Rubric) throws(RPCError) {
        let count = InputLimits.rubricCriteriaCount
        guard count.contains(rubric.criteria.count) else {
            throw .invalid("rubric.criteria", "must list between \(count.lowerBound) and \(count.upperBound) criteria")
        }
        self.init(
            eventSlug: rubric.eventSlug,
            criteria: rubric.criteria.map {
                Criterion(key: $0.key, name: $0.name, weight: Int($0.weight), description: $0.description_p)
            },
            scaleMin: Int(rubric.scaleMin), scaleMax: Int(rubric.scaleMax))
    }
}

extension Hack_V1_Score {
    init(_ score: Score) {
        self.init()
        ideaID = UInt64(score.ideaId)
        challengeID = UInt64(score.challengeId)
        jurorTokenID = UInt64(score.jurorTokenId)
        jurorName = score.jurorName
        values = score.values.map { value in
            Hack_V1_CriterionScore.with {
                $0.criterion = value.criterion
                $0.value = UInt32(value.value)
            }
        }
        total = score.total
        revision = UInt32(score.revision)
        updatedAtMs = score.updatedAt
    }
}

extension Hack_V1_Ranking {
    /// With each idea's title and team, looked up in `state`.
    init(_ ranking: ChallengeRanking, in state: HackState) {
        self.init()
        challengeID = UInt64(ranking.challengeId)
        territorySlug = state.challenge(id: ranking.challengeId)?.territorySlug ?? ""
        jurors = UInt32(ranking.jurors)
        ideas = ranking.ideas.map { ranked in
            let idea = state.idea(id: ranked.ideaId)
            return Hack_V1_RankedIdea.with {
                $0.rank = UInt32(ranked.rank)
                $0.tied = ranked.tied
                $0.ideaID = UInt64(ranked.ideaId)
                $0.title = idea?.title ?? ""
                $0.teamID = UInt64(idea?.teamId ?? 0)
                $0.teamName = idea.flatMap { state.team(id: $0.teamId)?.name } ?? ""
                $0.normalized = ranked.normalized
                $0.rawMean = ranked.rawMean
                $0.scores = UInt32(ranked.scores)
                $0.criterionMeans = ranked.criterionMeans
            }
        }
    }
}

extension Hack_V1_JurorProgress {
    init(_ progress: JurorProgress) {
        self.init()
        jurorTokenID = UInt64(progress.jurorTokenId)
        ideasToScore = UInt32(progress.ideasToScore)
        scored = UInt32(progress.scored)
        left = progress.left.map(UInt64.init)
    }
}

extension Change {
    var rubric: Rubric? {
        if case .rubricSet(let rubric) = self { rubric } else { nil }
    }

    var score: Score? {
        if case .ideaScored(let score) = self { score } else { nil }
    }
}
