import HackDomain
import HackStorage
import Testing

/// Tokens and the audit log on disk (real temporary SQLite files).
@Suite struct AccessStorageTests {
    static let event = DemoScenario.eventSlug
    static let hash: [UInt8] = (0..<32).map { UInt8($0 * 7 % 256) }

    static func issue(_ name: String, _ grant: Grant, hash: [UInt8] = hash, issuedBy: Int64? = nil) -> Command {
        .issueToken(TokenDraft(name: name, grant: grant, secretHash: hash, expiresAt: 90_000, issuedBy: issuedBy))
    }

    /// The demo and a team, committed; returns the state.
    static func seed(_ store: HackStore) throws -> HackState {
        var state = HackState()
        try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
        try store.commit(decideAll([.createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois"))], on: &state, from: 2_000))
        return state
    }

    static func entry(_ at: Millis, _ eventSlug: String?, _ target: String) -> AuditEntry {
        AuditEntry(at: at, tokenId: nil, tokenName: "init", method: "test", eventSlug: eventSlug, target: target, summary: "s")
    }

    @Test func tokensRoundTripThroughCommitAndReopen() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = try Self.seed(store)
            var hash2 = Self.hash
            hash2[0] = 255
            try store.commit(decideAll([
                Self.issue("root", Grant(role: .admin)),
                Self.issue("Jury", Grant(role: .juror, eventSlug: Self.event, teamId: 1, challengeIds: [3, 1]), hash: hash2, issuedBy: 1),
            ], on: &state, from: 3_000))
            try store.commit(decideAll([.revokeToken(id: 2)], on: &state, from: 4_000))
            store.close()

            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            let loaded = try reopened.loadState()
            #expect(loaded == state)
            let juror = try #require(loaded.token(id: 2))
            #expect(juror.grant.challengeIds == [3, 1])
            #expect(juror.grant.teamId == 1)
            #expect(juror.revokedAt == 4_000 && juror.createdAt == 3_001 && juror.expiresAt == 90_000 && juror.issuedBy == 1)
            #expect(juror.secretHash == hash2)
            #expect(loaded.token(id: 1)?.grant == Grant(role: .admin))
            #expect(loaded.token(id: 1)?.revokedAt == nil)
            #expect(loaded.tokens(eventSlug: Self.event).map(\.id) == [2])
            guard case .tokenIssued(let next) = try loaded.decide(Self.issue("next", Grant(role: .admin)), at: 5_000) else {
                Issue.record("expected a token")
                return
            }
            #expect(next.id == 3)
        }
    }

    @Test func onlyTheHashIsStoredAs32ByteBlob() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = try Self.seed(store)
            try store.commit(decideAll([Self.issue("root", Grant(role: .admin))], on: &state, from: 3_000))
            store.close()

            let database = try SQLiteDatabase(path: path)
            let row = try database.prepare("SELECT typeof(secret_hash), length(secret_hash), secret_hash FROM tokens")
            #expect(try row.step())
            #expect(row.string(at: 0) == "blob")
            #expect(row.int(at: 1) == 32)
            #expect(row.blob(at: 2) == Self.hash)
            let columns = try database.prepare("SELECT name FROM pragma_table_info('tokens') ORDER BY cid")
            var names: [String] = []
            while try columns.step() { names.append(columns.string(at: 0)) }
            #expect(names == [
                "id", "name", "role", "event_slug", "territory_slug", "team_id", "secret_hash", "created_at",
                "expires_at", "revoked_at", "issued_by",
            ], "no column holds a secret besides its hash")
            let tokenish = try database.scalarInt64("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%secret%' AND name <> 'tokens' AND name NOT LIKE 'sqlite_autoindex_tokens%'")
            #expect(tokenish == 0)
        }
    }

    @Test func theSchemaRefusesAHashOfAnotherLength() throws {
        try withDatabasePath { path in
            try HackStore(path: path).close()
            let database = try SQLiteDatabase(path: path)
            let insert = try database.prepare(
                "INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES (1, 'x', 'admin', ?, 0)")
            try insert.bind(.blob([1, 2, 3]))
            #expect(throws: SQLiteError.self) { try insert.run() }
        }
    }

    @Test func auditEntriesCommitWithTheirChangesOrNotAtAll() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = try Self.seed(store)
            let team = try decideAll([.createTeam(TeamDraft(challengeId: 2, name: "Lab'O"))], on: &state, from: 3_000)
            try store.commit(team, audit: [AuditEntry(for: team[0], in: state, at: 3_000, by: nil, method: "hack.v1.Teams/Create")])

            // A batch whose second change breaks a foreign key: nothing of it, audit included, is kept.
            let ghost = Team(id: 99, eventSlug: Self.event, challengeId: 42, name: "Fantôme", members: [])
            let good = Team(id: 50, eventSlug: Self.event, challengeId: 1, name: "Réel", members: [])
            #expect(throws: SQLiteError.self) {
                try store.commit(
                    [.teamCreated(good), .teamCreated(ghost)],
                    audit: [Self.entry(3_100, Self.event, "team 50"), Self.entry(3_100, Self.event, "team 99")])
            }
            let entries = try store.auditEntries(eventSlug: nil, since: 0, limit: 100)
            #expect(entries.map(\.target) == ["team 2"])
            #expect(entries.first?.summary == "created \"Lab'O\"")
            #expect(entries.first?.method == "hack.v1.Teams/Create")
            #expect(entries.first?.id ?? 0 > 0)
            #expect(try store.loadState().team(id: 50) == nil)
        }
    }

    @Test func auditEntriesReadBackInOrderByEventAndSince() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            _ = try Self.seed(store)
            try store.commit([], audit: [
                Self.entry(100, Self.event, "a"),
                Self.entry(200, nil, "territory b"),
                Self.entry(300, "hack-2024", "c"),
            ])
            try store.commit([], audit: [Self.entry(250, Self.event, "d"), Self.entry(400, Self.event, "e")])

            let all = try store.auditEntries(eventSlug: nil, since: 0, limit: 100)
            #expect(all.map(\.target) == ["a", "territory b", "c", "d", "e"])
            #expect(all.map(\.id) == all.map(\.id).sorted() && Set(all.map(\.id)).count == 5)
            #expect(all[1].eventSlug == nil && all[1].tokenId == nil && all[1].tokenName == "init")
            #expect(try store.auditEntries(eventSlug: Self.event, since: 0, limit: 100).map(\.target) == ["a", "d", "e"])
            #expect(try store.auditEntries(eventSlug: Self.event, since: 250, limit: 100).map(\.target) == ["d", "e"])
            #expect(try store.auditEntries(eventSlug: Self.event, since: 0, limit: 2).map(\.target) == ["a", "d"])
            #expect(try store.auditEntries(eventSlug: nil, since: 201, limit: 100).map(\.target) == ["c", "d", "e"])
            #expect(try store.auditEntries(eventSlug: "nowhere", since: 0, limit: 100).isEmpty)
            #expect(try store.auditEntries(eventSlug: nil, since: 0, limit: 0).isEmpty)
            let withToken = AuditEntry(at: 500, tokenId: 7, tokenName: "Pierre", method: "m", eventSlug: Self.event, target: "t", summary: "s")
            try store.commit([], audit: [withToken])
            var stored = try #require(try store.auditEntries(eventSlug: Self.event, since: 500, limit: 1).first)
            #expect(stored.id > all.last?.id ?? 0)
            stored.id = 0
            #expect(stored == withToken)
        }
    }

    @Test func migration0002AppliesOnADatabaseMadeBy0001() throws {
        try withDatabasePath { path in
            // A file as the previous release left it: only 0001, with a row in it.
            let old = try SQLiteDatabase(path: path)
            let initial = try #require(HackSchema.migrations.first)
            #expect(initial.name == "0001_initial")
            try Migrator.migrate(old, [initial], at: 10)
            try old.execute(sql: """
                INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
                VALUES ('ancien', 'Ancien', '', 'Europe/Paris', '2016-05-01', '', 1, 1)
                """)
            #expect(try old.scalarInt64("SELECT count(*) FROM sqlite_master WHERE name = 'tokens'") == 0)
            old.close()

            let store = try HackStore(path: path, clock: ManualClock(20))
            defer { store.close() }
            #expect(store.migrationsAppliedAtOpen == HackSchema.migrations.dropFirst().map(\.name))
            #expect(store.migrationsAppliedAtOpen.first == "0002_access")
            #expect(try store.appliedMigrations() == HackSchema.migrations.map(\.name))
            var state = try store.loadState()
            #expect(state.event(slug: "ancien")?.name == "Ancien")
            try store.commit(decideAll([Self.issue("root", Grant(role: .admin))], on: &state, from: 30))
            #expect(try store.loadState().token(id: 1)?.name == "root")
            store.close()

            let check = try SQLiteDatabase(path: path)
            #expect(try check.scalarInt64("SELECT applied_at FROM schema_migrations WHERE name = '0002_access'") == 20)
        }
    }
}
