/// One step of an event's run, as persisted: the run is the fold of its
/// transitions, so storing them (append-only) stores the run.
public struct RunTransition: Sendable, Equatable {
    /// Raw values are the stable names stored on disk.
    public enum Kind: String, Sendable, CaseIterable {
        case scheduled
        case unscheduled
        case started
        case phaseStarted = "phase_started"
        case paused
        case resumed
        case extended
        case skipped
        case finished
    }

    public var kind: Kind
    /// When it took effect. For the clock's transitions: when it fell due,
    /// even if the server was down then.
    public var at: Millis
    /// The phase it concerns (0-based).
    public var phaseIndex: Int
    /// `extended` only: milliseconds added (negative: removed).
    public var deltaMs: Millis
    /// `scheduled` only: when the event starts by itself.
    public var startAt: Millis
    /// The name of the token that asked; "" for the server clock.
    public var by: String

    public init(_ kind: Kind, at: Millis, phaseIndex: Int = 0, deltaMs: Millis = 0, startAt: Millis = 0, by: String = "") {
        self.kind = kind
        self.at = at
        self.phaseIndex = phaseIndex
        self.deltaMs = deltaMs
        self.startAt = startAt
        self.by = by
    }

    /// Whether the server clock made it (rather than an organiser).
    public var isFromClock: Bool { by.isEmpty }
}

/// What an organiser asks of a run.
public enum RunControl: Sendable, Equatable {
    case start
    /// nil: unschedule (back to draft).
    case schedule(at: Millis?)
    case pause
    case resume
    /// Positive extends the current phase, negative shortens it.
    case extend(byMs: Millis)
    /// With an index: only if that phase is still current (no double skip).
    case skip(phaseIndex: Int?)
}
