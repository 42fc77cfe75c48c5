extension HackSchema {
    /// Tokens and the audit log (issue 3).
    ///
    /// A token keeps only the hash of its secret (a BLOB of exactly 32 bytes,
    /// unique so the server may look a presented secret up by it); tokens are
    /// never deleted, revoking sets `revoked_at`. A juror's challenges are a
    /// child table, ordered like the other lists, so each id is a real foreign key.
    ///
    /// The audit log has no foreign keys on purpose: it records what was said at
    /// the time (the token's name is copied) and must never make a commit fail.
    /// Ids increase forever, so "since id" never repeats one (AUTOINCREMENT
    /// here; since 0009 a plain rowid in a log triggers keep append-only).
    static let access = Migration(name: "0002_access", sql: """
        CREATE TABLE tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL
                CHECK (role IN ('admin', 'organiser', 'moderator', 'territory', 'juror', 'team', 'observer')),
            event_slug TEXT REFERENCES events (slug),
            territory_slug TEXT REFERENCES territories (slug),
            team_id INTEGER REFERENCES teams (id),
            secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER,
            issued_by INTEGER REFERENCES tokens (id),
            CHECK ((role = 'admin') = (event_slug IS NULL))
        ) STRICT;
        CREATE INDEX tokens_by_event ON tokens (event_slug);

        CREATE TABLE token_challenges (
            token_id INTEGER NOT NULL REFERENCES tokens (id),
            position INTEGER NOT NULL,
            challenge_id INTEGER NOT NULL REFERENCES challenges (id),
            PRIMARY KEY (token_id, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            token_id INTEGER,
            token_name TEXT NOT NULL,
            method TEXT NOT NULL,
            event_slug TEXT,
            target TEXT NOT NULL,
            summary TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_by_event ON audit_log (event_slug, id);
        """)
}
