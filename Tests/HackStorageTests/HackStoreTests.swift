import CSQLite
import HackDomain
import HackStorage
import Testing

@Suite struct HackStoreTests {
    /// The demo with a new agenda, started (its run in the hack phase), then two
    /// teams with ordered members, ideas edited several times, and updates to an
    /// event, a territory and a challenge's themes — each step committed as its
    /// own batch, as the server would.
    static func buildRichHistory(into store: HackStore) throws -> HackState {
        var state = HackState()
        try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
        // The agenda changes only before the event starts; its first phase is the hack.
        try store.commit(decideAll([
            .updateEvent(slug: DemoScenario.eventSlug, EventPatch(agenda: [
                PhaseDraft(kind: .hack, name: "Hack", plannedStart: "11:00", durationMs: 7_200_000),
                PhaseDraft(kind: .custom, name: "Apéro", durationMs: 1_800_000),
            ])),
            .controlRun(eventSlug: DemoScenario.eventSlug, .start, by: "test"),
        ], on: &state, from: 1_500))
        let members = [
            Person(name: "Lyes Ghamissou", role: "consultant en business intelligence"),
            Person(name: "Zoé", role: ""),
            Person(name: "Ana", role: "design"),
        ]
        try store.commit(decideAll([
            .createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois", members: members)),
            .createTeam(TeamDraft(challengeId: 3, name: "Symbiose ♻︎", members: [])),
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional", pitch: "Lille, Dunkerque", body: "Étape 1\nÉtape 2")),
            .createIdea(IdeaDraft(teamId: 2, title: "Laboratoire de créativité")),
        ], on: &state, from: 2_000))
        for step in 0..<3 {
            try store.commit(decideAll(
                [.updateIdea(id: 1, IdeaPatch(title: "Rayonnement v\(step + 2)", body: "Révision \(step + 2)"))],
                on: &state, from: 3_000 + Millis(step) * 100))
        }
        try store.commit(decideAll([
            .updateEvent(slug: DemoScenario.eventSlug, EventPatch(theme: "Territoires de startups")),
            .updateTerritory(slug: "orleans", TerritoryPatch(representative: Person(name: "Frédéric Ros", role: "président"))),
            .updateChallenge(id: 2, ChallengePatch(themes: ["IoT", "industrie"])),
            .updateTeam(id: 1, TeamPatch(members: Array(members.reversed()))),
        ], on: &state, from: 4_000))
        return state
    }

    /// Writes the rich history into a new file at `path`, closed after.
    static func writeRichHistory(at path: String) throws -> HackState {
        let store = try HackStore(path: path)
        defer { store.close() }
        return try buildRichHistory(into: store)
    }

    @Test func commitThenReopenLoadsTheSameState() throws {
        try withDatabasePath { path in
            let expected = try Self.writeRichHistory(at: path)
            // An idea's row is its current revision: idea 1's three edits kept the
            // revisions they replaced; idea 2, never edited, is one row.
            #expect(try IdeaRevisionStorageTests.storedRevisions(at: path) == [[1, 1], [1, 2], [1, 3]])

            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            let loaded = try reopened.loadState()
            #expect(loaded == expected)

            let event = try #require(loaded.event(slug: DemoScenario.eventSlug))
            #expect(event.agenda.map(\.name) == ["Hack", "Apéro"])
            #expect(event.agenda.map(\.plannedStart?.description) == ["11:00", nil])
            #expect(event.createdAt == 1_000 && event.updatedAt == 4_000)
            #expect(loaded.team(id: 1)?.members.map(\.name) == ["Ana", "Zoé", "Lyes Ghamissou"])
            #expect(loaded.challenge(id: 2)?.themes == ["IoT", "industrie"])
            #expect(loaded.challenge(id: 1)?.themes == ["numérique", "entrepreneuriat", "tiers-lieu"])
            let history = loaded.revisions(ideaId: 1)
            #expect(history.map(\.revision) == [1, 2, 3, 4])
            #expect(history.map(\.at) == [2_002, 3_000, 3_100, 3_200])
            #expect(history.map(\.title) == ["Rayonnement régional", "Rayonnement v2", "Rayonnement v3", "Rayonnement v4"])
            #expect(history.map(\.pitch) == Array(repeating: "Lille, Dunkerque", count: 4))
            #expect(loaded.revisions(ideaId: 2).count == 1)
            #expect(loaded.ideas(eventSlug: DemoScenario.eventSlug, challengeId: 3, teamId: nil).map(\.id) == [2])
            #expect(loaded.run(eventSlug: DemoScenario.eventSlug).status == .running)
            #expect(loaded.run(eventSlug: DemoScenario.eventSlug).startedAt == 1_501)
        }
    }

