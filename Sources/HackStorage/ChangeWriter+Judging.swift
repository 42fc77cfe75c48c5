import HackDomain

/// Rows for rubrics and scores. Both are snapshots: the row is upserted and
/// its ordered children (criteria, values) are replaced whole.
extension ChangeWriter {
    func upsert(_ rubric: Rubric) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO rubrics (event_slug, scale_min, scale_max) VALUES (?, ?, ?)
            ON CONFLICT (event_slug) DO UPDATE SET scale_min = excluded.scale_min, scale_max = excluded.scale_max
            """)
        try row.bind(.text(rubric.eventSlug), .integer(Int64(rubric.scaleMin)), .integer(Int64(rubric.scaleMax)))
        try row.run()

        let clear = try database.cached("DELETE FROM rubric_criteria WHERE event_slug = ?")
        try clear.bind(.text(rubric.eventSlug))
        try clear.run()
        let criterion = try database.cached("""
            INSERT INTO rubric_criteria (event_slug, position, key, name, weight, description) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in rubric.criteria.enumerated() {
            criterion.reset()
            try criterion.bind(
                .text(rubric.eventSlug), .integer(Int64(position)), .text(item.key), .text(item.name),
                .integer(Int64(item.weight)), .text(item.description))
            try criterion.run()
        }
    }

    func upsert(_ score: Score) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO scores (idea_id, juror_token_id, challenge_id, juror_name, total, revision, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (idea_id, juror_token_id) DO UPDATE SET challenge_id = excluded.challenge_id,
                juror_name = excluded.juror_name, total = excluded.total, revision = excluded.revision,
                updated_at = excluded.updated_at
            """)
        try row.bind(
            .integer(score.ideaId), .integer(score.jurorTokenId), .integer(score.challengeId), .text(score.jurorName),
            .real(score.total), .integer(Int64(score.revision)), .integer(score.updatedAt))
        try row.run()

        let clear = try database.cached("DELETE FROM score_values WHERE idea_id = ? AND juror_token_id = ?")
        try clear.bind(.integer(score.ideaId), .integer(score.jurorTokenId))
        try clear.run()
        let value = try database.cached("""
            INSERT INTO score_values (idea_id, juror_token_id, position, criterion, value) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, item) in score.values.enumerated() {
            value.reset()
            try value.bind(
                .integer(score.ideaId), .integer(score.jurorTokenId), .integer(Int64(position)), .text(item.criterion),
                .integer(Int64(item.value)))
            try value.run()
        }
    }
}
