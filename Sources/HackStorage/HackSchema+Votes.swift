extension HackSchema {
    /// The audience vote (issue 5). A voter code keeps only the SHA-256 of
    /// the code (32 bytes, unique, so a presented code is found by it); the
    /// code itself is never stored. A code votes once per challenge: the
    /// primary key says so. The vote's idea answers the vote's challenge: the
    /// composite foreign key says so (a unique index on ideas makes it a key).
    static let votes = Migration(name: "0006_votes", sql: """
        CREATE TABLE voter_codes (
            id INTEGER PRIMARY KEY,
            event_slug TEXT NOT NULL REFERENCES events (slug),
            code_hash BLOB NOT NULL UNIQUE CHECK (length(code_hash) = 32),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX voter_codes_by_event ON voter_codes (event_slug);

        CREATE UNIQUE INDEX ideas_by_id_and_challenge ON ideas (id, challenge_id);

        CREATE TABLE votes (
            code_id INTEGER NOT NULL REFERENCES voter_codes (id),
            challenge_id INTEGER NOT NULL,
            idea_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (code_id, challenge_id),
            FOREIGN KEY (idea_id, challenge_id) REFERENCES ideas (id, challenge_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX votes_by_idea ON votes (idea_id);
        """)
}
