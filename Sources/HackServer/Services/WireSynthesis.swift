import HackDomain
import HackProtocol

// Syntheses as they travel: retained ideas carry their title and team name,
// and `published` says whether restitution has begun at the moment of the answer.

extension Hack_V1_Synthesis {
    init(_ synthesis: Synthesis, in state: HackState, at now: Millis) {
        self.init(synthesis, in: state, published: state.isPublished(eventSlug: synthesis.eventSlug, at: now))
    }

    init(_ synthesis: Synthesis, in state: HackState, published: Bool) {
        self.init()
        challengeID = UInt64(synthesis.challengeId)
        eventSlug = synthesis.eventSlug
        territorySlug = synthesis.territorySlug
        summary = synthesis.summary
        retained = synthesis.retained.map { Hack_V1_RetainedIdea($0, in: state) }
        nextSteps = synthesis.nextSteps
        revision = UInt32(clamping: synthesis.revision)
        author = synthesis.author
        updatedAtMs = synthesis.updatedAt
        signedRevision = UInt32(clamping: synthesis.signedRevision)
        signedBy = synthesis.signedBy
        signedAtMs = synthesis.signedAt ?? 0
        self.published = published
    }
}

extension Hack_V1_RetainedIdea {
    init(_ retained: RetainedIdea, in state: HackState) {
        self.init()
        ideaID = UInt64(retained.ideaId)
        reason = retained.reason
        let idea = state.idea(id: retained.ideaId)
        title = idea?.title ?? ""
        teamName = idea.flatMap { state.team(id: $0.teamId) }?.name ?? ""
    }
}

extension Hack_V1_Publication {
    /// Every synthesis of the event, and the ideas they retain in the order they retain them.
    init(eventSlug: String, in state: HackState, at now: Millis) {
        self.init()
        let syntheses = state.syntheses(eventSlug: eventSlug)
        self.syntheses = syntheses.map { Hack_V1_Synthesis($0, in: state, published: true) }
        retainedIdeas = syntheses.flatMap(\.retained).compactMap { state.idea(id: $0.ideaId) }.map(Hack_V1_Idea.init)
    }
}

extension Change {
    /// The synthesis a change carries, for methods and watchers.
    var synthesis: Synthesis? {
        switch self {
        case .synthesisSaved(let synthesis), .synthesisCoSigned(let synthesis): synthesis
        default: nil
        }
    }
}
