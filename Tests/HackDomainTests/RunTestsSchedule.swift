import HackDomain
import Testing

/// Scheduled starts on the clock, the transitions limit, and durations in words.
@Suite struct RunTestsSchedule {
    typealias F = RunFixtures

    @Test func aScheduledStartFallsDueAtItsExactInstant() throws {
        var state = try F.demo()
        let scheduled = try F.control(.schedule(at: F.paris(11, 0)), on: &state, at: F.paris(10, 0))
        #expect(scheduled == [RunTransition(.scheduled, at: F.paris(10, 0), startAt: F.paris(11, 0), by: "orga")])
        #expect(scheduled.first?.auditText == "scheduled to start at 2017-10-10T09:00:00Z")
        let run = F.run(state)
        #expect(run.status == .ready && run.scheduledStart == F.paris(11, 0) && run.startedAt == nil)
        #expect(run.nextDue == F.paris(11, 0))
        #expect(state.runsDue.map(\.eventSlug) == [F.slug] && state.runsDue.map(\.at) == [F.paris(11, 0)])
        // Projected from the scheduled start, on plan.
        #expect(try F.timings(state, at: F.paris(10, 0)).map(\.driftMs) == Array(repeating: 0, count: 5))

        #expect(run.dueTransitions(at: F.paris(11, 0) - 1, durations: F.durations).isEmpty)
        let early = try #require(refusal(of: .advanceRun(eventSlug: F.slug), in: state, at: F.paris(11, 0) - 1))
        #expect(early.kind == .failedPrecondition && early.message.hasSuffix("at 10:59:59"))
        let started = try F.advance(on: &state, at: F.paris(11, 0))
        #expect(started == [RunTransition(.started, at: F.paris(11, 0))])
        #expect(started.first?.isFromClock == true)
        #expect(F.run(state).status == .running && F.run(state).scheduledStart == nil)
        #expect(F.run(state).startedAt == F.paris(11, 0) && F.run(state).phaseEndsAt == F.paris(11, 5))
    }

    @Test func aControlDecidedAfterTheScheduledStartRecordsTheClocksWorkFirst() throws {
        var state = try F.demo()
        try F.control(.schedule(at: F.paris(11, 0)), on: &state, at: F.paris(10, 0))
        let recorded = try F.control(.pause, on: &state, at: F.paris(11, 10))
        #expect(recorded == [
            RunTransition(.started, at: F.paris(11, 0)),
            RunTransition(.phaseStarted, at: F.paris(11, 5), phaseIndex: 1),
            RunTransition(.paused, at: F.paris(11, 10), phaseIndex: 1, by: "orga"),
        ])
    }

    @Test func reschedulingUnschedulingAndStartingEarly() throws {
        var state = try F.demo()
        try F.control(.schedule(at: F.paris(11, 0)), on: &state, at: F.paris(9, 0))
        try F.control(.schedule(at: F.paris(11, 30)), on: &state, at: F.paris(9, 10))
        #expect(F.run(state).scheduledStart == F.paris(11, 30))
        let unscheduled = try F.control(.schedule(at: nil), on: &state, at: F.paris(9, 20))
        #expect(unscheduled.map(\.auditText) == ["unscheduled"])
        #expect(F.run(state).status == .draft && F.run(state).scheduledStart == nil && F.run(state).nextDue == nil)

        try F.control(.schedule(at: F.paris(11, 30)), on: &state, at: F.paris(9, 30))
        try F.control(.start, on: &state, at: F.paris(10, 58))
        #expect(F.run(state).status == .running && F.run(state).scheduledStart == nil)
        #expect(try F.timings(state, at: F.paris(10, 58)).map(\.driftMs) == Array(repeating: -2 * F.minute, count: 5))
        // The old schedule no longer falls due.
        #expect(F.run(state).dueTransitions(at: F.paris(11, 30), durations: F.durations).map(\.kind) == [.phaseStarted])
    }

    @Test func aScheduleMustBeInTheFutureAndWithinAYear() throws {
        let state = try F.demo()
        let now = F.paris(10, 0)
        for at in [now, now - 1, 0] {
            let error = try #require(F.refusal(of: .schedule(at: at), in: state, at: now))
            #expect(error.kind == .invalidArgument && error.field == "start_at_ms")
            #expect(error.message == "start_at_ms: must be in the future (server clock: 10:00:00)")
        }
        #expect(F.refusal(of: .schedule(at: now + 1), in: state, at: now) == nil)
        let year = 366 * 24 * F.hour
        #expect(F.refusal(of: .schedule(at: now + year), in: state, at: now) == nil)
        let far = try #require(F.refusal(of: .schedule(at: now + year + 1), in: state, at: now))
        #expect(far.kind == .invalidArgument && far.message == "start_at_ms: must be within 366 days")
    }

    @Test func anUnknownEventHasNoRun() throws {
        let state = try F.demo()
        for command in [Command.controlRun(eventSlug: "nope", .start, by: "orga"), .advanceRun(eventSlug: "nope")] {
            let error = try #require(refusal(of: command, in: state, at: F.paris(10, 0)))
            #expect(error.kind == .notFound && error.message == "event \"nope\" not found")
        }
        #expect(state.run(eventSlug: "nope") == EventRun())
    }

    /// A run holds at most `runTransitionsMax` transitions from controls; the clock is never stopped by it.
    @Test func organisersStopAtTheTransitionsLimit() throws {
        var state = try F.demo()
        let start = F.paris(11, 0)
        try F.control(.start, on: &state, at: start)
        var step: Millis = 0
        while F.run(state).history.count < InputLimits.runTransitionsMax {
            step += 1
            try F.control(F.run(state).status == .running ? .pause : .resume, on: &state, at: start + step)
        }
        #expect(F.run(state).history.count == 1_000)
        #expect(F.run(state).status == .paused)
        let error = try #require(F.refusal(of: .resume, in: state, at: start + step + 1))
        #expect(error.kind == .failedPrecondition && error.field == "slug")
        #expect(error.message == "event \"parcours-france-2017\" has 1000 run transitions; the limit is 1000")
        #expect(F.refusal(of: .extend(byMs: F.minute), in: state, at: start + step + 1) != nil)

        // Had it been running, the clock still ends its phases and the event.
        var running = try F.demo()
        try F.control(.start, on: &running, at: start)
        step = 0
        while F.run(running).history.count < InputLimits.runTransitionsMax - 1 {
            step += 1
            try F.control(F.run(running).status == .running ? .pause : .resume, on: &running, at: start + step)
        }
        try F.control(.extend(byMs: 1), on: &running, at: start + step + 1)
        #expect(F.run(running).history.count == 1_000 && F.run(running).status == .running)
        try F.advance(on: &running, at: F.paris(18, 0))
        #expect(F.run(running).status == .finished)
        #expect(F.run(running).history.count == 1_005)
    }

    @Test(arguments: [
        (Millis(0), "0 ms"), (450, "450 ms"), (999, "999 ms"), (1_000, "1 s"), (1_999, "1 s"), (59_000, "59 s"),
        (60_000, "1 min"), (200_000, "3 min 20 s"), (3_600_000, "1 h"), (3_601_000, "1 h 1 s"),
        (3_900_000, "1 h 5 min"), (6_900_000, "1 h 55 min"), (86_400_000, "24 h"), (90_061_000, "25 h 1 min 1 s"),
        (-450, "-450 ms"), (-600_000, "-10 min"), (-3_900_000, "-1 h 5 min"),
    ])
    func durationText(_ millis: Millis, _ text: String) {
        #expect(DurationText.of(millis) == text)
    }
}
