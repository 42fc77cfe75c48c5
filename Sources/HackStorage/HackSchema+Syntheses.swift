extension HackSchema {
    /// Syntheses (issue 5): each challenge's current synthesis with its co-signature,
    /// and every revision with its retained ideas in order. The current row repeats
    /// its latest revision's text (so it reads in one row); its retained list is that
    /// revision's. A revision's signature is set when that revision is co-signed.
    static let syntheses = Migration(name: "0005_syntheses", sql: """
        CREATE TABLE syntheses (
            challenge_id INTEGER PRIMARY KEY NOT NULL REFERENCES challenges (id),
            summary TEXT NOT NULL,
            next_steps TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            author TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            signed_revision INTEGER NOT NULL CHECK (signed_revision >= 0 AND signed_revision <= revision),
            signed_by TEXT NOT NULL,
            signed_at INTEGER,
            CHECK ((signed_revision = 0) = (signed_at IS NULL))
        ) STRICT;

        CREATE TABLE synthesis_revisions (
            challenge_id INTEGER NOT NULL REFERENCES challenges (id),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            summary TEXT NOT NULL,
            next_steps TEXT NOT NULL,
            author TEXT NOT NULL,
            at INTEGER NOT NULL,
            signed_by TEXT,
            signed_at INTEGER,
            PRIMARY KEY (challenge_id, revision),
            CHECK ((signed_by IS NULL) = (signed_at IS NULL))
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE synthesis_retained (
            challenge_id INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 0),
            idea_id INTEGER NOT NULL REFERENCES ideas (id),
            reason TEXT NOT NULL,
            PRIMARY KEY (challenge_id, revision, position),
            FOREIGN KEY (challenge_id, revision) REFERENCES synthesis_revisions (challenge_id, revision)
        ) STRICT, WITHOUT ROWID;
        """)
}
