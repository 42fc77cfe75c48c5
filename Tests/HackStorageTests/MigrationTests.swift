import HackDomain
import HackStorage
import Testing

@Suite struct MigrationTests {
    static let tables = [
        "audit_log", "challenge_themes", "challenges", "events", "idea_revisions", "ideas", "phases",
        "run_transitions", "schema_migrations", "sqlite_sequence", "team_members", "teams", "territories", "token_challenges", "tokens",
        "voter_codes", "votes",
        "rubric_criteria", "rubrics", "score_values", "scores",
        "syntheses", "synthesis_retained", "synthesis_revisions",
    ]

    @Test func openingCreatesTheSchemaAndRecordsIt() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path, clock: ManualClock(1_234))
            #expect(store.migrationsAppliedAtOpen == HackSchema.migrations.map(\.name))
            #expect(try store.appliedMigrations() == HackSchema.migrations.map(\.name))
            store.close()

            let database = try SQLiteDatabase(path: path)
            let names = try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var tables: [String] = []
            while try names.step() { tables.append(names.string(at: 0)) }
            #expect(tables == Self.tables.sorted())
            #expect(try database.scalarInt64("SELECT applied_at FROM schema_migrations") == 1_234)
        }
    }

    @Test func reopeningAppliesNothingNew() throws {
        try withDatabasePath { path in
            try HackStore(path: path).close()
            let reopened = try HackStore(path: path)
            #expect(reopened.migrationsAppliedAtOpen.isEmpty)
            #expect(try reopened.appliedMigrations() == HackSchema.migrations.map(\.name))
            reopened.close()
        }
    }

    @Test func onlyNewMigrationsRunInOrder() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            let first = Migration(name: "a", sql: "CREATE TABLE a (x INTEGER)")
            let second = Migration(name: "b", sql: "CREATE TABLE b (x INTEGER); INSERT INTO b VALUES (1)")
            #expect(try Migrator.migrate(database, [first], at: 1) == ["a"])
            #expect(try Migrator.migrate(database, [first, second], at: 2) == ["b"])
            #expect(try Migrator.migrate(database, [first, second], at: 3) == [])
            #expect(try Migrator.appliedNames(database) == ["a", "b"])
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            let broken = Migration(name: "broken", sql: "CREATE TABLE half (x INTEGER); CREATE TABLE half (y INTEGER)")
            #expect(throws: SQLiteError.self) { try Migrator.migrate(database, [broken], at: 1) }
            #expect(try Migrator.appliedNames(database).isEmpty)
            #expect(try database.scalarInt64("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == 0)
        }
    }
}
