import HackDomain
import Synchronization

/// hackd's durable store: one SQLite file, one connection behind a mutex.
/// The server decides changes in memory, commits a batch here (one
/// transaction, one fsync), and applies them to its state once this returns.
public final class HackStore: Sendable {
    /// nil once closed.
    private let connection: Mutex<SQLiteDatabase?>
    /// The migrations this open applied (empty when the file was up to date).
    public let migrationsAppliedAtOpen: [String]
    private let path: String

    /// Opens or creates the file and brings its schema up to date.
    public init(path: String, clock: any WallClock = SystemClock()) throws {
        let database = try SQLiteDatabase(path: path)
        self.path = path
        migrationsAppliedAtOpen = try Migrator.migrate(database, HackSchema.migrations, at: clock.now())
        connection = Mutex(database)
    }

    /// Reads every row in one transaction, holding the write lock, and
    /// rebuilds the state (see `StateLoader`). Throws `SQLiteError`.
    /// `ideasInTwoHalvesFrom`: from how many ideas the upper half of the
    /// ids is read on a second connection meanwhile (tests lower it).
    public func loadState(ideasInTwoHalvesFrom: Int = HackStore.ideasInTwoHalvesFrom) throws -> HackState {
        try withDatabase { database throws(SQLiteError) in
            // Reading the whole file once: mapped, SQLite hands out its pages
            // in place instead of copying each with pread. Unmapped after, so
            // the file does not stay counted in the server's memory.
            try database.execute(sql: "PRAGMA mmap_size = \(Self.loadMapBytes)")
            defer { try? database.execute(sql: "PRAGMA mmap_size = 0") }
            // The write lock, so that nothing commits while the state loads
            // and a second connection reading the other half of the ideas
            // sees the same rows as this one.
            return try database.transaction(.immediate) { () throws(SQLiteError) in
                let path = path
                return try StateLoader(database: database, ideasInTwoHalvesFrom: ideasInTwoHalvesFrom,
                                       openSecondConnection: { () throws(SQLiteError) in
                    let second = try SQLiteDatabase(path: path)
                    try second.execute(sql: "PRAGMA mmap_size = \(Self.loadMapBytes)")
                    return second
                }).load()
            }
        }
    }

    /// From this many ideas on, a load reads the upper half of their ids on
    /// a second connection and thread: making a million ideas' strings
    /// (UTF-8 validation and copy) is most of a cold start, and the second
    /// core is otherwise idle then.
    public static let ideasInTwoHalvesFrom = 100_000

    /// How much of the file the load may map (address space, not memory).
    static let loadMapBytes: Int64 = 16 << 30

    /// Writes all changes in one transaction: all are kept, or none (the
    /// error is thrown after rollback). Throws `SQLiteError`.
    public func commit(_ changes: [Change]) throws {
        try commit(changes, audit: [])
    }

    /// Writes the changes, then their audit entries, in ONE transaction: an
    /// accepted change is never missing from the log and the log never records
    /// a change that was rolled back. Entries' ids are ignored (the log numbers
    /// them). Throws `SQLiteError`.
    public func commit(_ changes: [Change], audit: [AuditEntry]) throws {
        guard !changes.isEmpty || !audit.isEmpty else { return }
        try withDatabase { database throws(SQLiteError) in
            try database.transaction(.immediate) { () throws(SQLiteError) in
                let writer = ChangeWriter(database: database)
                for change in changes {
                    try writer.write(change)
                }
                for entry in audit {
                    try writer.insert(entry)
                }
            }
        }
    }

    /// Audit entries at or after `since`, oldest first (by id), at most `limit`
    /// (none when `limit` ≤ 0; the server applies its default before calling).
    /// With an event: only its entries; nil: the whole log, server-wide entries
    /// included. Blocking: call it off the event loop, like `commit`.
    public func auditEntries(eventSlug: String?, since: Millis, limit: Int) throws -> [AuditEntry] {
        guard limit > 0 else { return [] }
        return try withDatabase { database throws(SQLiteError) in
            try AuditReader(database: database).entries(eventSlug: eventSlug, since: since, limit: limit)
        }
    }

    /// The migration names recorded in the file, in the order applied.
    public func appliedMigrations() throws -> [String] {
        try withDatabase { database throws(SQLiteError) in try Migrator.appliedNames(database) }
    }

    /// Closes the connection; later calls throw. Safe to call twice.
    public func close() {
        connection.withLock { database in
            database?.close()
            database = nil
        }
    }

    private func withDatabase<T: Sendable>(
        _ body: (SQLiteDatabase) throws(SQLiteError) -> T
    ) throws(SQLiteError) -> T {
        try connection.withLock { (database) throws(SQLiteError) -> T in
            guard let database else { throw SQLiteError.closed }
            return try body(database)
        }
    }
}
