/// What each moment of an event allows: one table, rendered into
/// docs/PHASES.md (a test keeps the two in step). Gates are decided on the
/// server clock at the moment a write is decided, on the run caught up to
/// that moment: an edit decided in the millisecond the hack ends is refused.
public enum GatedAction: String, Sendable, CaseIterable {
    case changeAgenda = "change the agenda"
    case changeSetup = "change the event, its challenges or its teams"
    case submitIdea = "post an idea"
    case editIdea = "edit an idea"
    case castVote = "cast an audience vote"
    case changeRubric = "set the judging rubric (until an idea is scored)"
    case scoreIdea = "score an idea (jurors)"
    case writeSynthesis = "save a synthesis"
    case coSignSynthesis = "co-sign a synthesis"

    /// When it is allowed: these run states, and (when set) only in phases of these kinds.
    public var rule: (statuses: [EventRun.Status], kinds: [PhaseKind]?) {
        switch self {
        case .changeAgenda: ([.draft, .ready], nil)
        case .changeSetup: ([.draft, .ready, .running, .paused], nil)
        case .submitIdea: ([.running], [.hack])
        case .editIdea: ([.running], [.hack])
        case .castVote: ([.running], [.restitution])
        case .changeRubric: ([.draft, .ready, .running, .paused], nil)
        case .scoreIdea: ([.running], [.synthesis])
        case .writeSynthesis: ([.running], [.synthesis])
        case .coSignSynthesis: ([.running], [.synthesis])
        }
    }

    /// How messages name it: "idea submission closed at …".
    public var noun: String {
        switch self {
        case .changeAgenda: "agenda changes"
        case .changeSetup: "changes to the event"
        case .submitIdea: "idea submission"
        case .editIdea: "idea editing"
        case .castVote: "the audience vote"
        case .changeRubric: "rubric changes"
        case .scoreIdea: "scoring"
        case .writeSynthesis: "synthesis writing"
        case .coSignSynthesis: "synthesis co-signing"
        }
    }

    func allows(_ run: EventRun, agenda: [Phase]) -> Bool {
        let (statuses, kinds) = rule
        guard statuses.contains(run.status) else { return false }
        guard let kinds else { return true }
        return run.isInPhase && agenda.indices.contains(run.phaseIndex) && kinds.contains(agenda[run.phaseIndex].kind)
    }
}

extension HackState {
    /// Refuses `action` unless the event's run, caught up at `now`, allows it;
    /// the message names the current phase and when the action opens or closed.
    public func requireOpen(_ action: GatedAction, eventSlug: String, at now: Millis) throws(DomainError) {
        guard let event = eventsBySlug[eventSlug] else { return }
        let run = run(of: event, at: now)
        guard !action.allows(run, agenda: event.agenda) else { return }
        throw .failedPrecondition("event", GateMessage(action: action, event: event, run: run, now: now).text)
    }
}

/// Why an action is refused, in words: the moment it closed or opens, and where the event is now.
private struct GateMessage {
    let action: GatedAction
    let event: Event
    let run: EventRun
    let now: Millis

    var text: String {
        let noun = action.noun
        let current = currentText
        if run.status == .paused, action.rule.statuses.contains(.running), phaseKindAllowed(run.phaseIndex) {
            return "\(noun) is suspended while the event is paused (since \(time(run.pausedAt ?? now)), \(current))"
        }
        guard action.rule.kinds != nil else {
            // Only the run's status matters: it closed when the event started or finished.
            if run.status == .finished, let end = run.finishedAt {
                return "\(noun) closed at \(time(end)) when the event finished"
            }
            if let start = run.startedAt, !action.rule.statuses.contains(run.status) {
                return "\(noun) closed at \(time(start)) when the event started; \(current)"
            }
            return "\(noun) is not open: \(current)"
        }
        var parts: [String] = []
        if let closed = lastEndedAllowedPhase() {
            parts.append("\(noun) closed at \(time(run.phaseEnds[closed])) when \(event.phaseLabel(closed)) ended")
        }
        if let next = nextAllowedPhase() {
            let timings = run.timings(durations: event.agenda.map(\.durationMs), plannedStarts: event.plannedStarts(for: run), at: now)
            let when = timings[next].start.map { " (expected at \(time($0)))" }
                ?? timings[next].plannedStart.map { " (planned at \(time($0)))" } ?? ""
            parts.append("\(noun) \(parts.isEmpty ? "opens" : "opens again") when \(event.phaseLabel(next)) starts\(when)")
        }
        if parts.isEmpty { parts.append("\(noun) is closed: no phase of the agenda allows it") }
        return parts.joined(separator: "; ") + "; \(current)"
    }

    private var currentText: String {
        switch run.status {
        case .draft: "the event has not started (draft)"
        case .ready: "the event has not started (starts at \(time(run.scheduledStart ?? now)))"
        case .running: "now: \(event.phaseLabel(run.phaseIndex))"
        case .paused: "now: \(event.phaseLabel(run.phaseIndex)), paused"
        case .finished: "the event finished at \(time(run.finishedAt ?? now))"
        }
    }

    private func phaseKindAllowed(_ index: Int) -> Bool {
        guard let kinds = action.rule.kinds else { return true }
        return event.agenda.indices.contains(index) && kinds.contains(event.agenda[index].kind)
    }

    private func lastEndedAllowedPhase() -> Int? {
        run.phaseEnds.indices.last { phaseKindAllowed($0) }
    }

    private func nextAllowedPhase() -> Int? {
        guard run.status != .finished else { return nil }
        let from = run.isInPhase ? run.phaseIndex + 1 : 0
        return (from..<max(from, event.agenda.count)).first { phaseKindAllowed($0) }
    }

    private func time(_ millis: Millis) -> String { event.localTimeText(millis, for: run) }
}
