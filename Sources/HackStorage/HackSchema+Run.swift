extension HackSchema {
    /// The runs of events (issue 4): the append-only list of each event's run
    /// transitions. The run in memory is their fold, so nothing else is stored;
    /// `seq` numbers an event's transitions from 0, in the order they happened.
    static let runs = Migration(name: "0003_runs", sql: """
        CREATE TABLE run_transitions (
            event_slug TEXT NOT NULL REFERENCES events (slug),
            seq INTEGER NOT NULL CHECK (seq >= 0),
            kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'unscheduled', 'started', 'phase_started',
                'paused', 'resumed', 'extended', 'skipped', 'finished')),
            at_ms INTEGER NOT NULL,
            phase_index INTEGER NOT NULL CHECK (phase_index >= 0),
            delta_ms INTEGER NOT NULL,
            start_at_ms INTEGER NOT NULL,
            by_name TEXT NOT NULL,
            PRIMARY KEY (event_slug, seq)
        ) STRICT, WITHOUT ROWID;
        """)
}
