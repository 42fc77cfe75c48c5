import HackDomain

/// Rows for event runs.
extension ChangeWriter {
    /// Appends the change's transitions after those already stored: they are
    /// the last `transitions.count` of the run's history. A transition
    /// written twice is a constraint error, not a duplicate.
    func append(_ transitions: [RunTransition], of run: EventRun, eventSlug: String) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO run_transitions (event_slug, seq, kind, at_ms, phase_index, delta_ms, start_at_ms, by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let first = run.history.count - transitions.count
        for (offset, transition) in transitions.enumerated() {
            row.reset()
            try row.bind(
                .text(eventSlug), .integer(Int64(first + offset)), .text(transition.kind.rawValue), .integer(transition.at),
                .integer(Int64(transition.phaseIndex)), .integer(transition.deltaMs), .integer(transition.startAt),
                .text(transition.by))
            try row.run()
        }
    }
}
