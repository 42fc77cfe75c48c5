extension HackSchema {
    /// The audit log without AUTOINCREMENT: it made every entry read and
    /// rewrite the log's row in `sqlite_sequence`, about 6% of the
    /// instructions of an idea's durable write. A plain rowid differs only
    /// when the newest rows are deleted or renumbered; the log is
    /// append-only, now enforced by triggers, so ids still only increase and
    /// "since id" never repeats one. Entries keep their ids.
    static let auditLogWithoutAutoincrement = Migration(name: "0009_audit_log_without_autoincrement", sql: """
        CREATE TABLE audit_log_0009 (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            token_id INTEGER,
            token_name TEXT NOT NULL,
            method TEXT NOT NULL,
            event_slug TEXT,
            target TEXT NOT NULL,
            summary TEXT NOT NULL
        ) STRICT;
        INSERT INTO audit_log_0009 (id, at, token_id, token_name, method, event_slug, target, summary)
            SELECT id, at, token_id, token_name, method, event_slug, target, summary FROM audit_log ORDER BY id;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_0009 RENAME TO audit_log;
        CREATE INDEX audit_log_by_event ON audit_log (event_slug, id);
        DELETE FROM sqlite_sequence WHERE name = 'audit_log';
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """)
}
