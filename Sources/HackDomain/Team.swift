/// People working on one challenge; the name is unique within the event.
public struct Team: Sendable, Equatable {
    public var id: Int64
    /// The challenge's event, kept here so per-event reads need no join.
    public var eventSlug: String
    public var challengeId: Int64
    public var name: String
    /// In the order given.
    public var members: [Person]

    public init(id: Int64, eventSlug: String, challengeId: Int64, name: String, members: [Person]) {
        self.id = id
        self.eventSlug = eventSlug
        self.challengeId = challengeId
        self.name = name
        self.members = members
    }
}
