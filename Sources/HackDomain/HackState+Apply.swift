extension HackState {
    /// Makes a decided change part of the state and advances the id counters
    /// past any id it carries, so the next `decide` hands out a fresh one.
    ///
    /// Snapshots are upserted, so applying a change twice leaves the state as
    /// applying it once — except that `ideaUpdated` records its revision again
    /// only if it is newer than the last one recorded.
    /// A challenge's event and territory, a team's event and challenge, an
    /// idea's team, and a token's grant never change (no command changes them); apply relies on it.
    public mutating func apply(_ change: Change) {
        switch change {
        case .eventCreated(let event), .eventUpdated(let event):
            upsert(event)
        case .territoryCreated(let territory), .territoryUpdated(let territory):
            upsert(territory)
        case .challengeCreated(let challenge), .challengeUpdated(let challenge):
            upsert(challenge)
        case .teamCreated(let team), .teamUpdated(let team):
            upsert(team)
        case .ideaCreated(let idea):
            upsert(idea)
        case .ideaUpdated(let idea):
            // The idea as it was becomes an earlier revision; the current one
            // is the idea itself (see `revisions(ideaId:)`).
            if let previous = ideasById[idea.id], previous.revision < idea.revision {
                var earlier = earlierRevisionsByIdea[idea.id] ?? []
                earlierRevisionsByIdea[idea.id] = nil  // keeps the array uniquely referenced: append in place
                earlier.append(IdeaRevision(recording: previous))
                earlierRevisionsByIdea[idea.id] = earlier
            }
            upsert(idea)
        case .tokenIssued(let token), .tokenRevoked(let token):
            upsert(token)
        case .runChanged(let slug, let run, _):
            runsBySlug[slug] = run
        case .voterCodesIssued(_, let codes):
            applyVoterCodes(codes)
        case .voteCast(let vote):
            applyVote(vote)
        case .rubricSet, .ideaScored:
            applyJudging(change)
        case .synthesisSaved(let synthesis):
            applySaved(synthesis)
        case .synthesisCoSigned(let synthesis):
            applyCoSigned(synthesis)
        }
    }

    // MARK: Restoring from storage

    // Storage rebuilds a state row by row: events and territories first, then
    // challenges, teams, and ideas with their whole history. Rows are trusted
    // (storage's constraints already hold them), so nothing is validated.

    public mutating func restore(event: Event) {
        upsert(event)
    }

    /// One transition of an event's run, in order; the event must be restored first.
    public mutating func restore(runTransition: RunTransition, eventSlug: String) {
        guard let event = eventsBySlug[eventSlug] else { return }
        runsBySlug[eventSlug, default: EventRun()].record(runTransition, durations: event.agenda.map(\.durationMs))
    }

    public mutating func restore(territory: Territory) {
        upsert(territory)
    }

    public mutating func restore(challenge: Challenge) {
        upsert(challenge)
    }

    /// The team's challenge should be restored first: nothing needs it yet, but it keeps references whole.
    public mutating func restore(team: Team) {
        upsert(team)
    }

    /// Restores an idea with its earlier revisions (those before its
    /// current one, oldest first), exactly as recorded; most ideas have none.
    /// Its team must be restored first: the idea is listed under the team's event.
    public mutating func restore(idea: Idea, earlierRevisions: [IdeaRevision] = []) {
        upsert(idea)
        if !earlierRevisions.isEmpty { earlierRevisionsByIdea[idea.id] = earlierRevisions }
    }

    /// A token as stored, revoked or not. Its grant's event should be restored first.
    public mutating func restore(token: TokenRecord) {
        upsert(token)
    }

    /// Reserves room for a known number of ideas, so a large restore does not rehash repeatedly.
    public mutating func reserveIdeaCapacity(_ count: Int) {
        ideasById.reserveCapacity(count)
    }

    // MARK: Upserts keeping the indexes in step

    private mutating func upsert(_ event: Event) {
        if let old = eventsBySlug[event.slug] {
            eventOrder.removeSorted(EventOrderKey(date: old.date, slug: old.slug))
        }
        eventsBySlug[event.slug] = event
        eventOrder.insertSorted(EventOrderKey(date: event.date, slug: event.slug))
    }

    private mutating func upsert(_ territory: Territory) {
        if territoriesBySlug.updateValue(territory, forKey: territory.slug) == nil {
            territoryOrder.insertSorted(territory.slug)
        }
    }

    private mutating func upsert(_ challenge: Challenge) {
        challengesById[challenge.id] = challenge
        challengeIdsByEvent[challenge.eventSlug, default: []].insertSorted(challenge.id)
        challengeIdByEventTerritory[challenge.eventSlug, default: [:]][challenge.territorySlug] = challenge.id
        nextChallengeId = max(nextChallengeId, challenge.id + 1)
    }

    private mutating func upsert(_ team: Team) {
        if let old = teamsById[team.id] {
            teamIdByEventName[old.eventSlug]?[ExactText(old.name)] = nil
        }
        teamsById[team.id] = team
        teamIdsByEvent[team.eventSlug, default: []].insertSorted(team.id)
        teamIdsByChallenge[team.challengeId, default: []].insertSorted(team.id)
        teamIdByEventName[team.eventSlug, default: [:]][ExactText(team.name)] = team.id
        nextTeamId = max(nextTeamId, team.id + 1)
    }

    private mutating func upsert(_ idea: Idea) {
        ideasById[idea.id] = idea
        if let eventSlug = teamsById[idea.teamId]?.eventSlug {
            ideaIdsByEvent[eventSlug, default: []].insertSorted(idea.id)
        }
        ideaIdsByChallenge[idea.challengeId, default: []].insertSorted(idea.id)
        ideaIdsByTeam[idea.teamId, default: []].insertSorted(idea.id)
        nextIdeaId = max(nextIdeaId, idea.id + 1)
    }

    /// A grant on an event holds the event's own slug string, not an equal
    /// copy: every caller's access check on the event compares two pointers
    /// (`String`'s `==` looks at the storage first), not two texts.
    private mutating func upsert(_ token: TokenRecord) {
        var token = token
        if let slug = token.grant.eventSlug, let own = eventSlug(equalTo: slug) { token.grant.eventSlug = own }
        tokensById[token.id] = token
        tokenIdsByEvent[token.grant.eventSlug, default: []].insertSorted(token.id)
        nextTokenId = max(nextTokenId, token.id + 1)
    }
}
