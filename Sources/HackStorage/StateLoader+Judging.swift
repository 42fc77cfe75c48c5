import HackDomain

/// Loading rubrics and scores, after events, challenges, ideas and tokens.
extension StateLoader {
    func loadJudging(into state: inout HackState) throws(SQLiteError) {
        try loadRubrics(into: &state)
        try loadScores(into: &state)
    }

    private func loadRubrics(into state: inout HackState) throws(SQLiteError) {
        let criteria = try database.prepare("""
            SELECT event_slug, key, name, weight, description FROM rubric_criteria ORDER BY event_slug, position
            """)
        var byEvent: [String: [Criterion]] = [:]
        while try criteria.step() {
            byEvent[criteria.string(at: 0), default: []].append(Criterion(
                key: criteria.string(at: 1), name: criteria.string(at: 2), weight: criteria.int(at: 3),
                description: criteria.string(at: 4)))
        }
        let rows = try database.prepare("SELECT event_slug, scale_min, scale_max FROM rubrics ORDER BY event_slug")
        while try rows.step() {
            let slug = rows.string(at: 0)
            state.restore(rubric: Rubric(
                eventSlug: slug, criteria: byEvent[slug] ?? [], scaleMin: rows.int(at: 1), scaleMax: rows.int(at: 2)))
        }
    }

    /// Scores and their values are both read in key order and merged in one pass.
    private func loadScores(into state: inout HackState) throws(SQLiteError) {
        let values = try database.prepare("""
            SELECT idea_id, juror_token_id, criterion, value FROM score_values ORDER BY idea_id, juror_token_id, position
            """)
        var pending = try values.step()
        let rows = try database.prepare("""
            SELECT idea_id, juror_token_id, challenge_id, juror_name, total, revision, updated_at
            FROM scores ORDER BY idea_id, juror_token_id
            """)
        while try rows.step() {
            let key = (rows.int64(at: 0), rows.int64(at: 1))
            var list: [CriterionValue] = []
            while pending, (values.int64(at: 0), values.int64(at: 1)) <= key {
                if (values.int64(at: 0), values.int64(at: 1)) == key {
                    list.append(CriterionValue(criterion: values.string(at: 2), value: values.int(at: 3)))
                }
                pending = try values.step()
            }
            state.restore(score: Score(
                ideaId: key.0, challengeId: rows.int64(at: 2), jurorTokenId: key.1, jurorName: rows.string(at: 3),
                values: list, total: rows.double(at: 4), revision: rows.int(at: 5), updatedAt: rows.int64(at: 6)))
        }
    }
}
