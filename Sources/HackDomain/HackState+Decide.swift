extension HackState {
    /// Validates a command against the state and says what it would change.
    /// Pure: the state is not touched; ids come from the counters, which only
    /// `apply` advances. Timestamps are `now`.
    ///
    /// An update that changes nothing is still an update: it is accepted, bumps
    /// `updatedAt`, and for an idea records a new revision (the wire says every
    /// accepted update is a revision, and clients may "save" without edits).
    public func decide(_ command: Command, at now: Millis) throws(DomainError) -> Change {
        switch command {
        case .createEvent(let draft): try decideCreate(draft, at: now)
        case .updateEvent(let slug, let patch): try decideUpdate(eventSlug: slug, patch, at: now)
        case .createTerritory(let draft): try decideCreate(draft)
        case .updateTerritory(let slug, let patch): try decideUpdate(territorySlug: slug, patch)
        case .createChallenge(let draft): try decideCreate(draft, at: now)
        case .updateChallenge(let id, let patch): try decideUpdate(challengeId: id, patch, at: now)
        case .createTeam(let draft): try decideCreate(draft, at: now)
        case .updateTeam(let id, let patch): try decideUpdate(teamId: id, patch, at: now)
        case .createIdea(let draft): try decideCreate(draft, at: now)
        case .updateIdea(let id, let patch): try decideUpdate(ideaId: id, patch, at: now)
        case .issueToken(let draft): try decideIssue(draft, at: now)
        case .revokeToken(let id): try decideRevoke(tokenId: id, at: now)
        case .controlRun(let slug, let control, let by): try decideRun(eventSlug: slug, control, by: by, at: now)
        case .advanceRun(let slug): try decideAdvance(eventSlug: slug, at: now)
        case .issueVoterCodes(let slug, let hashes): try decideIssueVoterCodes(eventSlug: slug, hashes: hashes, at: now)
        case .castVote(let slug, let hash, let challengeId, let ideaId):
            try decideCastVote(eventSlug: slug, codeHash: hash, challengeId: challengeId, ideaId: ideaId, at: now)
        case .setRubric(let rubric): try decideSetRubric(rubric, at: now)
        case .scoreIdea(let ideaId, let juror, let values): try decideScore(ideaId: ideaId, juror: juror, values: values, at: now)
        case .saveSynthesis(let draft, let author): try decideSave(draft, author: author, at: now)
        case .coSignSynthesis(let id, let revision, let by): try decideCoSign(challengeId: id, revision: revision, by: by, at: now)
        }
    }

    // MARK: Events

    private func decideCreate(_ draft: EventDraft, at now: Millis) throws(DomainError) -> Change {
        try Validate.slug(draft.slug, field: "slug")
        try Validate.name(draft.name, field: "name")
        try Validate.shortText(draft.venue, field: "venue")
        try Validate.timeZone(draft.timeZone, field: "time_zone")
        let date = try Validate.date(draft.date, field: "date")
        try Validate.shortText(draft.theme, field: "theme")
        let agenda = try Validate.agenda(draft.agenda, field: "agenda")
        guard eventsBySlug[draft.slug] == nil else {
            throw .alreadyExists("slug", "event \"\(draft.slug)\" already exists")
        }
        return .eventCreated(Event(
            slug: draft.slug, name: draft.name, venue: draft.venue, timeZone: draft.timeZone,
            date: date, theme: draft.theme, agenda: agenda, createdAt: now, updatedAt: now))
    }

    private func decideUpdate(eventSlug slug: String, _ patch: EventPatch, at now: Millis) throws(DomainError) -> Change {
        guard var event = eventsBySlug[slug] else { throw .notFound("slug", "event \"\(slug)\"") }
        try requireOpen(patch.agenda == nil ? .changeSetup : .changeAgenda, eventSlug: slug, at: now)
        if let name = patch.name {
            try Validate.name(name, field: "name")
            event.name = name
        }
        if let venue = patch.venue {
            try Validate.shortText(venue, field: "venue")
            event.venue = venue
        }
        if let timeZone = patch.timeZone {
            try Validate.timeZone(timeZone, field: "time_zone")
            event.timeZone = timeZone
        }
        if let date = patch.date {
            event.date = try Validate.date(date, field: "date")
        }
        if let theme = patch.theme {
            try Validate.shortText(theme, field: "theme")
            event.theme = theme
        }
        if let agenda = patch.agenda {
            event.agenda = try Validate.agenda(agenda, field: "agenda")
        }
        event.updatedAt = now
        return .eventUpdated(event)
    }

    // MARK: Territories

    private func decideCreate(_ draft: TerritoryDraft) throws(DomainError) -> Change {
        try Validate.slug(draft.slug, field: "slug")
        try Validate.name(draft.name, field: "name")
        try Validate.person(draft.representative, field: "representative")
        guard territoriesBySlug[draft.slug] == nil else {
            throw .alreadyExists("slug", "territory \"\(draft.slug)\" already exists")
        }
        return .territoryCreated(Territory(slug: draft.slug, name: draft.name, representative: draft.representative))
    }

    private func decideUpdate(territorySlug slug: String, _ patch: TerritoryPatch) throws(DomainError) -> Change {
        guard var territory = territoriesBySlug[slug] else { throw .notFound("slug", "territory \"\(slug)\"") }
        if let name = patch.name {
            try Validate.name(name, field: "name")
            territory.name = name
        }
        if let representative = patch.representative {
            try Validate.person(representative, field: "representative")
            territory.representative = representative
        }
        return .territoryUpdated(territory)
    }
}
