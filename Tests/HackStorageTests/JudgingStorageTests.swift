import HackDomain
import HackStorage
import Testing

/// Rubrics and scores on disk: what a reload gives back is what was decided.
@Suite struct JudgingStorageTests {
    static let slug = DemoScenario.eventSlug
    static let eleven: Millis = 1_507_626_000_000
    static let minute: Millis = 60_000

    static func control(_ control: RunControl) -> Command {
        .controlRun(eventSlug: slug, control, by: "Orga")
    }

    static func jurorDraft(_ name: String, team: Int64?, byte: UInt8) -> Command {
        .issueToken(TokenDraft(name: name, grant: Grant(role: .juror, eventSlug: slug, teamId: team, challengeIds: [1, 2]),
                               secretHash: [UInt8](repeating: byte, count: 32)))
    }

    @Test func rubricsAndScoresSurviveCloseAndReopen() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + [
                .setRubric(DemoScenario.rubric),
                .createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")),
                .createTeam(TeamDraft(challengeId: 2, name: "Lab'O")),
                Self.jurorDraft("Aurélie, présidente du jury", team: nil, byte: 1),
                Self.jurorDraft("Bernard", team: 2, byte: 2),
            ], on: &state, from: 1_000))
            try store.commit(decideAll([Self.control(.start)], on: &state, from: Self.eleven))
            try store.commit(decideAll([
                .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
                .createIdea(IdeaDraft(teamId: 2, title: "Séries pilotes")),
            ], on: &state, from: Self.eleven + 10 * Self.minute))
            let aurelie = Principal(token: try #require(state.token(id: 1)))
            let bernard = Principal(token: try #require(state.token(id: 2)))
            func values(_ impact: Int, _ faisabilite: Int, _ innovation: Int, _ ancrage: Int) -> [CriterionValue] {
                zip(["impact", "faisabilite", "innovation", "ancrage"], [impact, faisabilite, innovation, ancrage])
                    .map { CriterionValue(criterion: $0, value: $1) }
            }
            let synthesis = Self.eleven + 150 * Self.minute  // 13:30
            try store.commit(decideAll([
                .scoreIdea(ideaId: 1, juror: aurelie, values: values(4, 3, 5, 2)),
                .scoreIdea(ideaId: 2, juror: aurelie, values: values(1, 2, 2, 1)),
                .scoreIdea(ideaId: 1, juror: bernard, values: values(5, 5, 4, 5)),
                .scoreIdea(ideaId: 1, juror: aurelie, values: values(4, 4, 5, 3)),  // replaces: revision 2
            ], on: &state, from: synthesis))

            let scores = state.scores(ideaId: 1)
            #expect(scores.map(\.revision) == [2, 1])
            #expect(abs(scores[1].total - 4.8) < 1e-12)  // (15 + 10 + 8 + 15) / 10
            // 14/10 is not a binary fraction: the REAL column must give the same double back.
            #expect(state.scores(ideaId: 2).first?.total == 14.0 / 10)
            store.close()

            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            let loaded = try reopened.loadState()
            #expect(loaded == state)
            #expect(loaded.rubric(eventSlug: Self.slug) == DemoScenario.rubric)
            #expect(loaded.scores(ideaId: 1) == scores)
            #expect(loaded.scores(ideaId: 1)[0].jurorName == "Aurélie, présidente du jury")
            #expect(loaded.scoreCount(eventSlug: Self.slug) == 3)
            #expect(loaded.ranking(eventSlug: Self.slug, challengeId: 1) == state.ranking(eventSlug: Self.slug, challengeId: 1))
            // The lock holds after a reload.
            #expect(throws: DomainError.self) { try loaded.decide(.setRubric(DemoScenario.rubric), at: synthesis + 10) }
        }
    }

    @Test func aReplacedRubricKeepsOnlyItsCriteria() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            let small = Rubric(eventSlug: Self.slug, criteria: [Criterion(key: "impact", name: "Impact", weight: 1)],
                               scaleMin: 0, scaleMax: 10)
            try store.commit(decideAll(DemoScenario.parcoursFrance2017 + [.setRubric(DemoScenario.rubric), .setRubric(small)],
                                       on: &state, from: 1_000))
            store.close()
            let reopened = try HackStore(path: path)
            defer { reopened.close() }
            #expect(try reopened.loadState().rubric(eventSlug: Self.slug) == small)
        }
    }

    @Test func migration0004AppliesOnADatabaseMadeBy0003() throws {
        try withDatabasePath { path in
            let old = try SQLiteDatabase(path: path)
            let previous = Array(HackSchema.migrations.prefix(3))
            #expect(previous.map(\.name) == ["0001_initial", "0002_access", "0003_runs"])
            try Migrator.migrate(old, previous, at: 10)
            try old.execute(sql: """
                INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
                VALUES ('ancien', 'Ancien', '', 'Europe/Paris', '2016-05-01', '', 1, 1)
                """)
            old.close()

            let store = try HackStore(path: path, clock: ManualClock(20))
            defer { store.close() }
            #expect(store.migrationsAppliedAtOpen.first == "0004_judging")
            var state = try store.loadState()
            #expect(state.rubric(eventSlug: "ancien") == nil)
            let rubric = Rubric(eventSlug: "ancien", criteria: [Criterion(key: "impact", name: "Impact", weight: 2)], scaleMin: 1, scaleMax: 5)
            try store.commit(decideAll([.setRubric(rubric)], on: &state, from: 30))
            #expect(try store.loadState().rubric(eventSlug: "ancien") == rubric)
        }
    }
}
