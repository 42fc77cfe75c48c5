import Foundation

/// Deciding the run's controls and the clock's transitions. Each decision
/// first catches the run up to `now` (the transitions that fell due are
/// part of the change, at their own times), then applies the control.
extension HackState {
    func decideRun(eventSlug slug: String, _ control: RunControl, by: String, at now: Millis) throws(DomainError) -> Change {
        guard let event = eventsBySlug[slug] else { throw .notFound("slug", "event \"\(slug)\"") }
        let durations = event.agenda.map(\.durationMs)
        var run = run(eventSlug: slug)
        let due = run.dueTransitions(at: now, durations: durations)
        for transition in due { run.record(transition, durations: durations) }
        let added = try RunDecision(event: event, run: run, now: now, by: by).transitions(for: control)
        // The clock's own transitions are never refused (a run must be able to finish); controls are.
        guard run.history.count + added.count <= InputLimits.runTransitionsMax else {
            throw .failedPrecondition("slug", "event \"\(slug)\" has \(run.history.count) run transitions; the limit is \(InputLimits.runTransitionsMax)")
        }
        for transition in added { run.record(transition, durations: durations) }
        return .runChanged(eventSlug: slug, run: run, transitions: due + added)
    }

    func decideAdvance(eventSlug slug: String, at now: Millis) throws(DomainError) -> Change {
        guard let event = eventsBySlug[slug] else { throw .notFound("slug", "event \"\(slug)\"") }
        let durations = event.agenda.map(\.durationMs)
        var run = run(eventSlug: slug)
        let due = run.dueTransitions(at: now, durations: durations)
        guard !due.isEmpty else {
            throw .failedPrecondition("slug", "nothing is due on event \"\(slug)\" at \(event.localTimeText(now))")
        }
        for transition in due { run.record(transition, durations: durations) }
        return .runChanged(eventSlug: slug, run: run, transitions: due)
    }
}

/// One control on a run caught up at `now`: the transitions it adds, or why not.
private struct RunDecision {
    let event: Event
    let run: EventRun
    let now: Millis
    let by: String

    /// Extensions and schedules are bounded so no arithmetic can overflow a run.
    static let maxShiftMs: Millis = 86_400_000
    static let maxScheduleAheadMs: Millis = 366 * 86_400_000

    func transitions(for control: RunControl) throws(DomainError) -> [RunTransition] {
        switch control {
        case .start:
            try require([.draft, .ready], to: "start")
            return [RunTransition(.started, at: now, by: by)]
        case .schedule(let at):
            try require([.draft, .ready], to: "schedule")
            guard let at else {
                guard run.status == .ready else {
                    throw .failedPrecondition("start_at_ms", "event \"\(event.slug)\" is not scheduled")
                }
                return [RunTransition(.unscheduled, at: now, by: by)]
            }
            guard at > now else {
                throw .invalid("start_at_ms", "must be in the future (server clock: \(time(now)))")
            }
            guard at - now <= Self.maxScheduleAheadMs else {
                throw .invalid("start_at_ms", "must be within 366 days")
            }
            return [RunTransition(.scheduled, at: now, startAt: at, by: by)]
        case .pause:
            try require([.running], to: "pause")
            return [RunTransition(.paused, at: now, phaseIndex: run.phaseIndex, by: by)]
        case .resume:
            try require([.paused], to: "resume")
            return [RunTransition(.resumed, at: now, phaseIndex: run.phaseIndex, by: by)]
        case .extend(let delta):
            try require([.running, .paused], to: "extend a phase of")
            // magnitude, not abs: abs(Int64.min) traps, and a peer may send it.
            guard delta != 0, delta.magnitude <= Self.maxShiftMs.magnitude else {
                throw .invalid("delta_ms", "must be non-zero and at most 24 hours either way")
            }
            let remaining = run.remaining(at: now)
            guard remaining + delta > 0 else {
                throw .failedPrecondition("delta_ms", "\(event.phaseLabel(run.phaseIndex)) has \(DurationText.of(remaining)) left; shortening it by \(DurationText.of(-delta)) would end it in the past (skip ends it now)")
            }
            return [RunTransition(.extended, at: now, phaseIndex: run.phaseIndex, deltaMs: delta, by: by)]
        case .skip(let expected):
            try require([.running, .paused], to: "skip a phase of")
            if let expected, expected != run.phaseIndex {
                throw .failedPrecondition("phase_number", "\(event.phaseLabel(expected)) is not current: \(event.phaseLabel(run.phaseIndex)) is")
            }
            let next = run.phaseIndex + 1
            let skipped = RunTransition(.skipped, at: now, phaseIndex: run.phaseIndex, by: by)
            return next < event.agenda.count
                ? [skipped, RunTransition(.phaseStarted, at: now, phaseIndex: next, by: by)]
                : [skipped, RunTransition(.finished, at: now, phaseIndex: run.phaseIndex, by: by)]
        }
    }

    /// FAILED_PRECONDITION unless the run is in one of `statuses`, saying where it is.
    private func require(_ statuses: [EventRun.Status], to verb: String) throws(DomainError) {
        guard !statuses.contains(run.status) else { return }
        let state: String = switch run.status {
        case .draft: "is a draft that has not started"
        case .ready: "has not started (it starts at \(time(run.scheduledStart ?? now)))"
        case .running: "is running (\(event.phaseLabel(run.phaseIndex)) since \(time(run.phaseStarts.last ?? now)))"
        case .paused: "is paused (\(event.phaseLabel(run.phaseIndex)), since \(time(run.pausedAt ?? now)))"
        case .finished: "finished at \(time(run.finishedAt ?? now))"
        }
        throw .failedPrecondition("slug", "cannot \(verb) event \"\(event.slug)\": it \(state)")
    }

    private func time(_ millis: Millis) -> String { event.localTimeText(millis, for: run) }
}

/// Durations as people read them: "1 h 5 min", "3 min 20 s", "450 ms".
public enum DurationText {
    public static func of(_ millis: Millis) -> String {
        let sign = millis < 0 ? "-" : ""
        let total = abs(millis)
        guard total >= 1_000 else { return "\(sign)\(total) ms" }
        let seconds = total / 1_000
        let (hours, minutes, secs) = (seconds / 3_600, seconds / 60 % 60, seconds % 60)
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours) h") }
        if minutes > 0 { parts.append("\(minutes) min") }
        if secs > 0 || parts.isEmpty { parts.append("\(secs) s") }
        return sign + parts.joined(separator: " ")
    }
}

extension RunTransition {
    /// For the audit log: "paused phase 2", "extended phase 2 by 10 min".
    public var auditText: String {
        let phase = "phase \(phaseIndex + 1)"
        return switch kind {
        case .scheduled: "scheduled to start at \(Date(timeIntervalSince1970: Double(startAt) / 1000).ISO8601Format())"
        case .unscheduled: "unscheduled"
        case .started: "started"
        case .phaseStarted: "\(phase) started"
        case .paused: "paused \(phase)"
        case .resumed: "resumed \(phase)"
        case .extended: "\(deltaMs < 0 ? "shortened" : "extended") \(phase) by \(DurationText.of(abs(deltaMs)))"
        case .skipped: "skipped \(phase)"
        case .finished: "finished"
        }
    }
}
