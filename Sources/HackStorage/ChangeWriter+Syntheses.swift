import HackDomain

/// Rows for syntheses: a save upserts the current row and inserts its revision
/// (a revision written twice is a constraint error); a co-signature updates the
/// current row and signs its revision.
extension ChangeWriter {
    func writeSaved(_ synthesis: Synthesis) throws(SQLiteError) {
        try upsertCurrent(synthesis)
        let revision = try database.cached("""
            INSERT INTO synthesis_revisions (challenge_id, revision, summary, next_steps, author, at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        try revision.bind(
            .integer(synthesis.challengeId), .integer(Int64(synthesis.revision)), .text(synthesis.summary),
            .text(synthesis.nextSteps), .text(synthesis.author), .integer(synthesis.updatedAt))
        try revision.run()
        let retained = try database.cached("""
            INSERT INTO synthesis_retained (challenge_id, revision, position, idea_id, reason) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, item) in synthesis.retained.enumerated() {
            retained.reset()
            try retained.bind(
                .integer(synthesis.challengeId), .integer(Int64(synthesis.revision)), .integer(Int64(position)),
                .integer(item.ideaId), .text(item.reason))
            try retained.run()
        }
    }

    func writeCoSigned(_ synthesis: Synthesis) throws(SQLiteError) {
        try upsertCurrent(synthesis)
        let sign = try database.cached("""
            UPDATE synthesis_revisions SET signed_by = ?, signed_at = ? WHERE challenge_id = ? AND revision = ?
            """)
        try sign.bind(
            .text(synthesis.signedBy), synthesis.signedAt.map { .integer($0) } ?? .null,
            .integer(synthesis.challengeId), .integer(Int64(synthesis.signedRevision)))
        try sign.run()
    }

    private func upsertCurrent(_ synthesis: Synthesis) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO syntheses (challenge_id, summary, next_steps, revision, author, updated_at,
                signed_revision, signed_by, signed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (challenge_id) DO UPDATE SET summary = excluded.summary, next_steps = excluded.next_steps,
                revision = excluded.revision, author = excluded.author, updated_at = excluded.updated_at,
                signed_revision = excluded.signed_revision, signed_by = excluded.signed_by, signed_at = excluded.signed_at
            """)
        try row.bind(
            .integer(synthesis.challengeId), .text(synthesis.summary), .text(synthesis.nextSteps),
            .integer(Int64(synthesis.revision)), .text(synthesis.author), .integer(synthesis.updatedAt),
            .integer(Int64(synthesis.signedRevision)), .text(synthesis.signedBy),
            synthesis.signedAt.map { .integer($0) } ?? .null)
        try row.run()
    }
}
