import HackDomain
import Testing

/// The demo's day on explicit instants (no real clock): PARCOURS FRANCE 2017
/// runs on 2017-10-10 in Europe/Paris (CEST, UTC+2), so 11:00 there is 09:00Z.
enum RunFixtures {
    static let slug = DemoScenario.eventSlug
    static let second: Millis = 1_000
    static let minute: Millis = 60_000
    static let hour: Millis = 3_600_000
    /// 2017-10-10 11:00:00 Europe/Paris = 2017-10-10T09:00:00Z, computed independently of EventTime.
    static let elevenParis: Millis = 1_507_626_000_000

    /// The instant of `hh:mm:ss` (Europe/Paris) on the event's date.
    static func paris(_ hh: Int, _ mm: Int, _ ss: Int = 0) -> Millis {
        elevenParis + Millis(hh - 11) * hour + Millis(mm) * minute + Millis(ss) * second
    }

    /// The demo agenda's phases, planned: intro 11:00 (5 min), hack 11:05 (115 min),
    /// synthesis 13:00 (60 min), pause 14:00 (60 min), restitution 15:00 (45 min), end 15:45.
    static let plannedStarts = [paris(11, 0), paris(11, 5), paris(13, 0), paris(14, 0), paris(15, 0)]
    static let plannedEnd = paris(15, 45)
    static let durations: [Millis] = [5, 115, 60, 60, 45].map { $0 * minute }

    /// The demo (created on the day before, in 1970 as the other fixtures do) with one team; its run is a draft.
    static func demo() throws -> HackState {
        var state = try Fixtures.demoState()
        try Fixtures.run([.createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois"))], on: &state, from: 2_000)
        return state
    }

    static func event(_ state: HackState) throws -> Event {
        try #require(state.event(slug: slug))
    }

    /// Decides an organiser's control at `now` and applies it; returns the transitions it recorded.
    @discardableResult
    static func control(_ control: RunControl, on state: inout HackState, at now: Millis, by: String = "orga") throws -> [RunTransition] {
        try record(state.decide(.controlRun(eventSlug: slug, control, by: by), at: now), on: &state)
    }

    /// The server clock at `now`: decides `advanceRun` and applies it; returns the transitions that fell due.
    @discardableResult
    static func advance(on state: inout HackState, at now: Millis) throws -> [RunTransition] {
        try record(state.decide(.advanceRun(eventSlug: slug), at: now), on: &state)
    }

    private static func record(_ change: Change, on state: inout HackState) throws -> [RunTransition] {
        guard case .runChanged(let changed, let run, let transitions) = change else {
            Issue.record("expected runChanged, got \(change)")
            return []
        }
        #expect(changed == slug)
        #expect(Array(run.history.suffix(transitions.count)) == transitions, "the change ends the run's history")
        state.apply(change)
        return transitions
    }

    /// Why the control is refused at `now`, or nil if accepted.
    static func refusal(of control: RunControl, in state: HackState, at now: Millis) -> DomainError? {
        HackDomainTests.refusal(of: .controlRun(eventSlug: slug, control, by: "orga"), in: state, at: now)
    }

    static func run(_ state: HackState) -> EventRun {
        state.run(eventSlug: slug)
    }

    /// The phase timings of the run caught up at `now`.
    static func timings(_ state: HackState, at now: Millis) throws -> [PhaseTiming] {
        let event = try event(state)
        return run(state).caughtUp(at: now, durations: durations)
            .timings(durations: durations, plannedStarts: event.plannedStarts, at: now)
    }
}
