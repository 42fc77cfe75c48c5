import HackDomain
import HackReports

extension EventReport {
    /// The report of an event as the state holds it at `now`: the agenda as
    /// it really ran, and per territory its challenge, synthesis, ranking and
    /// (once the event has finished) votes. Ideas a synthesis did not retain
    /// appear by title and team only: their pitch stays with their readers.
    init?(eventSlug: String, in state: HackState, at now: Millis) {
        guard let event = state.event(slug: eventSlug) else { return nil }
        let run = state.run(of: event, at: now)
        let timings = run.timings(durations: event.agenda.map(\.durationMs), plannedStarts: event.plannedStarts(for: run), at: now)
        let votesFinal = state.hasFinished(eventSlug: eventSlug, at: now) && state.voterCodeCount(eventSlug: eventSlug) > 0
        let tally = votesFinal ? state.voteTally(eventSlug: eventSlug) : nil
        let rubric = state.rubric(eventSlug: eventSlug)
        self.init(
            slug: event.slug, name: event.name, venue: event.venue, date: event.date.description,
            timeZone: event.timeZone, theme: event.theme, status: run.status.rawValue, generatedAtMs: now,
            agenda: zip(event.agenda, timings).map { phase, timing in
                Phase(number: timing.index + 1, kind: phase.kind.rawValue, name: phase.displayName,
                      plannedStart: phase.plannedStart?.description, plannedMinutes: Double(phase.durationMs) / 60_000,
                      startMs: timing.started ? timing.start : nil, endMs: timing.ended ? timing.end : nil,
                      driftMs: timing.started ? timing.driftMs : nil)
            },
            rubric: rubric.map { rubric in
                Rubric(scaleMin: rubric.scaleMin, scaleMax: rubric.scaleMax,
                       criteria: rubric.criteria.map { Criterion(key: $0.key, name: $0.name, weight: $0.weight) })
            },
            territories: state.challenges(eventSlug: eventSlug).map { challenge in
                Territory(challenge, in: state, votes: tally)
            },
            votesFinal: votesFinal)
    }
}

extension EventReport.Territory {
    fileprivate init(_ challenge: Challenge, in state: HackState, votes tally: VoteTally?) {
        let territory = state.territory(slug: challenge.territorySlug)
        let teams = state.teams(eventSlug: challenge.eventSlug, challengeId: challenge.id)
        let teamNames = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let ideas = state.ideas(eventSlug: challenge.eventSlug, challengeId: challenge.id, teamId: nil)
        let ideasById = Dictionary(ideas.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let synthesis = state.synthesis(challengeId: challenge.id)
        let retained = Set(synthesis?.retained.map(\.ideaId) ?? [])
        let ranking = state.ranking(eventSlug: challenge.eventSlug, challengeId: challenge.id)
        let votes = tally?.challenges.first { $0.challengeId == challenge.id }
            .map { Dictionary($0.ideas.map { ($0.ideaId, $0.votes) }, uniquingKeysWith: +) }

        func idea(_ id: Int64, ranked: RankedIdea?) -> EventReport.Idea? {
            guard let idea = ideasById[id] else { return nil }
            let scored = ranked.flatMap { $0.scores > 0 ? $0 : nil }
            return EventReport.Idea(
                id: idea.id, title: idea.title, team: teamNames[idea.teamId] ?? "", pitch: retained.contains(id) ? idea.pitch : "",
                retained: retained.contains(id), rank: scored?.rank, tied: scored?.tied ?? false,
                normalized: scored?.normalized, rawMean: scored?.rawMean, scores: scored?.scores ?? 0,
                criterionMeans: scored?.criterionMeans ?? [], votes: votes.map { $0[id] ?? 0 })
        }
        let ranked = ranking?.ideas ?? []
        let listed = ranked.compactMap { idea($0.ideaId, ranked: $0) }
            + ideas.filter { id in !ranked.contains { $0.ideaId == id.id } }.compactMap { idea($0.id, ranked: nil) }

        self.init(
            slug: challenge.territorySlug, name: territory?.name ?? challenge.territorySlug,
            representative: territory?.representative.name ?? "", representativeRole: territory?.representative.role ?? "",
            challengeId: challenge.id, challengeTitle: challenge.title, challengeContext: challenge.context,
            themes: challenge.themes, teams: teams.map(\.name),
            synthesis: synthesis.map { synthesis in
                EventReport.Synthesis(
                    summary: synthesis.summary, nextSteps: synthesis.nextSteps, revision: synthesis.revision,
                    author: synthesis.author, cosignedBy: synthesis.isSignedAsIs ? synthesis.signedBy : nil,
                    retained: synthesis.retained.compactMap { kept in
                        ideasById[kept.ideaId].map { idea in
                            EventReport.Retained(ideaId: idea.id, title: idea.title, team: teamNames[idea.teamId] ?? "",
                                                 pitch: idea.pitch, reason: kept.reason)
                        }
                    })
            },
            ideas: listed, jurors: ranking?.jurors ?? 0)
    }
}
