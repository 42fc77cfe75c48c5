/// One step of an event's agenda.
public struct Phase: Sendable, Equatable {
    public var kind: PhaseKind
    public var name: String
    /// When the step is planned to start, in the event's time zone; nil when not planned.
    public var plannedStart: LocalTime?
    public var durationMs: Int64

    public init(kind: PhaseKind, name: String, plannedStart: LocalTime?, durationMs: Int64) {
        self.kind = kind
        self.name = name
        self.plannedStart = plannedStart
        self.durationMs = durationMs
    }
}

/// A hackathon held on one day at one place; its slug is its stable key.
public struct Event: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var venue: String
    /// IANA name, e.g. "Europe/Paris"; `date` and planned starts are read in it.
    public var timeZone: String
    public var date: LocalDate
    public var theme: String
    /// In running order.
    public var agenda: [Phase]
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(
        slug: String, name: String, venue: String, timeZone: String, date: LocalDate,
        theme: String, agenda: [Phase], createdAt: Millis, updatedAt: Millis
    ) {
        self.slug = slug
        self.name = name
        self.venue = venue
        self.timeZone = timeZone
        self.date = date
        self.theme = theme
        self.agenda = agenda
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
