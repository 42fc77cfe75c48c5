import CSQLite
import HackDomain

/// Turns decided changes into rows. Snapshots are upserted (so replaying a
/// change is harmless); ordered children (phases, themes, members) are
/// replaced whole. An idea's row is its current revision: an edit first
/// moves the row it replaces to `idea_revisions`, and an edit that does not
/// follow the stored revision (one recorded twice) is a constraint error
/// rather than a silent overwrite.
struct ChangeWriter {
    let database: SQLiteDatabase

    func write(_ change: Change) throws(SQLiteError) {
        switch change {
        case .eventCreated(let event), .eventUpdated(let event):
            try upsert(event)
        case .territoryCreated(let territory), .territoryUpdated(let territory):
            try upsert(territory)
        case .challengeCreated(let challenge), .challengeUpdated(let challenge):
            try upsert(challenge)
        case .teamCreated(let team), .teamUpdated(let team):
            try upsert(team)
        case .ideaCreated(let idea):
            try upsert(idea)
        case .ideaUpdated(let idea):
            try keepRevision(replacedBy: idea)
            try upsert(idea)
        case .tokenIssued(let token), .tokenRevoked(let token):
            try upsert(token)
        case .runChanged(let slug, let run, let transitions):
            try append(transitions, of: run, eventSlug: slug)
        case .voterCodesIssued(_, let codes):
            try insert(codes)
        case .voteCast(let vote):
            try insert(vote)
        case .rubricSet(let rubric):
            try upsert(rubric)
        case .ideaScored(let score):
            try upsert(score)
        case .synthesisSaved(let synthesis):
            try writeSaved(synthesis)
        case .synthesisCoSigned(let synthesis):
            try writeCoSigned(synthesis)
        }
    }

    private func upsert(_ event: Event) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name, venue = excluded.venue,
                time_zone = excluded.time_zone, date = excluded.date, theme = excluded.theme,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            """)
        try row.bind(
            .text(event.slug), .text(event.name), .text(event.venue), .text(event.timeZone),
            .text(event.date.description), .text(event.theme), .integer(event.createdAt), .integer(event.updatedAt))
        try row.run()

        let clear = try database.cached("DELETE FROM phases WHERE event_slug = ?")
        try clear.bind(.text(event.slug))
        try clear.run()
        let phase = try database.cached("""
            INSERT INTO phases (event_slug, position, kind, name, planned_start, duration_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in event.agenda.enumerated() {
            phase.reset()
            try phase.bind(
                .text(event.slug), .integer(Int64(position)), .text(item.kind.rawValue), .text(item.name),
                item.plannedStart.map { .text($0.description) } ?? .null, .integer(item.durationMs))
            try phase.run()
        }
    }

    private func upsert(_ territory: Territory) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO territories (slug, name, representative_name, representative_role) VALUES (?, ?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name,
                representative_name = excluded.representative_name, representative_role = excluded.representative_role
            """)
        try row.bind(
            .text(territory.slug), .text(territory.name),
            .text(territory.representative.name), .text(territory.representative.role))
        try row.run()
    }

    private func upsert(_ challenge: Challenge) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO challenges (id, event_slug, territory_slug, title, context) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET event_slug = excluded.event_slug,
                territory_slug = excluded.territory_slug, title = excluded.title, context = excluded.context
            """)
        try row.bind(
            .integer(challenge.id), .text(challenge.eventSlug), .text(challenge.territorySlug),
            .text(challenge.title), .text(challenge.context))
        try row.run()

        let clear = try database.cached("DELETE FROM challenge_themes WHERE challenge_id = ?")
        try clear.bind(.integer(challenge.id))
        try clear.run()
        let theme = try database.cached("INSERT INTO challenge_themes (challenge_id, position, theme) VALUES (?, ?, ?)")
        for (position, text) in challenge.themes.enumerated() {
            theme.reset()
            try theme.bind(.integer(challenge.id), .integer(Int64(position)), .text(text))
            try theme.run()
        }
    }

    /// A team's event and challenge never change: an update sets its name
    /// only, and refuses to move it. Its key (id, challenge_id) then never
    /// changes either, so SQLite need not look for ideas under the old one.
    private func upsert(_ team: Team) throws(SQLiteError) {
        let sql: StaticString = """
            INSERT INTO teams (id, event_slug, challenge_id, name) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            WHERE teams.event_slug = excluded.event_slug AND teams.challenge_id = excluded.challenge_id
            """
        let row = try database.cached(sql)
        try row.bind(.integer(team.id), .text(team.eventSlug), .integer(team.challengeId), .text(team.name))
        try runChangingOneRow(row, sql, else: "a team's event and challenge never change")

        let clear = try database.cached("DELETE FROM team_members WHERE team_id = ?")
        try clear.bind(.integer(team.id))
        try clear.run()
        let member = try database.cached("INSERT INTO team_members (team_id, position, name, role) VALUES (?, ?, ?, ?)")
        for (position, person) in team.members.enumerated() {
            member.reset()
            try member.bind(.integer(team.id), .integer(Int64(position)), .text(person.name), .text(person.role))
            try member.run()
        }
    }

    /// An edit sets the text and revision only: an idea never changes team or
    /// challenge (the update refuses to), so SQLite checks neither its
    /// foreign key to the team nor the votes that refer to it by
    /// (id, challenge_id), as it must whenever those columns are set.
    private func upsert(_ idea: Idea) throws(SQLiteError) {
        let sql: StaticString = """
            INSERT INTO ideas (id, team_id, challenge_id, title, pitch, body, revision, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, pitch = excluded.pitch, body = excluded.body, revision = excluded.revision,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            WHERE ideas.team_id = excluded.team_id AND ideas.challenge_id = excluded.challenge_id
            """
        let row = try database.cached(sql)
        try row.bind(
            .integer(idea.id), .integer(idea.teamId), .integer(idea.challengeId), .text(idea.title),
            .text(idea.pitch), .text(idea.body), .integer(Int64(idea.revision)),
            .integer(idea.createdAt), .integer(idea.updatedAt))
        try runChangingOneRow(row, sql, else: "an idea's team and challenge never change")
    }

    /// Copies the stored row, which `idea` replaces, to the earlier revisions
    /// (at its creation for revision 1, else at its last edit, as
    /// `IdeaRevision(recording:)`). It must be revision `idea.revision - 1`.
    private func keepRevision(replacedBy idea: Idea) throws(SQLiteError) {
        let sql: StaticString = """
            INSERT INTO idea_revisions (idea_id, revision, title, pitch, body, at)
            SELECT id, revision, title, pitch, body, CASE revision WHEN 1 THEN created_at ELSE updated_at END
            FROM ideas WHERE id = ? AND revision = ?
            """
        let row = try database.cached(sql)
        try row.bind(.integer(idea.id), .integer(Int64(idea.revision - 1)))
        try runChangingOneRow(row, sql, else: "the stored idea is not the revision this edit replaces")
    }

    /// Runs a write that must change exactly one row; any other count is a
    /// constraint error named by `message` (the rule the rows broke).
    private func runChangingOneRow(_ row: Statement, _ sql: StaticString, else message: String) throws(SQLiteError) {
        try row.run()
        guard database.changes == 1 else {
            throw SQLiteError(code: SQLITE_CONSTRAINT, message: message, sql: sql.description)
        }
    }
}
