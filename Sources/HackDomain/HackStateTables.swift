/// Every table and index of a `HackState`, as plain values. `HackState`
/// keeps them behind one reference (copy on write), so that handing a state
/// around costs one retain instead of one per table.
struct HackStateTables: Sendable {
    var eventsBySlug: [String: Event] = [:]
    var eventOrder: [EventOrderKey] = []

    var territoriesBySlug: [String: Territory] = [:]
    var territoryOrder: [String] = []

    var challengesById = IdTable<Challenge>()
    var challengeIdsByEvent: [String: [Int64]] = [:]
    /// event slug → territory slug → challenge id: one challenge per pair.
    var challengeIdByEventTerritory: [String: [String: Int64]] = [:]

    var teamsById = IdTable<Team>()
    var teamIdsByEvent: [String: [Int64]] = [:]
    var teamIdsByChallenge: [Int64: [Int64]] = [:]
    /// event slug → exact team name → team id: names are unique per event.
    var teamIdByEventName: [String: [ExactText: Int64]] = [:]

    var ideasById = IdTable<Idea>()
    var ideaIdsByEvent: [String: [Int64]] = [:]
    var ideaIdsByChallenge: [Int64: [Int64]] = [:]
    var ideaIdsByTeam: [Int64: [Int64]] = [:]
    /// Oldest first.
    /// Revisions before each idea's current one: only edited ideas have any,
    /// so a million ideas restore without a million arrays.
    var earlierRevisionsByIdea = IdTable<[IdeaRevision]>()

    /// Events without an entry are drafts that never ran.
    var runsBySlug: [String: EventRun] = [:]

    /// Rubrics and scores (Judging/).
    var judging = JudgingBook()

    var tokensById = IdTable<TokenRecord>()
    /// Counts the writes to `tokensById` (`HackState.tokensVersion`).
    var tokensVersion: UInt64 = 0
    /// Event slug → token ids; admin tokens (no event) are under nil.
    var tokenIdsByEvent: [String?: [Int64]] = [:]

    /// Voter codes and audience votes, with their counts.
    var voteBook = VoteBook()
    /// Challenge id → its synthesis (latest revision).
    var synthesesByChallenge: [Int64: Synthesis] = [:]
    /// Challenge id → every revision of its synthesis, oldest first.
    var synthesisRevisionsByChallenge: [Int64: [Synthesis]] = [:]

    /// The ids the next creations get; always above every id seen.
    var nextChallengeId: Int64 = 1
    var nextTeamId: Int64 = 1
    var nextIdeaId: Int64 = 1
    var nextTokenId: Int64 = 1
}
