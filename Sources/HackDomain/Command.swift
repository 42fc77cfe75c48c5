/// A write request, as decided by `HackState.decide`.
public enum Command: Sendable, Equatable {
    case createEvent(EventDraft)
    case updateEvent(slug: String, EventPatch)
    case createTerritory(TerritoryDraft)
    case updateTerritory(slug: String, TerritoryPatch)
    case createChallenge(ChallengeDraft)
    case updateChallenge(id: Int64, ChallengePatch)
    case createTeam(TeamDraft)
    case updateTeam(id: Int64, TeamPatch)
    case createIdea(IdeaDraft)
    case updateIdea(id: Int64, IdeaPatch)
    case issueToken(TokenDraft)
    case revokeToken(id: Int64)
}
