import HackDomain
import HackStorage
import Testing

/// Event runs on disk: their transitions, appended in order, are the run.
@Suite struct RunStorageTests {
    static let slug = DemoScenario.eventSlug
    static let minute: Millis = 60_000
    /// 2017-10-10 11:00 Europe/Paris, the demo's planned start.
    static let eleven: Millis = 1_507_626_000_000

    static func paris(_ hh: Int, _ mm: Int) -> Millis {
        eleven + Millis(hh - 11) * 60 * minute + Millis(mm) * minute
    }

    static func control(_ control: RunControl) -> Command {
        .controlRun(eventSlug: slug, control, by: "Orga")
    }

    /// Decides one command at `now` and applies it, returning the change to commit.
    static func decide(_ command: Command, on state: inout HackState, at now: Millis) throws -> Change {
        let change = try state.decide(command, at: now)
        state.apply(change)
        return change
    }

    @Test func aRunsTransitionsSurviveCloseAndReopenInOrder() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
            let steps: [(Command, Millis)] = [
                (Self.control(.schedule(at: Self.paris(11, 0))), Self.paris(10, 0)),
                (.advanceRun(eventSlug: Self.slug), Self.paris(11, 0)),            // the clock: started
                (.advanceRun(eventSlug: Self.slug), Self.paris(11, 6)),            // the clock: hack at 11:05
                (.createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")), Self.paris(11, 10)),
                (.createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")), Self.paris(11, 20)),
                (Self.control(.pause), Self.paris(11, 30)),
                (Self.control(.extend(byMs: 10 * Self.minute)), Self.paris(11, 35)),
                (Self.control(.resume), Self.paris(11, 45)),
                // Decided at 14:30: the clock's synthesis (13:25) and pause (14:25) come first, at their own times.
                (Self.control(.skip(phaseIndex: 3)), Self.paris(14, 30)),
            ]
            for (command, at) in steps {
                try store.commit([Self.decide(command, on: &state, at: at)])
            }
            let run = state.run(eventSlug: Self.slug)
            #expect(run.history.count == 10)
            store.close()

            let reopened = try HackStore(path: path)
            let loaded = try reopened.loadState()
            #expect(loaded == state)
            let restored = loaded.run(eventSlug: Self.slug)
            #expect(restored == run)
            #expect(restored.history.map(\.kind) == [
                .scheduled, .started, .phaseStarted, .paused, .extended, .resumed,
                .phaseStarted, .phaseStarted, .skipped, .phaseStarted,
            ])
            #expect(restored.history.map(\.phaseIndex) == [0, 0, 1, 1, 1, 1, 2, 3, 3, 4])
            let clock = restored.history.filter(\.isFromClock)
            #expect(clock.map(\.kind) == [.started, .phaseStarted, .phaseStarted, .phaseStarted])
            #expect(clock.map(\.at) == [Self.paris(11, 0), Self.paris(11, 5), Self.paris(13, 25), Self.paris(14, 25)])
            #expect(restored.history.first == RunTransition(.scheduled, at: Self.paris(10, 0), startAt: Self.paris(11, 0), by: "Orga"))
            #expect(restored.history.first { $0.kind == .extended }?.deltaMs == 10 * Self.minute)
            #expect(restored.status == .running && restored.phaseIndex == 4)
            #expect(restored.phaseEndsAt == Self.paris(14, 30) + 45 * Self.minute)

            // The clock goes on after the restart exactly where it left off.
            let finished = try Self.decide(.advanceRun(eventSlug: Self.slug), on: &state, at: Self.paris(18, 0))
            try reopened.commit([finished])
            #expect(try reopened.loadState() == state)
            #expect(state.run(eventSlug: Self.slug).finishedAt == Self.paris(15, 15))
            reopened.close()

            let database = try SQLiteDatabase(path: path)
            defer { database.close() }
            let rows = try database.prepare("SELECT seq, kind, at_ms, by_name FROM run_transitions WHERE event_slug = ? ORDER BY seq")
            try rows.bind(.text(Self.slug))
            var stored: [(seq: Int64, kind: String, at: Millis, by: String)] = []
            while try rows.step() { stored.append((rows.int64(at: 0), rows.string(at: 1), rows.int64(at: 2), rows.string(at: 3))) }
            let history = state.run(eventSlug: Self.slug).history
            #expect(stored.map(\.seq) == Array(0..<Int64(history.count)))
            #expect(stored.map(\.kind) == history.map(\.kind.rawValue))
            #expect(stored.map(\.at) == history.map(\.at))
            #expect(stored.map(\.by) == history.map(\.by))
        }
    }

    @Test func aTransitionWrittenTwiceIsAConstraintError() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
            let start = try Self.decide(Self.control(.start), on: &state, at: Self.paris(11, 0))
            try store.commit([start])
            let skip = try Self.decide(Self.control(.skip(phaseIndex: 0)), on: &state, at: Self.paris(11, 2))
            try store.commit([skip])

            for change in [start, skip] {
                let error = try #require(throws: SQLiteError.self) { try store.commit([change]) }
                #expect(error.code == SQLiteError.Code.constraintPrimaryKey)
                #expect(error.sql?.contains("INSERT INTO run_transitions") == true)
            }
            #expect(try store.loadState() == state)
            #expect(try store.loadState().run(eventSlug: Self.slug).history.count == 3)
        }
    }

    @Test func migration0003AppliesOnADatabaseMadeBy0002() throws {
        try withDatabasePath { path in
            let old = try SQLiteDatabase(path: path)
            let previous = Array(HackSchema.migrations.prefix(2))
            #expect(previous.map(\.name) == ["0001_initial", "0002_access"])
            try Migrator.migrate(old, previous, at: 10)
            try old.execute(sql: """
                INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)
                VALUES ('ancien', 'Ancien', '', 'Europe/Paris', '2016-05-01', '', 1, 1);
                INSERT INTO phases (event_slug, position, kind, name, planned_start, duration_ms)
                VALUES ('ancien', 0, 'hack', 'Hack', '10:00', 3600000)
                """)
            old.close()

            let store = try HackStore(path: path, clock: ManualClock(20))
            defer { store.close() }
            #expect(store.migrationsAppliedAtOpen == HackSchema.migrations.dropFirst(2).map(\.name))
            #expect(store.migrationsAppliedAtOpen.first == "0003_runs")
            var state = try store.loadState()
            #expect(state.run(eventSlug: "ancien") == EventRun())
            try store.commit([Self.decide(.controlRun(eventSlug: "ancien", .start, by: "Orga"), on: &state, at: 30)])
            #expect(try store.loadState().run(eventSlug: "ancien").status == .running)
        }
    }
}
