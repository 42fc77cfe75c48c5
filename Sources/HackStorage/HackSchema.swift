/// The schema of hackd's database. Tables are STRICT (types are enforced),
/// timestamps are Unix milliseconds as INTEGER, list items keep their order
/// in a `position` column, and foreign keys tie every row to its parent.
public enum HackSchema {
    public static let migrations: [Migration] = [
        initial, access, runs, judging, syntheses, votes, currentRevisionIsTheIdea, dropIdeasByTeam,
        auditLogWithoutAutoincrement,
    ]

    static let initial = Migration(name: "0001_initial", sql: """
        CREATE TABLE events (
            slug TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            venue TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            date TEXT NOT NULL,
            theme TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE phases (
            event_slug TEXT NOT NULL REFERENCES events (slug),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            planned_start TEXT,
            duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
            PRIMARY KEY (event_slug, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE territories (
            slug TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            representative_name TEXT NOT NULL,
            representative_role TEXT NOT NULL
        ) STRICT;

        CREATE TABLE challenges (
            id INTEGER PRIMARY KEY,
            event_slug TEXT NOT NULL REFERENCES events (slug),
            territory_slug TEXT NOT NULL REFERENCES territories (slug),
            title TEXT NOT NULL,
            context TEXT NOT NULL,
            UNIQUE (event_slug, territory_slug),
            UNIQUE (id, event_slug)
        ) STRICT;

        CREATE TABLE challenge_themes (
            challenge_id INTEGER NOT NULL REFERENCES challenges (id),
            position INTEGER NOT NULL,
            theme TEXT NOT NULL,
            PRIMARY KEY (challenge_id, position)
        ) STRICT, WITHOUT ROWID;

        -- A team belongs to its challenge's event: the composite key makes that a constraint.
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            event_slug TEXT NOT NULL,
            challenge_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (event_slug, name),
            UNIQUE (id, challenge_id),
            FOREIGN KEY (challenge_id, event_slug) REFERENCES challenges (id, event_slug)
        ) STRICT;
        CREATE INDEX teams_by_challenge ON teams (challenge_id);

        CREATE TABLE team_members (
            team_id INTEGER NOT NULL REFERENCES teams (id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (team_id, position)
        ) STRICT, WITHOUT ROWID;

        -- An idea answers its team's challenge: the composite key makes that a constraint.
        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL,
            challenge_id INTEGER NOT NULL,
            title TEXT NOT NULL,
            pitch TEXT NOT NULL,
            body TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            FOREIGN KEY (team_id, challenge_id) REFERENCES teams (id, challenge_id)
        ) STRICT;
        CREATE INDEX ideas_by_team ON ideas (team_id, challenge_id);

        CREATE TABLE idea_revisions (
            idea_id INTEGER NOT NULL REFERENCES ideas (id),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            title TEXT NOT NULL,
            pitch TEXT NOT NULL,
            body TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (idea_id, revision)
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX challenges_by_territory ON challenges (territory_slug);
        """)
}
