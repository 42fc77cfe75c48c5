/// The server clock's part of a run: what falls due, and when next.
extension EventRun {
    /// The transitions that fell due by `now`, in order, each at the moment it
    /// fell due (a phase that ran out at 13:00 ends at 13:00, however late
    /// the server notices). A phase ending exactly at `now` has ended.
    public func dueTransitions(at now: Millis, durations: [Millis]) -> [RunTransition] {
        var run = self
        var due: [RunTransition] = []
        func take(_ transition: RunTransition) {
            run.record(transition, durations: durations)
            due.append(transition)
        }
        if run.status == .ready, let start = run.scheduledStart, start <= now {
            take(RunTransition(.started, at: start))
        }
        while run.status == .running, run.phaseEndsAt <= now {
            let next = run.phaseIndex + 1
            take(next < durations.count
                 ? RunTransition(.phaseStarted, at: run.phaseEndsAt, phaseIndex: next)
                 : RunTransition(.finished, at: run.phaseEndsAt, phaseIndex: run.phaseIndex))
        }
        return due
    }

    /// The run as it is at `now`, whatever the timers have done yet: reads
    /// and phase gates use this, so every client sees the same clock.
    public func caughtUp(at now: Millis, durations: [Millis]) -> EventRun {
        var run = self
        for transition in dueTransitions(at: now, durations: durations) {
            run.record(transition, durations: durations)
        }
        return run
    }

    /// When the clock next has work on this run; nil while nothing can fall
    /// due (draft, paused, finished).
    public var nextDue: Millis? {
        switch status {
        case .ready: scheduledStart
        case .running: phaseEndsAt
        case .draft, .paused, .finished: nil
        }
    }
}
