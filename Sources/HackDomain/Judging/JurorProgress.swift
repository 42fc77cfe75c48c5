/// Where a juror stands: the ideas of their challenges (their own team's
/// excluded: they may not score those), scored or still to score.
public struct JurorProgress: Sendable, Equatable {
    public var jurorTokenId: Int64
    public var ideasToScore: Int
    public var scored: Int
    /// Idea ids still to score, by id.
    public var left: [Int64]

    public init(jurorTokenId: Int64, ideasToScore: Int, scored: Int, left: [Int64]) {
        self.jurorTokenId = jurorTokenId
        self.ideasToScore = ideasToScore
        self.scored = scored
        self.left = left
    }
}

extension HackState {
    /// The progress of `juror` in its event; nothing to score for any other role.
    public func progress(of juror: Principal) -> JurorProgress {
        var progress = JurorProgress(jurorTokenId: juror.token.id, ideasToScore: 0, scored: 0, left: [])
        guard juror.grant.role == .juror, let eventSlug = juror.grant.eventSlug else { return progress }
        var ideas: [Idea] = []
        for challengeId in Set(juror.grant.challengeIds) {
            ideas += self.ideas(eventSlug: eventSlug, challengeId: challengeId, teamId: nil)
        }
        for idea in ideas.sorted(by: { $0.id < $1.id }) where !Access.conflictOfInterest(juror: juror, idea: idea) {
            progress.ideasToScore += 1
            if score(ideaId: idea.id, jurorTokenId: juror.token.id) != nil {
                progress.scored += 1
            } else {
                progress.left.append(idea.id)
            }
        }
        return progress
    }
}
