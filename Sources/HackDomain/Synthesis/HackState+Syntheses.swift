/// Reading, applying and restoring syntheses, and what restitution publishes.
extension HackState {
    // MARK: Reads

    public func synthesis(challengeId: Int64) -> Synthesis? {
        synthesesByChallenge[challengeId]
    }

    /// By challenge id: the syntheses of the event's challenges that have one.
    public func syntheses(eventSlug: String) -> [Synthesis] {
        (challengeIdsByEvent[eventSlug] ?? []).compactMap { synthesesByChallenge[$0] }
    }

    /// Oldest first; each revision as saved, signed if that revision was co-signed.
    public func synthesisRevisions(challengeId: Int64) -> [Synthesis] {
        synthesisRevisionsByChallenge[challengeId] ?? []
    }

    /// Whether the latest synthesis of the idea's challenge retains it.
    public func isRetained(_ idea: Idea) -> Bool {
        synthesesByChallenge[idea.challengeId]?.retained.contains { $0.ideaId == idea.id } ?? false
    }

    // MARK: Publication

    /// Whether restitution has begun at `now`: the first restitution phase has
    /// started, or the event finished. From then on every synthesis of the event and
    /// the ideas they retain are public to the event. The one test of it: reads,
    /// the watch stream and the domain all ask here.
    public func isPublished(eventSlug: String, at now: Millis) -> Bool {
        guard let event = eventsBySlug[eventSlug] else { return false }
        let run = run(of: event, at: now)
        if run.status == .finished { return true }
        guard let first = event.agenda.firstIndex(where: { $0.kind == .restitution }) else { return false }
        return run.phaseStarts.count > first
    }

    /// Whether `transitions` (a run change just applied) are the moment the event's
    /// syntheses became public: they start its first restitution phase, or finish an
    /// event whose agenda has none. Clock catch-ups and skips alike.
    public func publicationBegins(eventSlug: String, with transitions: [RunTransition]) -> Bool {
        guard let event = eventsBySlug[eventSlug] else { return false }
        let first = event.agenda.firstIndex { $0.kind == .restitution }
        return transitions.contains { transition in
            switch transition.kind {
            case .phaseStarted: transition.phaseIndex == first
            case .started: first == 0
            case .finished: first == nil
            default: false
            }
        }
    }

    /// Whether `principal` may read the synthesis of `challenge` at `now`.
    public func mayReadSynthesis(of challenge: Challenge, _ principal: Principal, at now: Millis) -> Bool {
        Access.mayReadSynthesis(principal, challenge) {
            isPublished(eventSlug: challenge.eventSlug, at: now)
        }
    }

    public func mayRead(_ synthesis: Synthesis, _ principal: Principal, at now: Millis) -> Bool {
        guard let challenge = challengesById[synthesis.challengeId] else { return false }
        return mayReadSynthesis(of: challenge, principal, at: now)
    }

    /// Whether `principal` may read `idea` at `now`: the rule of `Access.mayReadIdea`,
    /// or, once restitution has begun, any token of the event for a retained idea.
    /// Every idea read goes through here (gets, lists, revisions, the watch stream).
    public func mayRead(_ idea: Idea, _ principal: Principal, at now: Millis) -> Bool {
        guard let team = teamsById[idea.teamId], let challenge = challengesById[idea.challengeId] else { return false }
        if Access.mayReadIdea(principal, idea, team: team, challenge: challenge) { return true }
        // Cheapest test first: a list walks many ideas, few are retained.
        return isRetained(idea) && Access.mayReadEvent(principal, event: challenge.eventSlug)
            && isPublished(eventSlug: challenge.eventSlug, at: now)
    }

    // MARK: Applying and restoring

    mutating func applySaved(_ synthesis: Synthesis) {
        synthesesByChallenge[synthesis.challengeId] = synthesis
        var history = synthesisRevisionsByChallenge[synthesis.challengeId] ?? []
        if (history.last?.revision ?? 0) < synthesis.revision {
            synthesisRevisionsByChallenge[synthesis.challengeId] = nil  // uniquely referenced: append in place
            history.append(synthesis.asRevision)
            synthesisRevisionsByChallenge[synthesis.challengeId] = history
        }
    }

    mutating func applyCoSigned(_ synthesis: Synthesis) {
        synthesesByChallenge[synthesis.challengeId] = synthesis
        guard let index = synthesisRevisionsByChallenge[synthesis.challengeId]?
            .lastIndex(where: { $0.revision == synthesis.signedRevision })
        else { return }
        synthesisRevisionsByChallenge[synthesis.challengeId]?[index].signedRevision = synthesis.signedRevision
        synthesisRevisionsByChallenge[synthesis.challengeId]?[index].signedBy = synthesis.signedBy
        synthesisRevisionsByChallenge[synthesis.challengeId]?[index].signedAt = synthesis.signedAt
    }

    /// A synthesis as stored, with its revisions oldest first. Its challenge must be restored first.
    public mutating func restore(synthesis: Synthesis, revisions: [Synthesis]) {
        synthesesByChallenge[synthesis.challengeId] = synthesis
        synthesisRevisionsByChallenge[synthesis.challengeId] = revisions
    }
}
