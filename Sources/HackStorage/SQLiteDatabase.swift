import CSQLite

/// One SQLite connection. Not thread-safe by itself: `HackStore` owns it
/// behind a mutex, so SQLite's own locking can stay in its cheapest mode.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    /// Statements reused across calls: commits and loads run the same few
    /// over and over. Keyed by where their literal text lives, not by the
    /// text: hashing a few hundred bytes of SQL per row cost more than
    /// finding the statement should.
    private var cachedStatements: [UnsafeRawPointer: Statement] = [:]

    /// Process-wide settings, once, before the first connection initialises
    /// SQLite: no memory statistics (a global mutex per allocation).
    private static let configureSQLite: Void = {
        _ = hackd_sqlite_disable_memory_statistics()  // SQLITE_MISUSE if SQLite already started: statistics stay on
    }()

    /// Opens (creating if needed) the file and sets the pragmas that make a
    /// committed transaction durable: WAL journal, `synchronous=FULL`
    /// (an fsync per commit), enforced foreign keys, and a busy timeout.
    public init(path: String, busyTimeoutMs: Int32 = 5_000) throws(SQLiteError) {
        _ = Self.configureSQLite
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMs)
        do throws(SQLiteError) {
            let mode = try scalarText("PRAGMA journal_mode=WAL")
            guard mode.lowercased() == "wal" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is \(mode), expected wal", sql: "PRAGMA journal_mode=WAL")
            }
            try execute(sql: "PRAGMA synchronous=FULL")
            try execute(sql: "PRAGMA foreign_keys=ON")
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Finalizes cached statements and closes the connection; later calls throw.
    public func close() {
        cachedStatements.removeAll()
        if let handle {
            sqlite3_close_v2(handle)
            self.handle = nil
        }
    }

    public var isOpen: Bool { handle != nil }

    /// Runs one or more statements that take no parameters (schema, pragmas).
    public func execute(sql: String) throws(SQLiteError) {
        let database = try openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(database))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(database), message: text, sql: sql).withCodeFallback(code)
        }
    }

    /// A new statement, finalized when released.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: openHandle(), sql: sql)
    }

    /// A statement from the cache, reset (its next `bind` replaces every
    /// binding). Its SQL is a literal, so the cache holds a fixed set.
    public func cached(_ sql: StaticString) throws(SQLiteError) -> Statement {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let statement = cachedStatements[key] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql.description)
        cachedStatements[key] = statement
        return statement
    }

    /// The first column of the first row as text ("" if none).
    public func scalarText(_ sql: String) throws(SQLiteError) -> String {
        let statement = try prepare(sql)
        return try statement.step() ? statement.string(at: 0) : ""
    }

    /// The first column of the first row as an integer (0 if none).
    public func scalarInt64(_ sql: String) throws(SQLiteError) -> Int64 {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(at: 0) : 0
    }

    /// Rows modified by the last INSERT, UPDATE or DELETE.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    /// `BEGIN IMMEDIATE` takes the write lock up front so a writer never fails mid-way on a busy lock.
    public func transaction<T>(
        _ kind: TransactionKind = .immediate, _ body: () throws(SQLiteError) -> T
    ) throws(SQLiteError) -> T {
        try execute(sql: kind.beginSQL)
        let result: T
        do throws(SQLiteError) {
            result = try body()
            try execute(sql: "COMMIT")
        } catch {
            try? execute(sql: "ROLLBACK")
            throw error
        }
        return result
    }

    private func openHandle() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError.closed }
        return handle
    }
}

/// How a transaction takes its locks.
public enum TransactionKind: Sendable {
    /// Reads see one snapshot; a write upgrades the lock later.
    case deferred
    /// Takes the write lock at BEGIN.
    case immediate

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        }
    }
}
