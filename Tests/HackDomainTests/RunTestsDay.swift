import HackDomain
import Testing

/// A whole PARCOURS FRANCE day on the server clock, and a run rebuilt from its history.
@Suite struct RunTestsDay {
    typealias F = RunFixtures

    @Test func plannedInstantsAreTheAgendaInTheEventsTimeZone() throws {
        let event = try F.event(F.demo())
        #expect(event.plannedStarts == F.plannedStarts.map { Optional($0) })
        #expect(event.localTimeText(F.paris(13, 0)) == "13:00:00")
        #expect(event.localTimeText(F.paris(12, 59, 59) + 999) == "12:59:59")
        #expect(event.localTimeText(F.paris(11, 0) + 24 * F.hour) == "2017-10-11 11:00:00")
        #expect(event.phaseLabel(1) == "phase 2 « Hack »")
        #expect(event.phaseLabel(7) == "phase 8")
        #expect(event.agenda.map(\.durationMs) == F.durations)
    }

    /// Starts at the planned 11:00, then lets the clock run: each phase starts at its exact planned instant.
    @Test func aDayOnTimeFollowsThePlanToTheMillisecond() throws {
        var state = try F.demo()
        let started = try F.control(.start, on: &state, at: F.paris(11, 0))
        #expect(started == [RunTransition(.started, at: F.paris(11, 0), by: "orga")])
        #expect(try F.timings(state, at: F.paris(11, 0)).map(\.driftMs) == Array(repeating: 0, count: 5))

        var now = F.paris(11, 0)
        var clockTransitions: [RunTransition] = []
        while let due = F.run(state).nextDue {
            #expect(due > now, "the clock only moves forward")
            // Nothing falls due a millisecond early; at the instant itself, exactly one thing does.
            #expect(F.run(state).dueTransitions(at: due - 1, durations: F.durations).isEmpty)
            let expected = F.run(state).dueTransitions(at: due, durations: F.durations)
            #expect(expected.count == 1)
            now = due
            let recorded = try F.advance(on: &state, at: now)
            #expect(recorded == expected)
            #expect(recorded.allSatisfy { $0.at == now && $0.isFromClock })
            clockTransitions += recorded
        }
        #expect(now == F.plannedEnd)
        #expect(clockTransitions.map(\.kind) == [.phaseStarted, .phaseStarted, .phaseStarted, .phaseStarted, .finished])
        #expect(clockTransitions.map(\.phaseIndex) == [1, 2, 3, 4, 4])

        let run = F.run(state)
        #expect(run.status == .finished)
        #expect(run.phaseStarts == F.plannedStarts)
        #expect(run.phaseEnds == Array(F.plannedStarts.dropFirst()) + [F.plannedEnd])
        #expect(run.startedAt == F.paris(11, 0))
        #expect(run.finishedAt == F.paris(15, 45))
        #expect(run.nextDue == nil)
        #expect(state.runsDue.isEmpty)

        let timings = try F.timings(state, at: F.paris(16, 0))
        #expect(timings.map(\.driftMs) == Array(repeating: 0, count: 5))
        #expect(timings.map(\.durationMs) == F.durations)
        #expect(timings.allSatisfy { $0.started && $0.ended })
        #expect(timings.map(\.end) == Array(F.plannedStarts.dropFirst()) + [F.plannedEnd])

        let idle = try #require(refusal(of: .advanceRun(eventSlug: F.slug), in: state, at: F.paris(16, 0)))
        #expect(idle.kind == .failedPrecondition)
        #expect(idle.message == "nothing is due on event \"parcours-france-2017\" at 16:00:00")
    }

    /// A server that notices late (here: once, at 16:00) records every transition at the instant it fell due.
    @Test func aLateClockCatchesUpAtTheDueInstants() throws {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        #expect(F.run(state).caughtUp(at: F.paris(13, 30), durations: F.durations).phaseIndex == 2)
        let recorded = try F.advance(on: &state, at: F.paris(16, 0))
        #expect(recorded.map(\.at) == Array(F.plannedStarts.dropFirst()) + [F.plannedEnd])
        #expect(F.run(state).finishedAt == F.plannedEnd)
    }

