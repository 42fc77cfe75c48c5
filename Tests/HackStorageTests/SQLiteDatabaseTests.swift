import CSQLite
@testable import HackStorage
import Testing

@Suite struct SQLiteDatabaseTests {
    @Test func openingSetsDurabilityPragmas() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            #expect(try database.scalarText("PRAGMA journal_mode") == "wal")
            #expect(try database.scalarInt64("PRAGMA synchronous") == 2)  // FULL
            #expect(try database.scalarInt64("PRAGMA foreign_keys") == 1)
            #expect(try database.scalarInt64("PRAGMA busy_timeout") > 0)
        }
    }

    @Test func typedBindingsRoundTrip() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: "CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT)")
            let insert = try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
            try insert.bind(Int64.max, at: 1)
            try insert.bind(0.25, at: 2)
            try insert.bind("a\u{0}é\u{1F600}e\u{301}", at: 3)
            try insert.bind(nil as String?, at: 4)
            try insert.run()
            let select = try database.prepare("SELECT i, r, s, n FROM t")
            #expect(try select.step())
            #expect(select.int64(at: 0) == Int64.max)
            #expect(select.double(at: 1) == 0.25)
            #expect(Array(select.string(at: 2).unicodeScalars) == Array("a\u{0}é\u{1F600}e\u{301}".unicodeScalars))
            #expect(select.isNull(at: 3))
            #expect(select.optionalString(at: 3) == nil)
            #expect(try select.step() == false)
        }
    }

    /// A cached statement keeps its bindings across a reset, so each run
    /// binds every parameter anew: a rerun never inherits an old value.
    @Test func aCachedStatementRunsWithItsNewBindingsOnly() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: "CREATE TABLE t (a TEXT, b TEXT)")
            for values in [("Zoé", "Ana"), ("Aurélien", nil)] {
                let insert = try database.cached("INSERT INTO t VALUES (?, ?)")
                try insert.bind(.text(values.0), values.1.map { .text($0) } ?? .null)
                try insert.run()
            }
            let rows = try database.prepare("SELECT a, b FROM t ORDER BY rowid")
            var found: [[String?]] = []
            while try rows.step() { found.append([rows.string(at: 0), rows.optionalString(at: 1)]) }
            #expect(found == [["Zoé", "Ana"], ["Aurélien", nil]])
        }
    }

    /// Texts bound together are copied side by side for SQLite to read in
    /// place, the ones past the room left copied by SQLite: every one reads
    /// back exactly, run after run of the same statement.
    @Test func textsBoundTogetherRoundTripWhateverTheirSize() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c TEXT)")
            let room = Statement.textArenaBytes
            let rows: [[String]] = [
                ["Zoé", "", "a\u{0}é\u{1F600}e\u{301}"],
                [String(repeating: "é", count: room / 4), String(repeating: "x", count: room / 2), "après"],
                [String(repeating: "y", count: room + 1), "court", String(repeating: "z", count: room)],
                ["", "", ""],
            ]
            for row in rows {
                let insert = try database.cached("INSERT INTO t VALUES (?, ?, ?)")
                try insert.bind(.text(row[0]), .text(row[1]), .text(row[2]))
                try insert.run()
            }
            let select = try database.prepare("SELECT a, b, c FROM t ORDER BY rowid")
            var found: [[String]] = []
            while try select.step() { found.append([select.string(at: 0), select.string(at: 1), select.string(at: 2)]) }
            #expect(found.count == rows.count)
            for (got, sent) in zip(found, rows) {
                #expect(got.map { Array($0.utf8) } == sent.map { Array($0.utf8) })
            }
        }
    }

    @Test func bindingFewerValuesThanParametersIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            try withDatabasePath { path in
                let database = try SQLiteDatabase(path: path)
                try database.execute(sql: "CREATE TABLE t (a TEXT, b TEXT)")
                try database.cached("INSERT INTO t VALUES (?, ?)").bind(.text("seul"))
            }
        }
    }

    @Test func transactionRollsBackWhenItsBodyThrows() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY)")
            #expect(throws: SQLiteError.self) {
                try database.transaction { () throws(SQLiteError) in
                    try database.execute(sql: "INSERT INTO t VALUES ('kept?')")
                    try database.execute(sql: "INSERT INTO t VALUES ('kept?')")
                }
            }
            #expect(try database.scalarInt64("SELECT count(*) FROM t") == 0)
        }
    }

    @Test func errorsCarryCodeMessageAndSQLButNotBoundValues() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY)")
            let insert = try database.prepare("INSERT INTO t (k) VALUES (?)")
            try insert.bind("secret-value", at: 1)
            try insert.run()
            insert.reset()
            try insert.bind("secret-value", at: 1)
            let error = try #require(throws: SQLiteError.self) { try insert.run() }
            #expect(error.code == SQLiteError.Code.constraintPrimaryKey)
            #expect(error.isConstraintViolation)
            #expect(error.sql == "INSERT INTO t (k) VALUES (?)")
            #expect(error.message.contains("UNIQUE constraint failed: t.k"))
            #expect(!error.description.contains("secret-value"))

            let syntax = try #require(throws: SQLiteError.self) { try database.prepare("SELEC 1") }
            #expect(syntax.primaryCode == SQLITE_ERROR)
            #expect(syntax.sql == "SELEC 1")
        }
    }

    @Test func closedDatabaseRefusesWork() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            database.close()
            #expect(!database.isOpen)
            let error = try #require(throws: SQLiteError.self) { try database.execute(sql: "SELECT 1") }
            #expect(error.code == SQLITE_MISUSE)
        }
    }
}
