/// Who may judge, and who may read the judging. Scores name jurors and
/// rankings decide what a territory retains, so until restitution only those
/// who run the event or the challenge's table see them.
extension Access {
    /// A juror of the idea's event assigned to its challenge. The conflict of
    /// interest (their own team's idea) is not part of it: the domain refuses
    /// that with FAILED_PRECONDITION naming the conflict (see `conflictOfInterest`).
    /// `challenge` must be the idea's; given another, the answer is no.
    public static func mayScoreIdea(_ p: Principal, _ i: Idea, challenge: Challenge) -> Bool {
        guard challenge.id == i.challengeId else { return false }
        return p.grant.role == .juror && p.grant.eventSlug == challenge.eventSlug
            && p.grant.challengeIds.contains(challenge.id)
    }

    /// Every score of the challenge: the event's organiser (and admin), the
    /// moderator and the representative of its territory (they write its synthesis).
    public static func mayReadAllScores(_ p: Principal, challenge: Challenge) -> Bool {
        mayManageEvent(p, event: challenge.eventSlug) || holdsTable(p, of: challenge)
    }

    /// Whether `p` may list the challenge's scores at all: those above, and its
    /// jurors (who then see only their own, see `mayReadScore`).
    public static func mayListScores(_ p: Principal, challenge: Challenge) -> Bool {
        mayReadAllScores(p, challenge: challenge) || isJuror(p, of: challenge)
    }

    /// One score of the challenge: those who read them all, and the juror who gave it.
    public static func mayReadScore(_ p: Principal, _ s: Score, challenge: Challenge) -> Bool {
        guard s.challengeId == challenge.id else { return false }
        return mayReadAllScores(p, challenge: challenge)
            || (isJuror(p, of: challenge) && p.token.id == s.jurorTokenId)
    }

    /// The challenge's ranking: who reads all its scores; once restitution has
    /// begun (`isPublic`, see `HackState.isPublished`), anyone of the event.
    public static func mayReadRanking(_ p: Principal, challenge: Challenge, isPublic: Bool) -> Bool {
        mayReadAllScores(p, challenge: challenge) || (isPublic && mayReadEvent(p, event: challenge.eventSlug))
    }

    /// A juror of the event: what is left for them to score.
    public static func mayTrackProgress(_ p: Principal, event: String) -> Bool {
        p.grant.role == .juror && p.grant.eventSlug == event
    }

    /// The moderator or the representative of the challenge's territory, in its event.
    private static func holdsTable(_ p: Principal, of c: Challenge) -> Bool {
        (p.grant.role == .moderator || p.grant.role == .territory)
            && p.grant.eventSlug == c.eventSlug && p.grant.territorySlug == c.territorySlug
    }

    private static func isJuror(_ p: Principal, of c: Challenge) -> Bool {
        p.grant.role == .juror && p.grant.eventSlug == c.eventSlug && p.grant.challengeIds.contains(c.id)
    }
}
