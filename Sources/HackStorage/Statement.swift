import CSQLite

/// A prepared statement. Bind with 1-based indexes, read columns with 0-based
/// ones (SQLite's own conventions). Not thread-safe: owned by one connection.
public final class Statement {
    let handle: OpaquePointer
    public let sql: String
    private let database: OpaquePointer
    /// Where `bind(_:)` copies its texts for SQLite to read in place
    /// (SQLITE_STATIC) until they are bound again: SQLite's own copy of each
    /// (SQLITE_TRANSIENT) costs an allocation and a free. A text that does
    /// not fit is copied by SQLite.
    private let textArena = UnsafeMutableRawPointer.allocate(byteCount: Statement.textArenaBytes, alignment: 8)
    private var textArenaUsed = 0
    static let textArenaBytes = 4096

    init(database: OpaquePointer, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteError(code: code, message: String(cString: sqlite3_errmsg(database)), sql: sql)
        }
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
        textArena.deallocate()
    }

    // MARK: Binding

    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    public func bind(_ value: Int, at index: Int32) throws(SQLiteError) {
        try bind(Int64(value), at: index)
    }

    public func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds UTF-8 bytes with their length, so text (even with NUL) round-trips exactly.
    public func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        var text = value
        let code = text.withUTF8 { bytes in
            sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), hackd_sqlite_transient())
        }
        try check(code)
    }

    /// Binds a copy of the text made in the arena, which SQLite reads in
    /// place; a text that does not fit is bound as `bind(_:at:)` binds it.
    private func bindInArena(_ value: String, at index: Int32) throws(SQLiteError) {
        var text = value
        let code = text.withUTF8 { bytes -> Int32? in
            guard let source = bytes.baseAddress, bytes.count <= Self.textArenaBytes - textArenaUsed else { return nil }
            let target = textArena + textArenaUsed
            target.copyMemory(from: source, byteCount: bytes.count)
            textArenaUsed += bytes.count
            return sqlite3_bind_text(handle, index, target.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        }
        guard let code else { return try bind(value, at: index) }
        try check(code)
    }

    /// Binds bytes as a BLOB (an empty array is a zero-length BLOB, not NULL).
    public func bind(_ value: [UInt8], at index: Int32) throws(SQLiteError) {
        let code = value.withUnsafeBytes { bytes in
            sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), hackd_sqlite_transient())
        }
        try check(code)
    }

    public func bindNull(at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(handle, index))
    }

    public func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds values to every parameter, 1, 2, … in order: none keeps a
    /// value from the statement's last run (`reset` leaves bindings in
    /// place), so a wrong count is a programming error.
    public func bind(_ values: StatementValue...) throws(SQLiteError) {
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)),
                     "\(values.count) values for the parameters of: \(sql)")
        textArenaUsed = 0  // every text bound before is bound again below
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let integer): try bind(integer, at: index)
            case .real(let real): try bind(real, at: index)
            case .text(let text): try bindInArena(text, at: index)
            case .blob(let bytes): try bind(bytes, at: index)
            case .null: try bindNull(at: index)
            }
        }
    }

    // MARK: Stepping

    /// Advances to the next row: true while there is one.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    /// Runs a statement that returns no rows.
    public func run() throws(SQLiteError) {
        while try step() {}
    }

    /// Makes the statement ready to run again. The bindings stay until
    /// replaced: clearing them freed SQLite's copies of the texts one by one
    /// (1,500 instructions of a durable write), and every run binds anew.
    public func reset() {
        sqlite3_reset(handle)
    }

    // MARK: Columns

    public func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    public func int(at column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    public func double(at column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    public func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column's text decoded from its exact UTF-8 bytes; "" for NULL.
    public func string(at column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func optionalString(at column: Int32) -> String? {
        isNull(at: column) ? nil : string(at: column)
    }

    public func optionalInt64(at column: Int32) -> Int64? {
        isNull(at: column) ? nil : int64(at: column)
    }

    /// The column's bytes; empty for NULL or a zero-length BLOB.
    public func blob(at column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    // MARK: Errors

    private func check(_ code: Int32) throws(SQLiteError) {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(database), message: String(cString: sqlite3_errmsg(database)), sql: sql)
            .withCodeFallback(code)
    }
}

/// A value to bind, for the variadic `bind(_:)`.
public enum StatementValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

extension SQLiteError {
    /// Keeps the connection's extended code when it refines the returned one.
    func withCodeFallback(_ returned: Int32) -> SQLiteError {
        code & 0xFF == returned & 0xFF ? self : SQLiteError(code: returned, message: message, sql: sql)
    }
}
