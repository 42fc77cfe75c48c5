/// One phase of the agenda as planned, as it ran, and as it is projected to run.
public struct PhaseTiming: Sendable, Equatable {
    public var index: Int
    /// The agenda's planned wall-clock start, as an instant; nil when unplanned.
    public var plannedStart: Millis?
    /// Real once started, else projected; nil when not projectable yet (a draft).
    public var start: Millis?
    public var end: Millis?
    /// As it runs: planned duration plus extensions; once ended, what it really lasted.
    public var durationMs: Millis
    public var started: Bool
    public var ended: Bool

    /// How late (positive) or early the phase started, or is projected to, against the plan.
    public var driftMs: Millis? {
        guard let plannedStart, let start else { return nil }
        return start - plannedStart
    }
}

extension EventRun {
    /// Every phase's timing at `now`. Later phases are projected from the
    /// current one's end (or the scheduled start), so an extension or a pause
    /// shifts them all. Call on a run caught up at `now`.
    public func timings(durations: [Millis], plannedStarts: [Millis?], at now: Millis) -> [PhaseTiming] {
        var timings: [PhaseTiming] = []
        timings.reserveCapacity(durations.count)
        var cursor: Millis? = status == .ready ? scheduledStart : nil
        for (index, planned) in durations.enumerated() {
            let started = index < phaseStarts.count
            let ended = index < phaseEnds.count
            var timing = PhaseTiming(index: index, plannedStart: index < plannedStarts.count ? plannedStarts[index] : nil,
                                     start: nil, end: nil, durationMs: planned, started: started, ended: ended)
            if ended {
                timing.start = phaseStarts[index]
                timing.end = phaseEnds[index]
                timing.durationMs = phaseEnds[index] - phaseStarts[index]
            } else if started {
                let end = status == .paused ? now + frozenRemaining : phaseEndsAt
                timing.start = phaseStarts[index]
                timing.end = end
                timing.durationMs = planned + phaseExtensions[index]
                cursor = end
            } else if let start = cursor {
                timing.start = start
                timing.end = start + planned
                cursor = start + planned
            }
            timings.append(timing)
        }
        return timings
    }
}
