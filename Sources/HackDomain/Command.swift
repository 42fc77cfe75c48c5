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
    /// An organiser's control of the run; `by` is their token's name, kept in the run's history.
    case controlRun(eventSlug: String, RunControl, by: String)
    /// The server clock: records the run's transitions that fell due.
    case advanceRun(eventSlug: String)
    /// The hashes of fresh voter codes for the event (the server makes the codes and keeps none).
    case issueVoterCodes(eventSlug: String, hashes: [[UInt8]])
    /// A vote of the audience: the code's hash is the credential.
    case castVote(eventSlug: String, codeHash: [UInt8], challengeId: Int64, ideaId: Int64)
    /// An organiser's rubric for `rubric.eventSlug` (replacing any, until an idea is scored).
    case setRubric(Rubric)
    /// A juror's score of an idea; `juror` is the scoring token (its id and name go in the score).
    case scoreIdea(ideaId: Int64, juror: Principal, values: [CriterionValue])
    /// A moderator's (or organiser's) save of its territory's synthesis; `author` is their token's name.
    case saveSynthesis(SynthesisDraft, author: String)
    /// The territory representative's approval of `revision`, which must be the latest.
    case coSignSynthesis(challengeId: Int64, revision: Int, by: String)
}
