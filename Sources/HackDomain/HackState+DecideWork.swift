/// Deciding the commands on the work of an event: challenges, teams, ideas.
extension HackState {
    // MARK: Challenges

    func decideCreate(_ draft: ChallengeDraft, at now: Millis) throws(DomainError) -> Change {
        try Validate.name(draft.title, field: "title")
        try Validate.longText(draft.context, field: "context", maxLength: InputLimits.contextMaxLength)
        try Validate.themes(draft.themes, field: "themes")
        guard eventsBySlug[draft.eventSlug] != nil else {
            throw .notFound("event_slug", "event \"\(draft.eventSlug)\"")
        }
        guard territoriesBySlug[draft.territorySlug] != nil else {
            throw .notFound("territory_slug", "territory \"\(draft.territorySlug)\"")
        }
        try requireOpen(.changeSetup, eventSlug: draft.eventSlug, at: now)
        guard challengeIdByEventTerritory[draft.eventSlug]?[draft.territorySlug] == nil else {
            throw .alreadyExists(
                "territory_slug",
                "territory \"\(draft.territorySlug)\" already poses a challenge in event \"\(draft.eventSlug)\"")
        }
        return .challengeCreated(Challenge(
            id: nextChallengeId, eventSlug: draft.eventSlug, territorySlug: draft.territorySlug,
            title: draft.title, context: draft.context, themes: draft.themes))
    }

    func decideUpdate(challengeId id: Int64, _ patch: ChallengePatch, at now: Millis) throws(DomainError) -> Change {
        guard var challenge = challengesById[id] else { throw .notFound("id", "challenge \(id)") }
        try requireOpen(.changeSetup, eventSlug: challenge.eventSlug, at: now)
        if let title = patch.title {
            try Validate.name(title, field: "title")
            challenge.title = title
        }
        if let context = patch.context {
            try Validate.longText(context, field: "context", maxLength: InputLimits.contextMaxLength)
            challenge.context = context
        }
        if let themes = patch.themes {
            try Validate.themes(themes, field: "themes")
            challenge.themes = themes
        }
        return .challengeUpdated(challenge)
    }

    // MARK: Teams

    func decideCreate(_ draft: TeamDraft, at now: Millis) throws(DomainError) -> Change {
        try Validate.name(draft.name, field: "name")
        try Validate.members(draft.members, field: "members")
        guard let challenge = challengesById[draft.challengeId] else {
            throw .notFound("challenge_id", "challenge \(draft.challengeId)")
        }
        try requireOpen(.changeSetup, eventSlug: challenge.eventSlug, at: now)
        try requireFreeTeamName(draft.name, eventSlug: challenge.eventSlug, except: nil)
        guard (teamIdsByEvent[challenge.eventSlug]?.count ?? 0) < InputLimits.teamsPerEventMax else {
            throw .invalid("challenge_id", "event \"\(challenge.eventSlug)\" already has \(InputLimits.teamsPerEventMax) teams, the limit")
        }
        return .teamCreated(Team(
            id: nextTeamId, eventSlug: challenge.eventSlug, challengeId: challenge.id,
            name: draft.name, members: draft.members))
    }

    func decideUpdate(teamId id: Int64, _ patch: TeamPatch, at now: Millis) throws(DomainError) -> Change {
        guard var team = teamsById[id] else { throw .notFound("id", "team \(id)") }
        try requireOpen(.changeSetup, eventSlug: team.eventSlug, at: now)
        if let name = patch.name {
            try Validate.name(name, field: "name")
            try requireFreeTeamName(name, eventSlug: team.eventSlug, except: id)
            team.name = name
        }
        if let members = patch.members {
            try Validate.members(members, field: "members")
            team.members = members
        }
        return .teamUpdated(team)
    }

    /// Team names are unique per event, compared byte for byte; a team may keep its own name.
    private func requireFreeTeamName(_ name: String, eventSlug: String, except teamId: Int64?) throws(DomainError) {
        if let holder = teamIdByEventName[eventSlug]?[ExactText(name)], holder != teamId {
            throw .alreadyExists("name", "team \"\(name)\" already exists in event \"\(eventSlug)\"")
        }
    }

    // MARK: Ideas

    func decideCreate(_ draft: IdeaDraft, at now: Millis) throws(DomainError) -> Change {
        try Validate.name(draft.title, field: "title")
        try Validate.longText(draft.pitch, field: "pitch", maxLength: InputLimits.pitchMaxLength)
        try Validate.longText(draft.body, field: "body", maxLength: InputLimits.bodyMaxLength)
        guard let team = teamsById[draft.teamId] else { throw .notFound("team_id", "team \(draft.teamId)") }
        try requireOpen(.submitIdea, eventSlug: team.eventSlug, at: now)
        guard (ideaIdsByTeam[team.id]?.count ?? 0) < InputLimits.ideasPerTeamMax else {
            throw .invalid("team_id", "team \(team.id) already has \(InputLimits.ideasPerTeamMax) ideas, the limit")
        }
        return .ideaCreated(Idea(
            id: nextIdeaId, teamId: team.id, challengeId: team.challengeId, title: draft.title,
            pitch: draft.pitch, body: draft.body, revision: 1, createdAt: now, updatedAt: now))
    }

    func decideUpdate(ideaId id: Int64, _ patch: IdeaPatch, at now: Millis) throws(DomainError) -> Change {
        guard var idea = ideasById[id] else { throw .notFound("id", "idea \(id)") }
        if let team = teamsById[idea.teamId] { try requireOpen(.editIdea, eventSlug: team.eventSlug, at: now) }
        if let title = patch.title {
            try Validate.name(title, field: "title")
            idea.title = title
        }
        if let pitch = patch.pitch {
            try Validate.longText(pitch, field: "pitch", maxLength: InputLimits.pitchMaxLength)
            idea.pitch = pitch
        }
        if let body = patch.body {
            try Validate.longText(body, field: "body", maxLength: InputLimits.bodyMaxLength)
            idea.body = body
        }
        idea.revision += 1
        idea.updatedAt = now
        return .ideaUpdated(idea)
    }
}
