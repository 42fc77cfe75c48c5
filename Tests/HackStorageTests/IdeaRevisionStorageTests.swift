import HackDomain
import HackStorage
import Testing

/// An idea's row is its current revision; `idea_revisions` holds only the
/// revisions edits replaced, and history reads back whole either way.
@Suite struct IdeaRevisionStorageTests {
    /// (idea_id, revision) of every stored earlier revision, in order.
    static func storedRevisions(at path: String) throws -> [[Int64]] {
        let database = try SQLiteDatabase(path: path)
        defer { database.close() }
        let rows = try database.prepare("SELECT idea_id, revision FROM idea_revisions ORDER BY idea_id, revision")
        var found: [[Int64]] = []
        while try rows.step() { found.append([rows.int64(at: 0), rows.int64(at: 1)]) }
        return found
    }

    @Test func theMigrationDropsCopiesOfCurrentRevisionsAndKeepsHistory() throws {
        try withDatabasePath { path in
            let expected = try HackStoreTests.writeRichHistory(at: path)
            // As files were written before it: every revision stored, the current ones too.
            let database = try SQLiteDatabase(path: path)
            try database.execute(sql: """
                INSERT INTO idea_revisions (idea_id, revision, title, pitch, body, at)
                SELECT id, revision, title, pitch, body, updated_at FROM ideas;
                DELETE FROM schema_migrations WHERE name = '0007_current_revision_is_the_idea';
                """)
            database.close()
            #expect(try Self.storedRevisions(at: path).count == 5)

            let migrated = try HackStore(path: path)
            #expect(migrated.migrationsAppliedAtOpen == ["0007_current_revision_is_the_idea"])
            #expect(try migrated.loadState() == expected)
            migrated.close()
            #expect(try Self.storedRevisions(at: path) == [[1, 1], [1, 2], [1, 3]])
        }
    }
}
