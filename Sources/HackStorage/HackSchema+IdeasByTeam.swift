extension HackSchema {
    /// `ideas_by_team` served only SQLite's foreign-key check of the ideas
    /// when a team's key (id, challenge_id) changes, and it never does: a
    /// team's event and challenge are fixed (the teams upsert refuses to
    /// change them), and teams are never deleted. Every new idea paid an entry
    /// in it, on a leaf page of its own team: a third of the WAL pages a
    /// commit of new ideas wrote. Nothing reads ideas by team from SQL.
    static let dropIdeasByTeam = Migration(name: "0008_drop_ideas_by_team", sql: """
        DROP INDEX ideas_by_team;
        """)
}
