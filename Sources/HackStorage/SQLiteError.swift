import CSQLite

/// The one error storage throws. It carries SQLite's result code and message
/// and the SQL text, never bound values: user data must not leak into logs.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (e.g. 787 = SQLITE_CONSTRAINT_FOREIGNKEY).
    public let code: Int32
    public let message: String
    /// The statement that failed, when there is one.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (e.g. SQLITE_CONSTRAINT = 19), whatever the extension.
    public var primaryCode: Int32 { code & 0xFF }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " [SQL: \(sql)]" }
        return text
    }

    /// Stored data that does not read back as a valid domain value.
    static func corrupt(_ message: String, sql: String?) -> SQLiteError {
        SQLiteError(code: SQLITE_CORRUPT, message: message, sql: sql)
    }

    static let closed = SQLiteError(code: SQLITE_MISUSE, message: "database is closed")
}

extension SQLiteError {
    /// Extended result codes callers test for. Swift cannot import SQLite's
    /// macros for them (they are expressions), so they are spelled out here.
    public enum Code {
        public static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
        public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
        public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    }
}
