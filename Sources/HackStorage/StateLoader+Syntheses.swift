import HackDomain

/// Rebuilds syntheses: retained lists by revision, then revisions by challenge,
/// then the current rows, each read once in key order.
extension StateLoader {
    func loadSyntheses(into state: inout HackState) throws(SQLiteError) {
        let retainedRows = try database.prepare("""
            SELECT challenge_id, revision, idea_id, reason FROM synthesis_retained ORDER BY challenge_id, revision, position
            """)
        var retained: [Int64: [Int: [RetainedIdea]]] = [:]
        while try retainedRows.step() {
            retained[retainedRows.int64(at: 0), default: [:]][retainedRows.int(at: 1), default: []]
                .append(RetainedIdea(ideaId: retainedRows.int64(at: 2), reason: retainedRows.string(at: 3)))
        }

        let revisionRows = try database.prepare("""
            SELECT challenge_id, revision, summary, next_steps, author, at, signed_by, signed_at
            FROM synthesis_revisions ORDER BY challenge_id, revision
            """)
        var revisions: [Int64: [Synthesis]] = [:]
        while try revisionRows.step() {
            let challengeId = revisionRows.int64(at: 0)
            guard let challenge = state.challenge(id: challengeId) else { continue }
            let number = revisionRows.int(at: 1)
            let signedAt = revisionRows.optionalInt64(at: 7)
            revisions[challengeId, default: []].append(Synthesis(
                challengeId: challengeId, eventSlug: challenge.eventSlug, territorySlug: challenge.territorySlug,
                summary: revisionRows.string(at: 2), retained: retained[challengeId]?[number] ?? [],
                nextSteps: revisionRows.string(at: 3), revision: number, author: revisionRows.string(at: 4),
                updatedAt: revisionRows.int64(at: 5), signedRevision: signedAt == nil ? 0 : number,
                signedBy: revisionRows.optionalString(at: 6) ?? "", signedAt: signedAt))
        }

        let rows = try database.prepare("""
            SELECT challenge_id, summary, next_steps, revision, author, updated_at, signed_revision, signed_by, signed_at
            FROM syntheses ORDER BY challenge_id
            """)
        while try rows.step() {
            let challengeId = rows.int64(at: 0)
            guard let challenge = state.challenge(id: challengeId) else { continue }
            let revision = rows.int(at: 3)
            state.restore(synthesis: Synthesis(
                challengeId: challengeId, eventSlug: challenge.eventSlug, territorySlug: challenge.territorySlug,
                summary: rows.string(at: 1), retained: retained[challengeId]?[revision] ?? [],
                nextSteps: rows.string(at: 2), revision: revision, author: rows.string(at: 4),
                updatedAt: rows.int64(at: 5), signedRevision: rows.int(at: 6), signedBy: rows.string(at: 7),
                signedAt: rows.optionalInt64(at: 8)), revisions: revisions[challengeId] ?? [])
        }
    }
}
