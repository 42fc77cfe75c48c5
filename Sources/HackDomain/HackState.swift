/// The whole in-memory state of the server. Reads are served from it; writes
/// are decided against it (`decide`, pure), then applied (`apply`) once durable.
///
/// Every lookup by key is a dictionary hit and every listing walks a
/// per-parent index kept sorted on write, so reads never scan the whole state.
/// Storage rebuilds a state with the `restore` methods.
public struct HackState: Sendable {
    /// The tables, shared between copies until one of them writes.
    var storage = HackStateStorage()

    public init() {}

    // MARK: Events

    /// By date, then slug.
    public var events: [Event] {
        eventOrder.compactMap { eventsBySlug[$0.slug] }
    }

    public func event(slug: String) -> Event? {
        eventsBySlug[slug]
    }

    /// The state's own string for an event's slug equal to `text`, if any:
    /// requests then name events with it (one string, compared by pointer).
    /// Texts that cannot be slugs (titles, names: capitals, spaces, accents)
    /// are turned away at their first such byte, before any lookup.
    public func eventSlug(equalTo text: String) -> String? {
        let couldBeSlug = text.utf8.allSatisfy { Validate.isSlugWordByte($0) || $0 == UInt8(ascii: "-") }
        return couldBeSlug ? eventsBySlug[text]?.slug : nil
    }

    /// The run as last recorded (see `EventRun.caughtUp` for the run at a moment).
    public func run(eventSlug: String) -> EventRun {
        runsBySlug[eventSlug] ?? EventRun()
    }

    /// The run of `event` as it is at `now` (`EventRun.caughtUp`), what
    /// reads and gates use. Most calls find nothing due: the agenda's
    /// durations are gathered only when something is.
    public func run(of event: Event, at now: Millis) -> EventRun {
        let run = run(eventSlug: event.slug)
        guard let due = run.nextDue, due <= now else { return run }
        return run.caughtUp(at: now, durations: event.agenda.map(\.durationMs))
    }

    /// The slugs of the events whose run the clock may advance, with when it next must.
    public var runsDue: [(eventSlug: String, at: Millis)] {
        runsBySlug.compactMap { slug, run in run.nextDue.map { (slug, $0) } }
    }

    // MARK: Territories

    /// By slug. With an event: only the territories posing a challenge in it.
    public func territories(eventSlug: String?) -> [Territory] {
        guard let eventSlug else { return territoryOrder.compactMap { territoriesBySlug[$0] } }
        return territorySlugs(eventSlug: eventSlug).compactMap { territoriesBySlug[$0] }
    }

    public func territory(slug: String) -> Territory? {
        territoriesBySlug[slug]
    }

    /// The territories posing a challenge in the event, by slug.
    public func territorySlugs(eventSlug: String) -> [String] {
        guard let byTerritory = challengeIdByEventTerritory[eventSlug] else { return [] }
        return byTerritory.keys.sorted()
    }

    // MARK: Challenges

    /// By id.
    public func challenges(eventSlug: String) -> [Challenge] {
        (challengeIdsByEvent[eventSlug] ?? []).compactMap { challengesById[$0] }
    }

    public func challenge(id: Int64) -> Challenge? {
        challengesById[id]
    }

    // MARK: Teams

    /// By id. With a challenge: only its teams (none if it is not in the event).
    public func teams(eventSlug: String, challengeId: Int64?) -> [Team] {
        let ids: [Int64]
        if let challengeId {
            guard challengesById[challengeId]?.eventSlug == eventSlug else { return [] }
            ids = teamIdsByChallenge[challengeId] ?? []
        } else {
            ids = teamIdsByEvent[eventSlug] ?? []
        }
        return ids.compactMap { teamsById[$0] }
    }

    public func team(id: Int64) -> Team? {
        teamsById[id]
    }

    // MARK: Ideas

    /// By id, narrowed by challenge and/or team when given (none if they do not match the event).
    public func ideas(eventSlug: String, challengeId: Int64?, teamId: Int64?) -> [Idea] {
        let ids: [Int64]
        if let teamId {
            guard let team = teamsById[teamId], team.eventSlug == eventSlug,
                  challengeId == nil || challengeId == team.challengeId
            else { return [] }
            ids = ideaIdsByTeam[teamId] ?? []
        } else if let challengeId {
            guard challengesById[challengeId]?.eventSlug == eventSlug else { return [] }
            ids = ideaIdsByChallenge[challengeId] ?? []
        } else {
            ids = ideaIdsByEvent[eventSlug] ?? []
        }
        return ids.compactMap { ideasById[$0] }
    }

    public func idea(id: Int64) -> Idea? {
        ideasById[id]
    }

    /// Oldest first; revision 1 is the idea as created.
    public func revisions(ideaId: Int64) -> [IdeaRevision] {
        guard let idea = ideasById[ideaId] else { return [] }
        return (earlierRevisionsByIdea[ideaId] ?? []) + [IdeaRevision(recording: idea)]
    }

    // MARK: Tokens

    /// Revoked and expired tokens included: listings show them with their dates.
    public func token(id: Int64) -> TokenRecord? {
        tokensById[id]
    }

    /// By id. With an event: the tokens scoped to it; nil: every token, admin ones included.
    public func tokens(eventSlug: String?) -> [TokenRecord] {
        if let eventSlug {
            return (tokenIdsByEvent[eventSlug] ?? []).compactMap { tokensById[$0] }
        }
        var all: [TokenRecord] = []
        all.reserveCapacity(tokensById.count)
        tokensById.forEach { _, token in all.append(token) }
        return all.sorted { $0.id < $1.id }
    }

    // MARK: Counts

    /// How many ideas the state holds (cheap: used for sizing and metrics).
    public var ideaCount: Int { ideasById.count }
}

extension HackState: Equatable {
    /// Equal when they hold the same rows (tokens included), revisions and id counters; the
    /// indexes are derived from the rows, so they are not compared.
    public static func == (lhs: HackState, rhs: HackState) -> Bool {
        lhs.eventsBySlug == rhs.eventsBySlug
            && lhs.territoriesBySlug == rhs.territoriesBySlug
            && lhs.challengesById == rhs.challengesById
            && lhs.teamsById == rhs.teamsById
            && lhs.ideasById == rhs.ideasById
            && lhs.earlierRevisionsByIdea == rhs.earlierRevisionsByIdea
            && lhs.nextChallengeId == rhs.nextChallengeId
            && lhs.nextTeamId == rhs.nextTeamId
            && lhs.nextIdeaId == rhs.nextIdeaId
            && lhs.tokensById == rhs.tokensById
            && lhs.nextTokenId == rhs.nextTokenId
            && lhs.runsBySlug == rhs.runsBySlug
            && lhs.voteBook == rhs.voteBook
            && lhs.judging == rhs.judging
            && lhs.synthesesByChallenge == rhs.synthesesByChallenge
            && lhs.synthesisRevisionsByChallenge == rhs.synthesisRevisionsByChallenge
    }
}
