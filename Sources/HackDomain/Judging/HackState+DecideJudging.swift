/// Deciding the judging commands: an event's rubric and a juror's scores.
extension HackState {
    /// An organiser's rubric. Refused once an idea of the event is scored: a
    /// total means something only against the rubric it was given with.
    func decideSetRubric(_ rubric: Rubric, at now: Millis) throws(DomainError) -> Change {
        try Validate.rubric(rubric)
        guard eventsBySlug[rubric.eventSlug] != nil else {
            throw .notFound("event_slug", "event \"\(rubric.eventSlug)\"")
        }
        try requireOpen(.changeRubric, eventSlug: rubric.eventSlug, at: now)
        let scored = scoreCount(eventSlug: rubric.eventSlug)
        guard scored == 0 else {
            throw .failedPrecondition(
                "rubric",
                "the rubric of event \"\(rubric.eventSlug)\" is locked: \(scored) score\(scored == 1 ? " was" : "s were") already given against it")
        }
        return .rubricSet(rubric)
    }

    /// A juror's score of an idea, during a synthesis phase; a second score
    /// by the same juror replaces the first (revision + 1).
    ///
    /// A juror not assigned to the idea's challenge, or scoring their own
    /// team's idea (conflict of interest), is refused with FAILED_PRECONDITION
    /// naming why: the token is a juror, the idea is what rules it out.
    func decideScore(ideaId: Int64, juror: Principal, values: [CriterionValue], at now: Millis) throws(DomainError) -> Change {
        guard values.count <= InputLimits.rubricCriteriaCount.upperBound else {
            throw .invalid("values", "must list at most \(InputLimits.rubricCriteriaCount.upperBound) values, one per criterion")
        }
        guard let idea = ideasById[ideaId], let challenge = challengesById[idea.challengeId] else {
            throw .notFound("idea_id", "idea \(ideaId)")
        }
        let name = juror.token.name
        guard Access.mayScoreIdea(juror, idea, challenge: challenge) else {
            throw .failedPrecondition(
                "idea_id", "\"\(name)\" is not a juror of challenge \(challenge.id), the challenge of idea \(ideaId)")
        }
        guard !Access.conflictOfInterest(juror: juror, idea: idea) else {
            throw .failedPrecondition(
                "idea_id",
                "conflict of interest: juror \"\(name)\" is a member of team \(idea.teamId), which posted idea \(ideaId); a juror never scores their own team's ideas")
        }
        guard let rubric = judging.rubricsByEvent[challenge.eventSlug] else {
            throw .failedPrecondition(
                "event", "no rubric: event \"\(challenge.eventSlug)\" has no rubric yet (an organiser sets one with Judging/SetRubric)")
        }
        try requireOpen(.scoreIdea, eventSlug: challenge.eventSlug, at: now)
        let ordered = try Validate.scoreValues(values, against: rubric)
        let previous = score(ideaId: ideaId, jurorTokenId: juror.token.id)
        return .ideaScored(Score(
            ideaId: ideaId, challengeId: challenge.id, jurorTokenId: juror.token.id, jurorName: name,
            values: ordered, total: rubric.total(of: ordered.map(\.value)),
            revision: (previous?.revision ?? 0) + 1, updatedAt: now))
    }
}
