import HackDomain

/// Rebuilds a `HackState` from the tables, parents before children. Each
/// table is read by one statement in key order, and ordered children
/// (phases, themes, members, revisions) are merged in by walking both
/// sorted streams together — no query per row.
struct StateLoader {
    let database: SQLiteDatabase
    /// From this many ideas on, the upper half of the ids is read on a
    /// second connection and thread (`HackStore.ideasInTwoHalvesFrom`).
    let ideasInTwoHalvesFrom: Int
    /// Opens another connection to the same file, for reading many ideas
    /// in two halves at once. The caller holds the write lock while
    /// loading, so both connections see the same rows.
    let openSecondConnection: @Sendable () throws(SQLiteError) -> SQLiteDatabase

    func load() throws(SQLiteError) -> HackState {
        var state = HackState()
        try loadEvents(into: &state)
        try loadRuns(into: &state)
        try loadTerritories(into: &state)
        try loadChallenges(into: &state)
        try loadTeams(into: &state)
        try loadIdeas(into: &state)
        try loadTokens(into: &state)
        try loadVotes(into: &state)
        try loadJudging(into: &state)
        try loadSyntheses(into: &state)
        return state
    }

    private func loadEvents(into state: inout HackState) throws(SQLiteError) {
        let phasesSQL = """
            SELECT event_slug, kind, name, planned_start, duration_ms FROM phases ORDER BY event_slug, position
            """
        let phases = try database.prepare(phasesSQL)
        var agendas: [String: [Phase]] = [:]
        while try phases.step() {
            guard let kind = PhaseKind(rawValue: phases.string(at: 1)) else {
                throw .corrupt("phases.kind: unknown phase kind", sql: phasesSQL)
            }
            var start: LocalTime?
            if let text = phases.optionalString(at: 3) {
                guard let parsed = LocalTime(text) else { throw .corrupt("phases.planned_start: not HH:MM", sql: phasesSQL) }
                start = parsed
            }
            agendas[phases.string(at: 0), default: []].append(
                Phase(kind: kind, name: phases.string(at: 2), plannedStart: start, durationMs: phases.int64(at: 4)))
        }

        let eventsSQL = "SELECT slug, name, venue, time_zone, date, theme, created_at, updated_at FROM events"
        let events = try database.prepare(eventsSQL)
        while try events.step() {
            guard let date = LocalDate(events.string(at: 4)) else {
                throw .corrupt("events.date: not a calendar date", sql: eventsSQL)
            }
            let slug = events.string(at: 0)
            state.restore(event: Event(
                slug: slug, name: events.string(at: 1), venue: events.string(at: 2),
                timeZone: events.string(at: 3), date: date, theme: events.string(at: 5),
                agenda: agendas[slug] ?? [], createdAt: events.int64(at: 6), updatedAt: events.int64(at: 7)))
        }
    }

    private func loadTerritories(into state: inout HackState) throws(SQLiteError) {
        let rows = try database.prepare(
            "SELECT slug, name, representative_name, representative_role FROM territories ORDER BY slug")
        while try rows.step() {
            state.restore(territory: Territory(
                slug: rows.string(at: 0), name: rows.string(at: 1),
                representative: Person(name: rows.string(at: 2), role: rows.string(at: 3))))
        }
    }

    private func loadChallenges(into state: inout HackState) throws(SQLiteError) {
        let themes = try database.prepare(
            "SELECT challenge_id, theme FROM challenge_themes ORDER BY challenge_id, position")
        var pending = try themes.step()
        let rows = try database.prepare(
            "SELECT id, event_slug, territory_slug, title, context FROM challenges ORDER BY id")
        while try rows.step() {
            let id = rows.int64(at: 0)
            var list: [String] = []
            while pending, themes.int64(at: 0) <= id {
                if themes.int64(at: 0) == id { list.append(themes.string(at: 1)) }
                pending = try themes.step()
            }
            state.restore(challenge: Challenge(
                id: id, eventSlug: rows.string(at: 1), territorySlug: rows.string(at: 2),
                title: rows.string(at: 3), context: rows.string(at: 4), themes: list))
        }
    }

    private func loadTeams(into state: inout HackState) throws(SQLiteError) {
        let members = try database.prepare(
            "SELECT team_id, name, role FROM team_members ORDER BY team_id, position")
        var pending = try members.step()
        let rows = try database.prepare("SELECT id, event_slug, challenge_id, name FROM teams ORDER BY id")
        while try rows.step() {
            let id = rows.int64(at: 0)
            var list: [Person] = []
            while pending, members.int64(at: 0) <= id {
                if members.int64(at: 0) == id {
                    list.append(Person(name: members.string(at: 1), role: members.string(at: 2)))
                }
                pending = try members.step()
            }
            state.restore(team: Team(
                id: id, eventSlug: rows.string(at: 1), challengeId: rows.int64(at: 2),
                name: rows.string(at: 3), members: list))
        }
    }

    private func loadTokens(into state: inout HackState) throws(SQLiteError) {
        let challenges = try database.prepare(
            "SELECT token_id, challenge_id FROM token_challenges ORDER BY token_id, position")
        var pending = try challenges.step()
        let sql = """
            SELECT id, name, role, event_slug, territory_slug, team_id, secret_hash, created_at, expires_at,
                revoked_at, issued_by
            FROM tokens ORDER BY id
            """
        let rows = try database.prepare(sql)
        while try rows.step() {
            let id = rows.int64(at: 0)
            guard let role = Role(rawValue: rows.string(at: 2)) else { throw .corrupt("tokens.role: unknown role", sql: sql) }
            var ids: [Int64] = []
            while pending, challenges.int64(at: 0) <= id {
                if challenges.int64(at: 0) == id { ids.append(challenges.int64(at: 1)) }
                pending = try challenges.step()
            }
            let grant = Grant(
                role: role, eventSlug: rows.optionalString(at: 3), territorySlug: rows.optionalString(at: 4),
                teamId: rows.optionalInt64(at: 5), challengeIds: ids)
            state.restore(token: TokenRecord(
                id: id, name: rows.string(at: 1), grant: grant, secretHash: rows.blob(at: 6), createdAt: rows.int64(at: 7),
                expiresAt: rows.optionalInt64(at: 8), revokedAt: rows.optionalInt64(at: 9), issuedBy: rows.optionalInt64(at: 10)))
        }
    }

    private func loadRuns(into state: inout HackState) throws(SQLiteError) {
        let sql = """
            SELECT event_slug, kind, at_ms, phase_index, delta_ms, start_at_ms, by_name
            FROM run_transitions ORDER BY event_slug, seq
            """
        let rows = try database.prepare(sql)
        while try rows.step() {
            guard let kind = RunTransition.Kind(rawValue: rows.string(at: 1)) else {
                throw .corrupt("run_transitions.kind: unknown kind", sql: sql)
            }
            state.restore(runTransition: RunTransition(
                kind, at: rows.int64(at: 2), phaseIndex: Int(rows.int64(at: 3)), deltaMs: rows.int64(at: 4),
                startAt: rows.int64(at: 5), by: rows.string(at: 6)), eventSlug: rows.string(at: 0))
        }
    }
}
