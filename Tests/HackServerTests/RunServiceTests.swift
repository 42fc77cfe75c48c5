import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// The run controls, the clock and the phase gates through the router, on a
/// manual clock: a 2-hour hack in milliseconds.
struct RunServiceTests {
    static let slug = DemoScenario.eventSlug
    static let minute: Int64 = 60_000

    @Test func theDemoDayRunsOnTheServerClock() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let started = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        #expect(started.run.status == .running)
        #expect(started.run.phaseIndex == 0)
        #expect(started.run.phaseEndsAtMs == harness.clock.now() + 5 * Self.minute)
        // Planned at 11:00 Paris, started at 11:00 Paris (09:00 UTC): no drift.
        #expect(started.run.phases.map(\.driftMs) == [0, 0, 0, 0, 0])

        harness.advanceClock(by: 5 * Self.minute)
        let hack = try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get()
        #expect(hack.run.phaseIndex == 1)
        #expect(hack.run.history.last?.kind == .phaseStarted)
        #expect(hack.run.history.last?.by == "")
        harness.advanceClock(by: 115 * Self.minute + 60 * Self.minute + 60 * Self.minute + 45 * Self.minute)
        let done = try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get()
        #expect(done.run.status == .finished)
        #expect(done.run.finishedAtMs == started.run.startedAtMs + 285 * Self.minute)
        #expect(done.run.history.map(\.kind) == [.started, .phaseStarted, .phaseStarted, .phaseStarted, .phaseStarted, .finished])
        // Transitions are recorded at the instants they fell due.
        #expect(done.run.history.map(\.atMs).map { ($0 - started.run.startedAtMs) / Self.minute } == [0, 5, 120, 180, 240, 285])
        let updated = try harness.call(Methods.Events.update, .with {
            $0.slug = Self.slug
            $0.event.venue = "Ailleurs"
            $0.updateMask = ["venue"]
        })
        #expect(updated.failure?.status == .failedPrecondition)
        #expect(updated.failure?.message.contains("closed at 15:45:00 when the event finished") == true, "\(updated)")
    }

    @Test func driftIsAgainstThePlannedTimesOfTheDayTheEventRuns() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        harness.clock.set(1_795_341_780_000)  // 2026-11-22 10:03 UTC, 11:03 in Paris: a rerun, 3 minutes late
        let started = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        #expect(started.run.phases.map(\.driftMs) == Array(repeating: 3 * Self.minute, count: 5))
        #expect(started.run.phases[0].plannedStartMs == 1_795_341_600_000)
    }

    @Test func ideasOpenWithTheHackAndCloseTheMillisecondItEnds() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let team = try harness.call(Methods.Teams.create, .with { $0.challengeID = 1; $0.name = "La Station" }).get()
        let early = try harness.call(Methods.Ideas.create, .with { $0.teamID = team.id; $0.title = "Trop tôt" })
        #expect(early.failure?.status == .failedPrecondition)
        #expect(early.failure?.message.contains("opens when phase 2 « Hack » starts") == true, "\(early)")

        try harness.startHackPhase()
        let idea = try harness.call(Methods.Ideas.create, .with { $0.teamID = team.id; $0.title = "Fab Lab" }).get()
        // The timers have not fired (manual clock): the gate still reads the clock.
        harness.clock.advance(by: 115 * Self.minute - 1)
        let lastEdit = try harness.call(Methods.Ideas.update, .with { $0.id = idea.id; $0.idea.pitch = "Ouvert"; $0.updateMask = ["pitch"] })
        #expect(lastEdit.value?.revision == 2)
        harness.clock.advance(by: 1)
        let late = try harness.call(Methods.Ideas.update, .with { $0.id = idea.id; $0.idea.pitch = "Trop tard"; $0.updateMask = ["pitch"] })
        #expect(late.failure?.status == .failedPrecondition)
        // Started 11:00:00 Paris, intro skipped at once: the hack ends 12:55:00.
        #expect(late.failure?.message.contains("idea editing closed at 12:55:00 when phase 2 « Hack » ended") == true, "\(late)")
        #expect(late.failure?.message.contains("now: phase 3") == true, "\(late)")
    }

    @Test func pauseFreezesExtendShiftsAndSkipGuardsAgainstDoubleClicks() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        try harness.startHackPhase()
        harness.clock.advance(by: 10 * Self.minute)
        let paused = try harness.call(Methods.Events.pause, .with { $0.slug = Self.slug }).get()
        #expect(paused.run.status == .paused)
        #expect(paused.run.remainingMs == 105 * Self.minute)
        harness.advanceClock(by: 30 * Self.minute)
        let stillPaused = try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get()
        #expect(stillPaused.run.remainingMs == 105 * Self.minute)
        let resumed = try harness.call(Methods.Events.resume, .with { $0.slug = Self.slug }).get()
        #expect(resumed.run.phaseEndsAtMs == harness.clock.now() + 105 * Self.minute)
        let extended = try harness.call(Methods.Events.extend, .with { $0.slug = Self.slug; $0.deltaMs = 10 * Self.minute }).get()
        #expect(extended.run.phaseEndsAtMs == resumed.run.phaseEndsAtMs + 10 * Self.minute)
        #expect(extended.run.phases[2].startMs == extended.run.phaseEndsAtMs)
        #expect(extended.run.phases[4].startMs == resumed.run.phases[4].startMs + 10 * Self.minute)

        let skip = Hack_V1_SkipPhaseRequest.with { $0.slug = Self.slug; $0.phaseNumber = 2 }
        #expect(try harness.call(Methods.Events.skip, skip).get().run.phaseIndex == 2)
        let again = try harness.call(Methods.Events.skip, skip)
        #expect(again.failure?.status == .failedPrecondition)
        #expect(again.failure?.message.contains("phase 2 « Hack » is not current") == true, "\(again)")
        let noop = try harness.call(Methods.Events.resume, .with { $0.slug = Self.slug })
        #expect(noop.failure?.message.contains("cannot resume") == true, "\(noop)")
    }

    @Test func watchersGetRunUpdatesTicksAndCountsButObserversNoIdeas() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let observer = try harness.start(name: Methods.Events.watch.name, payload: Hack_V1_WatchEventRequest.with {
            $0.slug = Self.slug
            $0.tickIntervalMs = 100
        }.serializedBytes(), token: harness.secret("observer"))
        let organiser = try harness.start(name: Methods.Events.watch.name,
                                          payload: Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes())
        try harness.startHackPhase()
        _ = try harness.call(Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "Secret" }, token: harness.secret("team"))
        let runningTick = { (update: Hack_V1_EventUpdate) -> Bool in
            if case .tick(let tick) = update.update { tick.status == .running } else { false }
        }
        harness.runLoop(until: { (try? harness.items(observer).contains(where: runningTick)) == true })

        let seen = try harness.items(observer)
        let runs = seen.compactMap { if case .run(let run) = $0.update { run } else { nil } }
        #expect(runs.map { $0.transitions.map(\.kind) } == [[.started], [.skipped, .phaseStarted]])
        #expect(runs.last?.run.phaseIndex == 1)
        #expect(!seen.contains { if case .idea = $0.update { true } else { false } })
        let counts = seen.compactMap { if case .ideaCounts(let counts) = $0.update { counts } else { nil } }
        #expect(counts.last?.challenges.first { $0.challengeID == 1 }?.ideas == 1)
        let tick = try #require(seen.first(where: runningTick)?.tick)
        #expect(tick.phaseIndex == 1)
        #expect(tick.remainingMs == 115 * Self.minute)

        let organiserSaw = try harness.items(organiser)
        #expect(organiserSaw.contains { if case .idea(let idea) = $0.update { idea.title == "Secret" } else { false } })
        #expect(!organiserSaw.contains { if case .tick = $0.update { true } else { false } })
    }

    @Test func manyWatchersCostOneEncodePerChange() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watches = try (0..<50).map { _ in
            try harness.start(name: Methods.Events.watch.name,
                              payload: Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes())
        }
        let before = harness.app.watchers.encodedItems
        _ = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        #expect(harness.app.watchers.encodedItems == before + 1)
        for watch in watches {
            #expect(try harness.items(watch).last?.run.transitions.map(\.kind) == [.started])
        }
    }

    @Test func theClocksTransitionsReachWatchersAtTheInstantOnceAndAreThenDurable() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watch = try harness.start(name: Methods.Events.watch.name,
                                      payload: Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes())
        try harness.startHackPhase()
        let commitsBefore = harness.app.committer.commitCount
        let runItems = { try harness.items(watch).compactMap { if case .run(let run) = $0.update { run } else { nil } } }
        let before = try runItems().count

        harness.clock.advance(by: 115 * Self.minute)  // the hack phase ends
        harness.runClock.advanceDue()
        // Told at once, from the decided state: nothing is committed yet.
        #expect(harness.app.committer.commitCount == commitsBefore)
        let told = try runItems()
        #expect(told.count == before + 1)
        #expect(told.last?.transitions.map(\.kind) == [.phaseStarted])
        #expect(told.last?.run.phaseIndex == 2)

        harness.runLoop(until: { harness.app.committer.isIdle })
        #expect(harness.app.committer.commitCount == commitsBefore + 1)
        #expect(try runItems().count == before + 1, "the commit does not tell it twice")
        #expect(harness.app.committed.run(eventSlug: Self.slug).phaseIndex == 2)
    }

    @Test func tickIntervalsOutsideTheLimitsAreRefused() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watch = try harness.start(name: Methods.Events.watch.name, payload: Hack_V1_WatchEventRequest.with {
            $0.slug = Self.slug
            $0.tickIntervalMs = 5
        }.serializedBytes())
        let answer = try harness.response(watch)
        #expect(answer.status == .invalidArgument)
        #expect(answer.message.hasPrefix("tick_interval_ms:"))
    }
}
