import Foundation

/// Deciding the commands on syntheses: saves by the territory's moderator,
/// co-signatures by its representative, both only during synthesis.
extension HackState {
    func decideSave(_ draft: SynthesisDraft, author: String, at now: Millis) throws(DomainError) -> Change {
        try Validate.longText(draft.summary, field: "summary", maxLength: InputLimits.synthesisSummaryMaxLength)
        try Validate.longText(draft.nextSteps, field: "next_steps", maxLength: InputLimits.synthesisNextStepsMaxLength)
        guard draft.retained.count <= InputLimits.retainedIdeasMax else {
            throw .invalid("retained", "must list at most \(InputLimits.retainedIdeasMax) ideas")
        }
        for (index, item) in draft.retained.enumerated() {
            let field = "retained[\(index)].reason"
            guard !Validate.isBlank(item.reason) else {
                throw .invalid(field, "must say why the idea is retained")
            }
            try Validate.longText(item.reason, field: field, maxLength: InputLimits.retainedReasonMaxLength)
        }
        guard let challenge = challengesById[draft.challengeId] else {
            throw .notFound("challenge_id", "challenge \(draft.challengeId)")
        }
        try requireOpen(.writeSynthesis, eventSlug: challenge.eventSlug, at: now)
        var seen = Set<Int64>()
        for (index, item) in draft.retained.enumerated() {
            let field = "retained[\(index)].idea_id"
            // One message whether the idea is missing or another challenge's: a moderator
            // learns nothing about the ideas of other territories.
            guard ideasById[item.ideaId]?.challengeId == challenge.id else {
                throw .invalid(field, "idea \(item.ideaId) is not an idea of challenge \(challenge.id)")
            }
            guard seen.insert(item.ideaId).inserted else {
                throw .invalid(field, "idea \(item.ideaId) is retained more than once")
            }
        }
        let previous = synthesesByChallenge[challenge.id]
        let revision = (previous?.revision ?? 0) + 1
        guard revision <= InputLimits.synthesisRevisionsMax else {
            throw .failedPrecondition(
                "challenge_id", "the synthesis of challenge \(challenge.id) already has \(InputLimits.synthesisRevisionsMax) revisions, the limit")
        }
        return .synthesisSaved(Synthesis(
            challengeId: challenge.id, eventSlug: challenge.eventSlug, territorySlug: challenge.territorySlug,
            summary: draft.summary, retained: draft.retained, nextSteps: draft.nextSteps, revision: revision,
            author: author, updatedAt: now, signedRevision: previous?.signedRevision ?? 0,
            signedBy: previous?.signedBy ?? "", signedAt: previous?.signedAt))
    }

    func decideCoSign(challengeId: Int64, revision: Int, by: String, at now: Millis) throws(DomainError) -> Change {
        guard revision > 0 else { throw .invalid("revision", "must be the revision read and approved (1 or more)") }
        guard let challenge = challengesById[challengeId] else { throw .notFound("challenge_id", "challenge \(challengeId)") }
        try requireOpen(.coSignSynthesis, eventSlug: challenge.eventSlug, at: now)
        guard var synthesis = synthesesByChallenge[challengeId] else {
            throw .failedPrecondition("challenge_id", "challenge \(challengeId) has no synthesis to co-sign yet")
        }
        guard revision == synthesis.revision else {
            throw .failedPrecondition("revision", "revision \(revision) is not the latest (\(synthesis.revision))")
        }
        guard synthesis.signedRevision != revision else {
            throw .failedPrecondition("revision", "revision \(revision) is already co-signed by \(synthesis.signedBy)")
        }
        synthesis.signedRevision = revision
        synthesis.signedBy = by
        synthesis.signedAt = now
        return .synthesisCoSigned(synthesis)
    }
}
