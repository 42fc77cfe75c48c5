/// How an event runs on the server clock: draft → ready → running ⇄ paused
/// → finished. A pure value, rebuilt by folding its transitions in order
/// (`record`), so what is on disk (the transitions) and what is in memory
/// cannot disagree. Phase durations come from the agenda, which cannot
/// change once the event has started.
public struct EventRun: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft, ready, running, paused, finished
    }

    public private(set) var status: Status = .draft
    /// ready: when the event starts by itself.
    public private(set) var scheduledStart: Millis?
    /// running, paused, finished: the current (or last) phase.
    public private(set) var phaseIndex = 0
    /// running: when the current phase ends, pauses and extensions included.
    public private(set) var phaseEndsAt: Millis = 0
    /// paused: the time the current phase had left when it was paused.
    public private(set) var frozenRemaining: Millis = 0
    /// paused: since when.
    public private(set) var pausedAt: Millis?
    /// When each phase that started really started, by index.
    public private(set) var phaseStarts: [Millis] = []
    /// When each phase that ended really ended, by index.
    public private(set) var phaseEnds: [Millis] = []
    /// Sum of extensions (negative: shortenings) per phase index that started.
    public private(set) var phaseExtensions: [Millis] = []
    /// Every transition, oldest first.
    public private(set) var history: [RunTransition] = []

    public init() {}

    public var startedAt: Millis? { phaseStarts.first }
    public var finishedAt: Millis? { status == .finished ? phaseEnds.last : nil }
    /// Whether a phase is under way (running or paused).
    public var isInPhase: Bool { status == .running || status == .paused }

    /// Time left in the current phase at `now`: frozen while paused.
    public func remaining(at now: Millis) -> Millis {
        switch status {
        case .running: max(0, phaseEndsAt - now)
        case .paused: frozenRemaining
        default: 0
        }
    }

    /// Folds one transition in. `durations` are the agenda's, in order.
    /// Transitions come from `decide` (or from disk, where `decide` put them),
    /// so they are valid for the run; an out-of-place one changes nothing
    /// rather than being trusted, but stays in the history, which mirrors
    /// the stored rows one for one.
    public mutating func record(_ transition: RunTransition, durations: [Millis]) {
        defer { history.append(transition) }
        let at = transition.at
        switch transition.kind {
        case .scheduled:
            status = .ready
            scheduledStart = transition.startAt
        case .unscheduled:
            status = .draft
            scheduledStart = nil
        case .started:
            guard let first = durations.first else { return }
            status = .running
            scheduledStart = nil
            beginPhase(0, at: at, duration: first)
        case .phaseStarted:
            let index = transition.phaseIndex
            guard index < durations.count, index == phaseStarts.count else { return }
            endPhase(at: at)
            beginPhase(index, at: at, duration: durations[index])
        case .paused:
            guard status == .running else { return }
            frozenRemaining = max(0, phaseEndsAt - at)
            pausedAt = at
            status = .paused
        case .resumed:
            guard status == .paused else { return }
            phaseEndsAt = at + frozenRemaining
            pausedAt = nil
            status = .running
        case .extended:
            guard isInPhase, phaseIndex < phaseExtensions.count else { return }
            phaseExtensions[phaseIndex] += transition.deltaMs
            if status == .paused { frozenRemaining += transition.deltaMs } else { phaseEndsAt += transition.deltaMs }
        case .skipped:
            break  // the phaseStarted or finished that follows ends the phase
        case .finished:
            endPhase(at: at)
            status = .finished
            pausedAt = nil
        }
    }

    private mutating func beginPhase(_ index: Int, at: Millis, duration: Millis) {
        phaseIndex = index
        phaseStarts.append(at)
        phaseExtensions.append(0)
        if status == .paused {
            // Skipping while paused: the next phase begins with its whole time, still frozen.
            frozenRemaining = duration
            pausedAt = at
        } else {
            phaseEndsAt = at + duration
        }
    }

    private mutating func endPhase(at: Millis) {
        if phaseEnds.count < phaseStarts.count { phaseEnds.append(at) }
    }
}
