/// One named step of the schema. Names are recorded once applied, so a
/// migration runs once per database file; never edit one that has shipped,
/// append a new one instead.
public struct Migration: Sendable, Equatable {
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

/// Applies migrations in order, each in its own transaction together with
/// its record in `schema_migrations`, so a crash never leaves one half-applied.
public enum Migrator {
    static let createLedgerSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name TEXT PRIMARY KEY NOT NULL,
            applied_at INTEGER NOT NULL
        ) STRICT
        """

    /// Applies the migrations not yet recorded; returns their names.
    @discardableResult
    public static func migrate(
        _ database: SQLiteDatabase, _ migrations: [Migration], at now: Int64
    ) throws(SQLiteError) -> [String] {
        try database.execute(sql: createLedgerSQL)
        let applied = Set(try appliedNames(database))
        var newlyApplied: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try database.transaction { () throws(SQLiteError) in
                try database.execute(sql: migration.sql)
                let record = try database.cached("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")
                try record.bind(.text(migration.name), .integer(now))
                try record.run()
            }
            newlyApplied.append(migration.name)
        }
        return newlyApplied
    }

    /// The names recorded so far, in the order they were applied.
    public static func appliedNames(_ database: SQLiteDatabase) throws(SQLiteError) -> [String] {
        let query = try database.prepare("SELECT name FROM schema_migrations ORDER BY rowid")
        var names: [String] = []
        while try query.step() {
            names.append(query.string(at: 0))
        }
        return names
    }
}
