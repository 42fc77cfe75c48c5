/// The fields of a new team; its event is its challenge's.
public struct TeamDraft: Sendable, Equatable {
    public var challengeId: Int64
    public var name: String
    public var members: [Person]

    public init(challengeId: Int64, name: String, members: [Person] = []) {
        self.challengeId = challengeId
        self.name = name
        self.members = members
    }
}

/// The fields to change on a team; nil keeps the current value.
/// The challenge is fixed: the team's ideas answer it.
public struct TeamPatch: Sendable, Equatable {
    public var name: String?
    /// Replaces the whole list when set.
    public var members: [Person]?

    public init(name: String? = nil, members: [Person]? = nil) {
        self.name = name
        self.members = members
    }
}
