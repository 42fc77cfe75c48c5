import HackDomain
import HackStorage
import Testing

/// Migration 0009: the audit log leaves AUTOINCREMENT for a plain rowid,
/// kept increasing by refusing deletes and updates.
@Suite struct AuditLogMigrationTests {
    @Test func entriesKeepTheirIdsAndNewOnesFollowTheLast() throws {
        try withDatabasePath { path in
            let database = try SQLiteDatabase(path: path)
            let before = Array(HackSchema.migrations.prefix { $0.name != "0009_audit_log_without_autoincrement" })
            _ = try Migrator.migrate(database, before, at: 1)
            // Ids 1, 2 and 7 (a gap, as a rolled-back commit leaves), « Équipe » accented.
            try database.execute(sql: """
                INSERT INTO audit_log (id, at, token_id, token_name, method, event_slug, target, summary)
                VALUES (1, 10, NULL, 'admin', 'hack.v1.Events/Create', 'pf-2017', 'event pf-2017', 'créé'),
                       (2, 20, 3, 'orga', 'hack.v1.Teams/Create', 'pf-2017', 'team 4', 'Équipe « Vélo »'),
                       (7, 30, 3, 'orga', 'hack.v1.Ideas/Create', NULL, 'idea 9', 'posted');
                """)
            database.close()

            let store = try HackStore(path: path)
            #expect(store.migrationsAppliedAtOpen == ["0009_audit_log_without_autoincrement"])
            store.close()

            let migrated = try SQLiteDatabase(path: path)
            defer { migrated.close() }
            let rows = try migrated.prepare("SELECT id, event_slug, summary FROM audit_log ORDER BY id")
            var found: [String] = []
            while try rows.step() { found.append("\(rows.int64(at: 0)) \(rows.optionalString(at: 1) ?? "-") \(rows.string(at: 2))") }
            #expect(found == ["1 pf-2017 créé", "2 pf-2017 Équipe « Vélo »", "7 - posted"])
            try migrated.execute(sql: "INSERT INTO audit_log (at, token_name, method, target, summary) VALUES (40, 'a', 'm', 't', 's')")
            #expect(try migrated.scalarInt64("SELECT max(id) FROM audit_log") == 8)
            #expect(try migrated.scalarInt64("SELECT count(*) FROM sqlite_sequence WHERE name = 'audit_log'") == 0)
        }
    }

    @Test func theLogRefusesDeletesAndUpdates() throws {
        try withDatabasePath { path in
            try HackStore(path: path).close()
            let database = try SQLiteDatabase(path: path)
            defer { database.close() }
            try database.execute(sql: "INSERT INTO audit_log (at, token_name, method, target, summary) VALUES (1, 'a', 'm', 't', 's')")
            for sql in ["DELETE FROM audit_log", "UPDATE audit_log SET id = 100", "UPDATE audit_log SET summary = 'rewritten'"] {
                let error = try #require(throws: SQLiteError.self) { try database.execute(sql: sql) }
                #expect(error.message.contains("the audit log is append-only"), "\(sql): \(error)")
            }
            #expect(try database.scalarInt64("SELECT count(*) FROM audit_log WHERE summary = 's' AND id = 1") == 1)
        }
    }
}
