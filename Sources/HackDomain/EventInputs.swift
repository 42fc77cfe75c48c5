/// A phase as it comes from the wire: the planned start is still text.
public struct PhaseDraft: Sendable, Equatable {
    public var kind: PhaseKind
    public var name: String
    /// "HH:MM", or "" when not planned.
    public var plannedStart: String
    public var durationMs: Int64

    public init(kind: PhaseKind, name: String = "", plannedStart: String = "", durationMs: Int64) {
        self.kind = kind
        self.name = name
        self.plannedStart = plannedStart
        self.durationMs = durationMs
    }
}

/// The fields of a new event, unparsed; `HackState.decide` validates them.
public struct EventDraft: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var venue: String
    public var timeZone: String
    public var date: String
    public var theme: String
    public var agenda: [PhaseDraft]

    public init(
        slug: String, name: String, venue: String = "", timeZone: String, date: String,
        theme: String = "", agenda: [PhaseDraft]
    ) {
        self.slug = slug
        self.name = name
        self.venue = venue
        self.timeZone = timeZone
        self.date = date
        self.theme = theme
        self.agenda = agenda
    }
}

/// The fields to change on an event; nil keeps the current value.
public struct EventPatch: Sendable, Equatable {
    public var name: String?
    public var venue: String?
    public var timeZone: String?
    public var date: String?
    public var theme: String?
    /// Replaces the whole agenda when set.
    public var agenda: [PhaseDraft]?

    public init(
        name: String? = nil, venue: String? = nil, timeZone: String? = nil, date: String? = nil,
        theme: String? = nil, agenda: [PhaseDraft]? = nil
    ) {
        self.name = name
        self.venue = venue
        self.timeZone = timeZone
        self.date = date
        self.theme = theme
        self.agenda = agenda
    }
}
