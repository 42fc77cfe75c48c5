import HackDomain
import Testing

/// An organiser's controls on a run: pause and resume, extend and shorten, skip, schedule, and their refusals.
@Suite struct RunTestsControls {
    typealias F = RunFixtures

    /// The demo started on time and in its hack phase (11:05 → 13:00), the clock having noticed at 11:05.
    static func inHack() throws -> HackState {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        try F.advance(on: &state, at: F.paris(11, 5))
        return state
    }

    static func expectRefused(_ control: RunControl, in state: HackState, at now: Millis,
                              _ kind: DomainError.Kind = .failedPrecondition, field: String, message: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let error = F.refusal(of: control, in: state, at: now)
        #expect(error?.kind == kind, sourceLocation: sourceLocation)
        #expect(error?.field == field, sourceLocation: sourceLocation)
        #expect(error?.message == message, sourceLocation: sourceLocation)
    }

    @Test func pauseFreezesTheRemainingTimeAndResumeShiftsTheEnds() throws {
        var state = try Self.inHack()
        let paused = try F.control(.pause, on: &state, at: F.paris(11, 30))
        #expect(paused == [RunTransition(.paused, at: F.paris(11, 30), phaseIndex: 1, by: "orga")])
        var run = F.run(state)
        #expect(run.status == .paused && run.pausedAt == F.paris(11, 30))
        #expect(run.remaining(at: F.paris(11, 30)) == 90 * F.minute)
        #expect(run.remaining(at: F.paris(12, 0)) == 90 * F.minute)
        #expect(run.nextDue == nil && state.runsDue.isEmpty)
        #expect(run.caughtUp(at: F.paris(18, 0), durations: F.durations) == run, "nothing falls due while paused")

        // While paused, the projection moves with the clock: the hack ends 90 min after now.
        let projected = try F.timings(state, at: F.paris(12, 0))
        #expect(projected.map(\.start) == [F.paris(11, 0), F.paris(11, 5), F.paris(13, 30), F.paris(14, 30), F.paris(15, 30)])
        #expect(projected.map(\.driftMs) == [0, 0, 30 * F.minute, 30 * F.minute, 30 * F.minute])
        #expect(projected.last?.end == F.paris(16, 15))

        try F.control(.resume, on: &state, at: F.paris(12, 0))
        run = F.run(state)
        #expect(run.status == .running && run.pausedAt == nil)
        #expect(run.phaseEndsAt == F.paris(13, 30), "the end shifts by the 30 min pause")
        #expect(run.remaining(at: F.paris(12, 0)) == 90 * F.minute)
        #expect(run.nextDue == F.paris(13, 30))
        #expect(run.dueTransitions(at: F.paris(13, 30) - 1, durations: F.durations).isEmpty)
        #expect(run.dueTransitions(at: F.paris(13, 30), durations: F.durations)
                == [RunTransition(.phaseStarted, at: F.paris(13, 30), phaseIndex: 2)])
        try F.advance(on: &state, at: F.paris(13, 30))
        let hack = try F.timings(state, at: F.paris(13, 30))[1]
        #expect(hack.ended && hack.end == F.paris(13, 30) && hack.durationMs == 145 * F.minute)
    }

    @Test func extendingShiftsEveryLaterProjectedPhase() throws {
        var state = try Self.inHack()
        let before = try F.timings(state, at: F.paris(11, 30))
        let extended = try F.control(.extend(byMs: 10 * F.minute), on: &state, at: F.paris(11, 30))
        #expect(extended == [RunTransition(.extended, at: F.paris(11, 30), phaseIndex: 1, deltaMs: 600_000, by: "orga")])
        #expect(extended.first?.auditText == "extended phase 2 by 10 min")
        #expect(F.run(state).phaseEndsAt == F.paris(13, 10))
        let after = try F.timings(state, at: F.paris(11, 30))
        #expect(after[1].durationMs == 125 * F.minute && after[1].end == F.paris(13, 10))
        for index in 2..<5 {
            #expect(after[index].start == before[index].start.map { $0 + 10 * F.minute })
            #expect(after[index].end == before[index].end.map { $0 + 10 * F.minute })
        }
        #expect(after.map(\.driftMs) == [0, 0, 600_000, 600_000, 600_000])

        let shortened = try F.control(.extend(byMs: -15 * F.minute), on: &state, at: F.paris(11, 40))
        #expect(shortened.first?.auditText == "shortened phase 2 by 15 min")
        #expect(F.run(state).phaseEndsAt == F.paris(12, 55))
        #expect(F.run(state).phaseExtensions == [0, -5 * F.minute])
    }

    @Test func shorteningBeyondTheRemainingTimeIsRefused() throws {
        var state = try Self.inHack()
        let message = "phase 2 « Hack » has 5 min left; shortening it by 5 min would end it in the past (skip ends it now)"
        Self.expectRefused(.extend(byMs: -5 * F.minute), in: state, at: F.paris(12, 55), field: "delta_ms", message: message)
        Self.expectRefused(.extend(byMs: -6 * F.minute), in: state, at: F.paris(12, 55), field: "delta_ms",
                           message: "phase 2 « Hack » has 5 min left; shortening it by 6 min would end it in the past (skip ends it now)")
        Self.expectRefused(.extend(byMs: 0), in: state, at: F.paris(12, 55), .invalidArgument, field: "delta_ms",
                           message: "delta_ms: must be non-zero and at most 24 hours either way")
        Self.expectRefused(.extend(byMs: 24 * F.hour + 1), in: state, at: F.paris(12, 55), .invalidArgument, field: "delta_ms",
                           message: "delta_ms: must be non-zero and at most 24 hours either way")
        #expect(F.refusal(of: .extend(byMs: 24 * F.hour), in: state, at: F.paris(12, 55)) == nil)
        // The extremes a peer can send are refused, not trapped on.
        for absurd in [Int64.min, Int64.max, -24 * F.hour - 1] {
            Self.expectRefused(.extend(byMs: absurd), in: state, at: F.paris(12, 55), .invalidArgument, field: "delta_ms",
                               message: "delta_ms: must be non-zero and at most 24 hours either way")
        }

        // Paused, the time left is frozen: still 5 min however long the pause.
        try F.control(.pause, on: &state, at: F.paris(12, 55))
        Self.expectRefused(.extend(byMs: -5 * F.minute), in: state, at: F.paris(13, 30), field: "delta_ms", message: message)
        try F.control(.extend(byMs: -(5 * F.minute - 1)), on: &state, at: F.paris(13, 30))
        #expect(F.run(state).remaining(at: F.paris(13, 30)) == 1)
        try F.control(.resume, on: &state, at: F.paris(13, 40))
        #expect(F.run(state).phaseEndsAt == F.paris(13, 40) + 1)
    }

    @Test func extendingWhilePausedAddsToTheFrozenTime() throws {
        var state = try Self.inHack()
        try F.control(.pause, on: &state, at: F.paris(11, 30))
        try F.control(.extend(byMs: 10 * F.minute), on: &state, at: F.paris(11, 40))
        #expect(F.run(state).remaining(at: F.paris(11, 45)) == 100 * F.minute)
        #expect(try F.timings(state, at: F.paris(11, 40))[1].end == F.paris(13, 20))
        try F.control(.resume, on: &state, at: F.paris(11, 50))
        #expect(F.run(state).phaseEndsAt == F.paris(13, 30))
    }

    @Test func skipStartsTheNextPhaseNowAndFinishesAfterTheLast() throws {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        let skipped = try F.control(.skip(phaseIndex: 0), on: &state, at: F.paris(11, 2))
        #expect(skipped == [RunTransition(.skipped, at: F.paris(11, 2), phaseIndex: 0, by: "orga"),
                            RunTransition(.phaseStarted, at: F.paris(11, 2), phaseIndex: 1, by: "orga")])
        #expect(skipped.map(\.auditText) == ["skipped phase 1", "phase 2 started"])
        #expect(F.run(state).phaseEnds == [F.paris(11, 2)])
        #expect(F.run(state).phaseEndsAt == F.paris(12, 57))
        #expect(try F.timings(state, at: F.paris(11, 2))[0].durationMs == 2 * F.minute)

        // A second organiser skipping "phase 1" too is refused: it is no longer current.
        Self.expectRefused(.skip(phaseIndex: 0), in: state, at: F.paris(11, 3), field: "phase_number",
                           message: "phase 1 « Introduction générale » is not current: phase 2 « Hack » is")
        for index in 1...3 { try F.control(.skip(phaseIndex: index), on: &state, at: F.paris(11, 10)) }
        let last = try F.control(.skip(phaseIndex: nil), on: &state, at: F.paris(11, 20))
        #expect(last == [RunTransition(.skipped, at: F.paris(11, 20), phaseIndex: 4, by: "orga"),
                         RunTransition(.finished, at: F.paris(11, 20), phaseIndex: 4, by: "orga")])
        #expect(F.run(state).status == .finished && F.run(state).finishedAt == F.paris(11, 20))
        Self.expectRefused(.skip(phaseIndex: nil), in: state, at: F.paris(11, 30), field: "slug",
                           message: "cannot skip a phase of event \"parcours-france-2017\": it finished at 11:20:00")
    }

    @Test func skipWhilePausedKeepsTheNextPhasePausedWithItsWholeTime() throws {
        var state = try Self.inHack()
        try F.control(.pause, on: &state, at: F.paris(12, 0))
        try F.control(.skip(phaseIndex: 1), on: &state, at: F.paris(12, 10))
        let run = F.run(state)
        #expect(run.status == .paused && run.phaseIndex == 2)
        #expect(run.pausedAt == F.paris(12, 10))
        #expect(run.remaining(at: F.paris(12, 20)) == 60 * F.minute)
        #expect(run.phaseEnds == [F.paris(11, 5), F.paris(12, 10)])
        #expect(run.nextDue == nil)
        try F.control(.resume, on: &state, at: F.paris(12, 30))
        #expect(F.run(state).phaseEndsAt == F.paris(13, 30))
    }

    @Test func controlsInTheWrongStateSayWhereTheRunIs() throws {
        let cannot = "cannot %@ event \"parcours-france-2017\": it "
        func message(_ verb: String, _ state: String) -> String { cannot.replacingOccurrences(of: "%@", with: verb) + state }
        var state = try F.demo()
        let draft = "is a draft that has not started"
        for (control, verb) in [(RunControl.pause, "pause"), (.resume, "resume"), (.extend(byMs: 1), "extend a phase of"),
                                (.skip(phaseIndex: nil), "skip a phase of")] {
            Self.expectRefused(control, in: state, at: F.paris(10, 0), field: "slug", message: message(verb, draft))
        }
        Self.expectRefused(.schedule(at: nil), in: state, at: F.paris(10, 0), field: "start_at_ms",
                           message: "event \"parcours-france-2017\" is not scheduled")

        try F.control(.schedule(at: F.paris(11, 0)), on: &state, at: F.paris(10, 0))
        Self.expectRefused(.pause, in: state, at: F.paris(10, 30), field: "slug",
                           message: message("pause", "has not started (it starts at 11:00:00)"))

        // Nobody advanced the clock: the run is caught up to 11:10 before the control is judged.
        let running = "is running (phase 2 « Hack » since 11:05:00)"
        Self.expectRefused(.start, in: state, at: F.paris(11, 10), field: "slug", message: message("start", running))
        Self.expectRefused(.resume, in: state, at: F.paris(11, 10), field: "slug", message: message("resume", running))
        Self.expectRefused(.schedule(at: F.paris(12, 0)), in: state, at: F.paris(11, 10), field: "slug",
                           message: message("schedule", running))

        try F.control(.pause, on: &state, at: F.paris(11, 30))
        let paused = "is paused (phase 2 « Hack », since 11:30:00)"
        Self.expectRefused(.pause, in: state, at: F.paris(11, 40), field: "slug", message: message("pause", paused))
        Self.expectRefused(.start, in: state, at: F.paris(11, 40), field: "slug", message: message("start", paused))

        try F.control(.resume, on: &state, at: F.paris(11, 40))
        Self.expectRefused(.start, in: state, at: F.paris(18, 0), field: "slug", message: message("start", "finished at 15:55:00"))
        Self.expectRefused(.resume, in: state, at: F.paris(18, 0), field: "slug", message: message("resume", "finished at 15:55:00"))
    }
}
