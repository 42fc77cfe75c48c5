import HackDomain
import Testing

/// Shared builders: a state holding the demo event, and small valid inputs to vary one field at a time.
enum Fixtures {
    static let eventSlug = DemoScenario.eventSlug

    static func validEventDraft(slug: String = "hack-2024") -> EventDraft {
        EventDraft(
            slug: slug, name: "Hack 2024", venue: "Lille", timeZone: "Europe/Paris", date: "2024-03-01",
            theme: "open data",
            agenda: [
                PhaseDraft(kind: .intro, name: "Accueil", plannedStart: "09:00", durationMs: 600_000),
                PhaseDraft(kind: .hack, name: "Hack", plannedStart: "09:10", durationMs: 3_600_000),
            ])
    }

    /// Decides and applies each command in turn at increasing times; returns the changes.
    @discardableResult
    static func run(_ commands: [Command], on state: inout HackState, from start: Millis = 1_000) throws -> [Change] {
        var changes: [Change] = []
        for (offset, command) in commands.enumerated() {
            let change = try state.decide(command, at: start + Millis(offset))
            state.apply(change)
            changes.append(change)
        }
        return changes
    }

    static func demoState() throws -> HackState {
        var state = HackState()
        try run(DemoScenario.parcoursFrance2017, on: &state)
        return state
    }

    /// When `demoInHack` starts the demo event: its hack phase (115 min) runs from then.
    static let hackStart: Millis = 1_500

    /// Ideas are posted only while the event runs in a hack phase: starts the
    /// event's run at `now` and skips to its first hack phase (the demo's
    /// 5-minute introduction), so the hack runs from `now` for its whole duration.
    static func startHack(eventSlug slug: String = eventSlug, on state: inout HackState, at now: Millis) throws {
        let agenda = try #require(state.event(slug: slug)).agenda
        state.apply(try state.decide(.controlRun(eventSlug: slug, .start, by: "fixture"), at: now))
        while state.run(eventSlug: slug).status == .running, agenda[state.run(eventSlug: slug).phaseIndex].kind != .hack {
            state.apply(try state.decide(.controlRun(eventSlug: slug, .skip(phaseIndex: nil), by: "fixture"), at: now))
        }
        try #require(state.run(eventSlug: slug).status == .running, "\(slug) has no hack phase")
    }

    /// The demo, started and in its hack phase from `hackStart` until `hackStart` + 115 min.
    static func demoInHack() throws -> HackState {
        var state = try demoState()
        try startHack(on: &state, at: hackStart)
        return state
    }

    /// The demo in its hack phase (see `demoInHack`) plus one team (on the first challenge) with one idea.
    static func demoWithTeamAndIdea() throws -> (state: HackState, team: Team, idea: Idea) {
        var state = try demoInHack()
        let challenge = try #require(state.challenges(eventSlug: eventSlug).first)
        let team = try #require(teamOf(state.decide(
            .createTeam(TeamDraft(challengeId: challenge.id, name: "Les Omeriens", members: [Person(name: "Lyes Ghamissou", role: "consultant")])),
            at: 2_000)))
        state.apply(.teamCreated(team))
        let idea = try #require(ideaOf(state.decide(
            .createIdea(IdeaDraft(teamId: team.id, title: "Rayonnement régional", pitch: "Attirer Lille", body: "…")),
            at: 3_000)))
        state.apply(.ideaCreated(idea))
        return (state, team, idea)
    }

    static func teamOf(_ change: Change) -> Team? {
        switch change {
        case .teamCreated(let team), .teamUpdated(let team): team
        default: nil
        }
    }

    static func ideaOf(_ change: Change) -> Idea? {
        switch change {
        case .ideaCreated(let idea), .ideaUpdated(let idea): idea
        default: nil
        }
    }

    static func challengeOf(_ change: Change) -> Challenge? {
        switch change {
        case .challengeCreated(let challenge), .challengeUpdated(let challenge): challenge
        default: nil
        }
    }

    static func eventOf(_ change: Change) -> Event? {
        switch change {
        case .eventCreated(let event), .eventUpdated(let event): event
        default: nil
        }
    }
}

/// The error `decide` throws for a command, or nil if it is accepted.
func refusal(of command: Command, in state: HackState, at now: Millis = 10_000) -> DomainError? {
    do {
        _ = try state.decide(command, at: now)
        return nil
    } catch {
        return error
    }
}
