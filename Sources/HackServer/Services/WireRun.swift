import HackDomain
import HackProtocol

// Runs as they travel: always rendered caught up to the moment of the answer,
// so every client sees the same clock whether or not a timer has fired yet.

extension Hack_V1_EventRun {
    init(of event: Event, in state: HackState, at now: Millis) {
        self.init(state.run(of: event, at: now), of: event, at: now)
    }

    /// `run` must be caught up at `now`.
    init(_ run: EventRun, of event: Event, at now: Millis) {
        self.init()
        status = Hack_V1_RunStatus(run.status)
        asOfMs = now
        scheduledStartMs = run.status == .ready ? run.scheduledStart ?? 0 : 0
        if run.isInPhase || run.status == .finished {
            phaseIndex = UInt32(run.phaseIndex)
        }
        if run.isInPhase {
            phaseStartedAtMs = run.phaseStarts.last ?? 0
            remainingMs = run.remaining(at: now)
        }
        if run.status == .running { phaseEndsAtMs = run.phaseEndsAt }
        pausedAtMs = run.status == .paused ? run.pausedAt ?? 0 : 0
        startedAtMs = run.startedAt ?? 0
        finishedAtMs = run.finishedAt ?? 0
        phases = run.timings(durations: event.agenda.map(\.durationMs), plannedStarts: event.plannedStarts(for: run), at: now)
            .map(Hack_V1_PhaseTiming.init)
        history = run.history.map(Hack_V1_RunTransition.init)
    }
}

extension Hack_V1_RunStatus {
    init(_ status: EventRun.Status) {
        self = switch status {
        case .draft: .draft
        case .ready: .ready
        case .running: .running
        case .paused: .paused
        case .finished: .finished
        }
    }
}

extension Hack_V1_PhaseTiming {
    init(_ timing: PhaseTiming) {
        self.init()
        index = UInt32(timing.index)
        plannedStartMs = timing.plannedStart ?? 0
        startMs = timing.start ?? 0
        endMs = timing.end ?? 0
        durationMs = timing.durationMs
        started = timing.started
        ended = timing.ended
        driftMs = timing.driftMs ?? 0
    }
}

extension Hack_V1_RunTransition {
    init(_ transition: RunTransition) {
        self.init()
        kind = switch transition.kind {
        case .scheduled: .scheduled
        case .unscheduled: .unscheduled
        case .started: .started
        case .phaseStarted: .phaseStarted
        case .paused: .paused
        case .resumed: .resumed
        case .extended: .extended
        case .skipped: .skipped
        case .finished: .finished
        }
        atMs = transition.at
        phaseIndex = UInt32(transition.phaseIndex)
        deltaMs = transition.deltaMs
        startAtMs = transition.startAt
        by = transition.by
    }
}

extension Hack_V1_Tick {
    /// `run` must be caught up at `now`.
    init(_ run: EventRun, at now: Millis) {
        self.init()
        status = Hack_V1_RunStatus(run.status)
        phaseIndex = UInt32(run.phaseIndex)
        if run.status == .running { phaseEndsAtMs = run.phaseEndsAt }
        remainingMs = run.remaining(at: now)
    }
}

extension Hack_V1_IdeaCounts {
    init(eventSlug: String, in state: HackState) {
        self.init()
        challenges = state.challenges(eventSlug: eventSlug).map { challenge in
            let ideas = state.ideas(eventSlug: eventSlug, challengeId: challenge.id, teamId: nil)
            var count = Hack_V1_ChallengeIdeaCount()
            count.challengeID = UInt64(challenge.id)
            count.ideas = UInt32(ideas.count)
            count.teams = UInt32(Set(ideas.map(\.teamId)).count)
            return count
        }
    }
}
