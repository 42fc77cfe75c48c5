import HackDomain
import HackStorage
import Testing

/// Voter codes and votes on disk: hashes only, one vote per code per challenge.
@Suite struct VoteStorageTests {
    static let slug = DemoScenario.eventSlug

    static func hash(_ n: UInt8) -> [UInt8] { (0..<32).map { UInt8($0) &* 3 &+ n } }

    static func cast(_ code: UInt8, challenge: Int64, idea: Int64) -> Command {
        .castVote(eventSlug: slug, codeHash: hash(code), challengeId: challenge, ideaId: idea)
    }

    /// The demo in its restitution with ideas 1 and 2 on challenge 1 and idea 3 on challenge 2, committed.
    static func seed(_ store: HackStore) throws -> HackState {
        var state = HackState()
        try store.commit(decideAll(DemoScenario.parcoursFrance2017 + startDemoHack, on: &state, from: 1_000))
        try store.commit(decideAll([
            .createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")),
            .createTeam(TeamDraft(challengeId: 2, name: "Les Orléanais")),
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
            .createIdea(IdeaDraft(teamId: 1, title: "Gare des Flandres")),
            .createIdea(IdeaDraft(teamId: 2, title: "Loire à vélo")),
            .issueVoterCodes(eventSlug: slug, hashes: [hash(1), hash(2)]),
            .issueVoterCodes(eventSlug: slug, hashes: [hash(3)]),
        ] + (1...3).map { .controlRun(eventSlug: slug, .skip(phaseIndex: $0), by: "test") }, on: &state, from: 2_000))
        return state
    }

    @Test func codesAndVotesRoundTripThroughCommitAndReopen() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = try Self.seed(store)
            try store.commit(decideAll([
                Self.cast(1, challenge: 1, idea: 2), Self.cast(1, challenge: 2, idea: 3), Self.cast(3, challenge: 1, idea: 2),
            ], on: &state, from: 3_000))
            let tally = state.voteTally(eventSlug: Self.slug)
            #expect(tally.codesIssued == 3 && tally.codesUsed == 2)
            store.close()

            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            let loaded = try reopened.loadState()
            #expect(loaded == state)
            #expect(loaded.voteTally(eventSlug: Self.slug) == tally)
            #expect(loaded.voterCode(hash: Self.hash(3)) == VoterCode(id: 3, eventSlug: Self.slug, hash: Self.hash(3), createdAt: 2_006))
            #expect(loaded.vote(codeId: 1, challengeId: 2) == Vote(codeId: 1, challengeId: 2, ideaId: 3, at: 3_001))
            // The loaded state goes on where it left off: the next code gets id 4, a second vote is refused.
            var next = loaded
            let issued = try decideAll([.issueVoterCodes(eventSlug: Self.slug, hashes: [Self.hash(4)])], on: &next, from: 4_000)
            #expect(issued == [.voterCodesIssued(eventSlug: Self.slug, codes: [
                VoterCode(id: 4, eventSlug: Self.slug, hash: Self.hash(4), createdAt: 4_000)])])
            #expect(throws: DomainError.self) { try loaded.decide(Self.cast(3, challenge: 1, idea: 1), at: 4_000) }
        }
    }

    @Test func theSchemaHoldsOneVotePerCodePerChallengeForAnIdeaOfThatChallenge() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = try Self.seed(store)
            try store.commit(decideAll([Self.cast(1, challenge: 1, idea: 2)], on: &state, from: 3_000))
            // Changes the domain would refuse, written anyway: the constraints refuse them too.
            #expect(throws: SQLiteError.self) { try store.commit([.voteCast(Vote(codeId: 1, challengeId: 1, ideaId: 1, at: 3_100))]) }
            #expect(throws: SQLiteError.self) { try store.commit([.voteCast(Vote(codeId: 2, challengeId: 2, ideaId: 1, at: 3_100))]) }
            #expect(throws: SQLiteError.self) { try store.commit([.voteCast(Vote(codeId: 9, challengeId: 1, ideaId: 1, at: 3_100))]) }
            #expect(throws: SQLiteError.self) {
                try store.commit([.voterCodesIssued(eventSlug: Self.slug, codes: [
                    VoterCode(id: 10, eventSlug: Self.slug, hash: Self.hash(1), createdAt: 3_200)])])
            }
            #expect(try store.loadState() == state)
        }
    }
}

extension VoteStorageTests {
    /// 0006 adds a unique index on ideas: it must apply on a database that already holds ideas.
    @Test func migration0006AppliesOnADatabaseWithIdeas() throws {
        try withDatabasePath { path in
            let old = try SQLiteDatabase(path: path)
            try Migrator.migrate(old, HackSchema.migrations.filter { $0.name < "0006_votes" }, at: 10)
            try old.execute(sql: """
                INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
                VALUES ('ancien', 'Ancien', '', 'Europe/Paris', '2016-05-01', '', 1, 1);
                INSERT INTO territories (slug, name, representative_name, representative_role) VALUES ('orleans', 'Orléans', '', '');
                INSERT INTO challenges (id, event_slug, territory_slug, title, context) VALUES (1, 'ancien', 'orleans', 'Défi', '');
                INSERT INTO teams (id, event_slug, challenge_id, name) VALUES (1, 'ancien', 1, 'Équipe');
                INSERT INTO ideas (id, team_id, challenge_id, title, pitch, body, revision, created_at, updated_at)
                VALUES (1, 1, 1, 'Idée', '', '', 1, 1, 1);
                """)
            old.close()

            let store = try HackStore(path: path, clock: ManualClock(20))
            defer { store.close() }
            #expect(store.migrationsAppliedAtOpen.contains("0006_votes"))
            var state = try store.loadState()
            #expect(state.idea(id: 1)?.title == "Idée")
            try store.commit(decideAll([.issueVoterCodes(eventSlug: "ancien", hashes: [Self.hash(1)])], on: &state, from: 30))
            try store.commit([.voteCast(Vote(codeId: 1, challengeId: 1, ideaId: 1, at: 40))])
            #expect(try store.loadState().voteTally(eventSlug: "ancien").challenges.first?.ideas.first?.votes == 1)
        }
    }
}