    /// `run(of:at:)` skips the catch-up when nothing is due: it must equal
    /// the full catch-up at every instant around each boundary, in each status.
    @Test func theRunAtAnInstantEqualsTheFullCatchUp() throws {
        var states = [try F.demo()]
        var scheduled = try F.demo()
        try F.control(.schedule(at: F.paris(11, 0)), on: &scheduled, at: F.paris(10, 0))
        var running = try F.demo()
        try F.control(.start, on: &running, at: F.paris(11, 0))
        var paused = running
        try F.control(.pause, on: &paused, at: F.paris(12, 0))
        states += [scheduled, running, paused]
        let boundaries = [F.paris(10, 0)] + F.plannedStarts + [F.plannedEnd, F.paris(18, 0)]
        for state in states {
            let event = try F.event(state)
            for boundary in boundaries {
                for now in [boundary - 1, boundary, boundary + 1] {
                    #expect(state.run(of: event, at: now) == F.run(state).caughtUp(at: now, durations: F.durations),
                            "\(F.run(state).status) at \(now)")
                }
            }
        }
    }

    /// Starting 3 minutes late shifts every phase by 3 minutes: projected at the start, real at the end.
    @Test func aLateStartDriftsEveryPhaseByTheDelay() throws {
        var state = try F.demo()
        let late = F.paris(11, 3)
        try F.control(.start, on: &state, at: late)
        let projected = try F.timings(state, at: late)
        #expect(projected.map(\.driftMs) == Array(repeating: 180_000, count: 5))
        #expect(projected.map(\.started) == [true, false, false, false, false])
        #expect(projected.last?.end == F.plannedEnd + 3 * F.minute)

        while let due = F.run(state).nextDue { try F.advance(on: &state, at: due) }
        let run = F.run(state)
        #expect(run.phaseStarts == F.plannedStarts.map { $0 + 180_000 })
        #expect(run.finishedAt == F.paris(15, 48))
        let real = try F.timings(state, at: F.paris(16, 0))
        #expect(real.map(\.driftMs) == Array(repeating: 180_000, count: 5))
        #expect(real.map(\.durationMs) == F.durations)
    }

    /// One step of a scripted run: an organiser's control or the clock, at an instant.
    enum Step {
        case control(RunControl, Millis)
        case clock(Millis)
    }

    static let script: [Step] = [
        .control(.schedule(at: F.paris(11, 0)), F.paris(9, 0)),
        .control(.schedule(at: nil), F.paris(9, 30)),
        .control(.schedule(at: F.paris(11, 2)), F.paris(10, 0)),
        .clock(F.paris(11, 2)),
        .control(.skip(phaseIndex: 0), F.paris(11, 4)),            // hack 11:04 → 12:59
        .control(.pause, F.paris(11, 30)),                         // 89 min left, frozen
        .control(.extend(byMs: 10 * F.minute), F.paris(11, 35)),   // 99 min left
        .control(.resume, F.paris(11, 45)),                        // ends 13:24
        .control(.extend(byMs: -5 * F.minute), F.paris(12, 0)),    // ends 13:19
        .control(.pause, F.paris(14, 0)),   // decided late: synthesis started at 13:19 first
        .control(.skip(phaseIndex: nil), F.paris(14, 10)),         // pause phase, paused, 60 min frozen
        .control(.resume, F.paris(14, 20)),                        // ends 15:20; restitution → 16:05
        .clock(F.paris(23, 0)),
    ]

    @discardableResult
    static func play(_ steps: ArraySlice<Step>, on state: inout HackState) throws -> [[RunTransition]] {
        try steps.map { step in
            switch step {
            case .control(let control, let at): try F.control(control, on: &state, at: at)
            case .clock(let at): try F.advance(on: &state, at: at)
            }
        }
    }

    /// The run on disk is its transitions: folding them into a restored state gives the state decided step by step.
    @Test func aRunRestoredFromItsHistoryEqualsTheRunDecided() throws {
        let base = try F.demo()
        var state = base
        let changes = try Self.play(Self.script[...], on: &state)

        let decided = F.run(state)
        #expect(decided.status == .finished)
        #expect(decided.finishedAt == F.paris(16, 5))
        #expect(decided.phaseStarts == [F.paris(11, 2), F.paris(11, 4), F.paris(13, 19), F.paris(14, 10), F.paris(15, 20)])
        #expect(decided.phaseExtensions == [0, 5 * F.minute, 0, 0, 0])
        #expect(decided.history == changes.flatMap { $0 })
        #expect(decided.history.filter(\.isFromClock).map(\.kind) == [.started, .phaseStarted, .phaseStarted, .finished])
        #expect(decided.history.filter(\.isFromClock).map(\.at) == [F.paris(11, 2), F.paris(13, 19), F.paris(15, 20), F.paris(16, 5)])

        var restored = base
        for transition in decided.history { restored.restore(runTransition: transition, eventSlug: F.slug) }
        #expect(restored == state)
        #expect(F.run(restored) == decided)
        #expect(try F.timings(restored, at: F.paris(23, 0)) == F.timings(state, at: F.paris(23, 0)))

        // Restored after any step (a restart), the run goes on exactly as the one decided without a break.
        for cut in 0...Self.script.count {
            var resumed = base
            for transition in changes.prefix(cut).flatMap({ $0 }) { resumed.restore(runTransition: transition, eventSlug: F.slug) }
            try Self.play(Self.script[cut...], on: &resumed)
            #expect(resumed == state, "restored after step \(cut)")
        }
    }
}
