/// What a token's holder does at a hackathon. Raw values are the stable
/// names stored on disk (the wire's `ROLE_*` without the prefix, lowercased).
public enum Role: String, Sendable, CaseIterable {
    /// Server-wide: creates events and issues their first organiser tokens.
    case admin
    /// Everything on one event.
    case organiser
    /// One territory in one event: its challenge, later its synthesis.
    case moderator
    /// A territory's representative: reads everything of its territory in one event.
    case territory
    /// Reads (later scores) the ideas of the challenges assigned in one event.
    case juror
    /// A team member: the team and its ideas.
    case team
    /// Press, visitors, big screen: read-only, only what is public.
    case observer
}

/// What a token is allowed: its role and the scope the role applies to.
/// Which fields a role needs is checked by `HackState.decide(.issueToken)`;
/// a grant held in the state always fits its role.
public struct Grant: Sendable, Equatable {
    public var role: Role
    /// nil only for `admin`.
    public var eventSlug: String?
    /// `moderator` and `territory` only.
    public var territorySlug: String?
    /// `team`: the team; `juror`: the juror's own team, if any (conflict of interest).
    public var teamId: Int64?
    /// `juror` only: the challenges assigned, in the order given.
    public var challengeIds: [Int64]

    public init(
        role: Role, eventSlug: String? = nil, territorySlug: String? = nil, teamId: Int64? = nil,
        challengeIds: [Int64] = []
    ) {
        self.role = role
        self.eventSlug = eventSlug
        self.territorySlug = territorySlug
        self.teamId = teamId
        self.challengeIds = challengeIds
    }
}
