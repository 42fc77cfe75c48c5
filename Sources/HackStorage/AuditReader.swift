import HackDomain

/// Reads the audit log. One query per shape, so an event's entries walk the
/// `(event_slug, id)` index instead of an `? IS NULL OR …` scan.
struct AuditReader {
    let database: SQLiteDatabase

    func entries(eventSlug: String?, since: Millis, limit: Int) throws(SQLiteError) -> [AuditEntry] {
        let query: Statement
        if let eventSlug {
            query = try database.cached("""
                SELECT id, at, token_id, token_name, method, event_slug, target, summary
                FROM audit_log WHERE event_slug = ? AND at >= ? ORDER BY id LIMIT ?
                """)
            try query.bind(.text(eventSlug), .integer(since), .integer(Int64(limit)))
        } else {
            query = try database.cached("""
                SELECT id, at, token_id, token_name, method, event_slug, target, summary
                FROM audit_log WHERE at >= ? ORDER BY id LIMIT ?
                """)
            try query.bind(.integer(since), .integer(Int64(limit)))
        }
        defer { query.reset() }  // a cached statement must not hold its read open between calls
        var entries: [AuditEntry] = []
        while try query.step() {
            entries.append(AuditEntry(
                id: query.int64(at: 0), at: query.int64(at: 1), tokenId: query.optionalInt64(at: 2),
                tokenName: query.string(at: 3), method: query.string(at: 4), eventSlug: query.optionalString(at: 5),
                target: query.string(at: 6), summary: query.string(at: 7)))
        }
        return entries
    }
}