    @Test func idsStayFreshAfterReload() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            _ = try Self.buildRichHistory(into: store)
            let loaded = try store.loadState()
            let team = try loaded.decide(.createTeam(TeamDraft(challengeId: 2, name: "Nouvelle")), at: 9)
            #expect(team == .teamCreated(Team(id: 3, eventSlug: DemoScenario.eventSlug, challengeId: 2, name: "Nouvelle", members: [])))
            guard case .ideaCreated(let idea) = try loaded.decide(.createIdea(IdeaDraft(teamId: 1, title: "Idée")), at: 9) else {
                Issue.record("expected an idea")
                return
            }
            #expect(idea.id == 3)
        }
    }

    @Test func aFailingBatchLeavesNothingBehind() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + startDemoHack, on: &state, from: 1_000))
            let before = state

            var scratch = state
            var batch = try decideAll([
                .updateEvent(slug: DemoScenario.eventSlug, EventPatch(name: "Renommé")),
                .createTeam(TeamDraft(challengeId: 1, name: "Doublon")),
                .createIdea(IdeaDraft(teamId: 1, title: "Perdue")),
            ], on: &scratch, from: 2_000)
            // A second team with the same name in the same event: the UNIQUE constraint refuses it.
            batch.append(.teamCreated(Team(id: 2, eventSlug: DemoScenario.eventSlug, challengeId: 2, name: "Doublon", members: [])))
            let error = try #require(throws: SQLiteError.self) { try store.commit(batch) }
            #expect(error.code == SQLiteError.Code.constraintUnique)
            #expect(error.sql?.contains("INSERT INTO teams") == true)
            #expect(!error.description.contains("Doublon"))
            #expect(try store.loadState() == before)
            store.close()

            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            let loaded = try reopened.loadState()
            #expect(loaded == before)
            #expect(loaded.event(slug: DemoScenario.eventSlug)?.name == "Hackathon #OpenTerritoires — PARCOURS FRANCE 2017")
            #expect(loaded.team(id: 1) == nil)
            // The store still works after the rollback.
            try reopened.commit([batch[1]])
            #expect(try reopened.loadState().team(id: 1)?.name == "Doublon")
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))

            let orphanChallenge = Challenge(id: 9, eventSlug: "ghost", territorySlug: "orleans", title: "T", context: "", themes: [])
            let missingEvent = try #require(throws: SQLiteError.self) { try store.commit([.challengeCreated(orphanChallenge)]) }
            #expect(missingEvent.code == SQLiteError.Code.constraintForeignKey)

            let orphanIdea = Idea(id: 1, teamId: 77, challengeId: 1, title: "T", pitch: "", body: "", revision: 1, createdAt: 1, updatedAt: 1)
            let missingTeam = try #require(throws: SQLiteError.self) { try store.commit([.ideaCreated(orphanIdea)]) }
            #expect(missingTeam.code == SQLiteError.Code.constraintForeignKey)

            // A team must belong to its challenge's event.
            try store.commit(decideAll([.createEvent(EventDraft(
                slug: "autre", name: "Autre", timeZone: "UTC", date: "2020-01-01",
                agenda: [PhaseDraft(kind: .hack, durationMs: 1)]))], on: &state, from: 2_000))
            let strayTeam = Team(id: 5, eventSlug: "autre", challengeId: 1, name: "Égarée", members: [])
            let wrongEvent = try #require(throws: SQLiteError.self) { try store.commit([.teamCreated(strayTeam)]) }
            #expect(wrongEvent.code == SQLiteError.Code.constraintForeignKey)
            #expect(try store.loadState() == state)
        }
    }

    /// Nothing moves a team, and storage refuses to: the key ideas refer to
    /// by (id, challenge_id) stays what it was, so no index on ideas is needed
    /// to check them when a team changes.
    @Test func aTeamStaysInItsChallenge() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + [
                .createTeam(TeamDraft(challengeId: 1, name: "T")),
            ], on: &state, from: 1_000))
            let moved = Team(id: 1, eventSlug: DemoScenario.eventSlug, challengeId: 2, name: "T", members: [])
            let error = try #require(throws: SQLiteError.self) { try store.commit([.teamUpdated(moved)]) }
            #expect(error.isConstraintViolation)
            #expect(try store.loadState() == state)
        }
    }

    /// Nor does anything move an idea: an edit sets its text only, and
    /// storage refuses an edit that would change its team or challenge.
    @Test func anIdeaStaysWithItsTeam() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + startDemoHack + [
                .createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")),
                .createTeam(TeamDraft(challengeId: 2, name: "Les Dunkerquois")),
                .createIdea(IdeaDraft(teamId: 1, title: "Tiers-lieu")),
            ], on: &state, from: 1_000))
            let edit = try decideAll([.updateIdea(id: 1, IdeaPatch(body: "Un café-atelier"))], on: &state, from: 2_000)
            try store.commit(edit)
            #expect(try store.loadState() == state)

            var moved = try #require(state.idea(id: 1))
            moved.teamId = 2
            moved.challengeId = 2
            moved.revision += 1
            let error = try #require(throws: SQLiteError.self) { try store.commit([.ideaUpdated(moved)]) }
            #expect(error.isConstraintViolation)
            #expect(error.message == "an idea's team and challenge never change")
            #expect(try store.loadState() == state)
        }
    }

    @Test func aRevisionIsNeverRecordedTwice() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + startDemoHack, on: &state, from: 1_000))
            let changes = try decideAll([
                .createTeam(TeamDraft(challengeId: 1, name: "T")),
                .createIdea(IdeaDraft(teamId: 1, title: "I")),
                .updateIdea(id: 1, IdeaPatch(body: "b")),
            ], on: &state, from: 2_000)
            try store.commit(changes)
            let error = try #require(throws: SQLiteError.self) { try store.commit([changes[2]]) }
            #expect(error.isConstraintViolation)
            #expect(error.sql?.contains("INSERT INTO idea_revisions") == true)
            #expect(try store.loadState() == state)
        }
    }

    @Test func textRoundTripsByteForByte() throws {
        let samples = [
            "Communauté d'agglomération du pays de Saint-Omer",
            "Synthèse",
            "Orléans-Val de Loire Technopôle",
            "e\u{301}quipe vs équipe",  // decomposed and precomposed must stay as written
            "emoji 👩🏽‍💻 and 中文 and עברית",
            "tab\tand\nnewline\r\n",
            "",
        ]
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + startDemoHack, on: &state, from: 1_000))
            var changes = try decideAll([.createTeam(TeamDraft(
                challengeId: 1, name: "e\u{301}quipe",
                members: samples.dropLast().map { Person(name: String($0.prefix(200)).replacingOccurrences(of: "\t", with: " ")
                    .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "), role: "") }))],
                on: &state, from: 2_000)
            changes += try decideAll(samples.map { .createIdea(IdeaDraft(teamId: 1, title: "Idée", pitch: $0, body: $0)) },
                                     on: &state, from: 3_000)
            try store.commit(changes)
            store.close()

            let loaded = try HackStore(path: path).loadState()
            #expect(loaded == state)
            let pitches = loaded.ideas(eventSlug: DemoScenario.eventSlug, challengeId: nil, teamId: 1).map(\.pitch)
            #expect(pitches.map { Array($0.utf8) } == samples.map { Array($0.utf8) })
            #expect(Array(try #require(loaded.team(id: 1)).name.unicodeScalars) == Array("e\u{301}quipe".unicodeScalars))
            #expect(loaded.territory(slug: "saint-omer")?.name.utf8.elementsEqual(samples[0].utf8) == true)
        }
    }

    @Test func closedStoreRefusesWork() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            store.close()
            store.close()
            #expect(throws: SQLiteError.self) { try store.loadState() }
            #expect(throws: SQLiteError.self) { try store.commit([.territoryCreated(Territory(slug: "x", name: "X", representative: Person(name: "P")))]) }
        }
    }
}
