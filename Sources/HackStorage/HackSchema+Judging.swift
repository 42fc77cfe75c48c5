extension HackSchema {
    /// Judging (issue 5): each event's rubric with its criteria in order, and
    /// each juror's score of an idea with its values in the rubric's order.
    /// One score per (idea, juror): scoring again replaces the row (its
    /// revision counts the changes). The total is stored as computed when
    /// scored, so a reload ranks exactly as the server did.
    static let judging = Migration(name: "0004_judging", sql: """
        CREATE TABLE rubrics (
            event_slug TEXT PRIMARY KEY NOT NULL REFERENCES events (slug),
            scale_min INTEGER NOT NULL CHECK (scale_min >= 0),
            scale_max INTEGER NOT NULL CHECK (scale_max > scale_min AND scale_max <= 100)
        ) STRICT;

        CREATE TABLE rubric_criteria (
            event_slug TEXT NOT NULL REFERENCES rubrics (event_slug),
            position INTEGER NOT NULL CHECK (position >= 0),
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
            description TEXT NOT NULL,
            PRIMARY KEY (event_slug, position),
            UNIQUE (event_slug, key)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE scores (
            idea_id INTEGER NOT NULL REFERENCES ideas (id),
            juror_token_id INTEGER NOT NULL REFERENCES tokens (id),
            challenge_id INTEGER NOT NULL REFERENCES challenges (id),
            juror_name TEXT NOT NULL,
            total REAL NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (idea_id, juror_token_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX scores_by_juror ON scores (juror_token_id);

        CREATE TABLE score_values (
            idea_id INTEGER NOT NULL,
            juror_token_id INTEGER NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 0),
            criterion TEXT NOT NULL,
            value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100),
            PRIMARY KEY (idea_id, juror_token_id, position),
            FOREIGN KEY (idea_id, juror_token_id) REFERENCES scores (idea_id, juror_token_id)
        ) STRICT, WITHOUT ROWID;
        """)
}
