import HackDomain
import Testing

/// What each moment of the day allows, decided on the run caught up to the
/// millisecond of the write, with messages in the event's time zone.
@Suite struct RunTestsGates {
    typealias F = RunFixtures

    static let idea = Command.createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional"))
    static let synthesis = "phase 3 « Synthèse (espace réservé, territoire + modérateur) »"

    /// The message of the failed precondition the gate raises for `command` at `now`.
    static func gate(_ command: Command, in state: HackState, at now: Millis,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let error = try #require(refusal(of: command, in: state, at: now), sourceLocation: sourceLocation)
        #expect(error.kind == .failedPrecondition && error.field == "event", sourceLocation: sourceLocation)
        return error.message
    }

    @Test func ideasArePostedFromTheHacksFirstMillisecondToItsLast() throws {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        // Nobody advances the clock: the gates catch the run up themselves.
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(11, 5) - 1) ==
                "idea submission opens when phase 2 « Hack » starts (expected at 11:05:00); now: phase 1 « Introduction générale »")
        try Fixtures.run([Self.idea], on: &state, from: F.paris(11, 5))
        let hackEnd = F.paris(13, 0)
        try Fixtures.run([Self.idea, .updateIdea(id: 1, IdeaPatch(body: "v2"))], on: &state, from: hackEnd - 2)
        #expect(state.idea(id: 2)?.createdAt == hackEnd - 2 && state.idea(id: 1)?.updatedAt == hackEnd - 1)

        let closed = try Self.gate(Self.idea, in: state, at: hackEnd)
        #expect(closed.contains("idea submission closed at 13:00:00"))
        #expect(closed == "idea submission closed at 13:00:00 when phase 2 « Hack » ended; now: \(Self.synthesis)")
        #expect(try Self.gate(.updateIdea(id: 1, IdeaPatch(title: "Trop tard")), in: state, at: hackEnd) ==
                "idea editing closed at 13:00:00 when phase 2 « Hack » ended; now: \(Self.synthesis)")

        // The same once the clock has recorded the phase change, and after the event.
        try F.advance(on: &state, at: hackEnd)
        #expect(try Self.gate(Self.idea, in: state, at: hackEnd + 1) == closed)
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(16, 0)) ==
                "idea submission closed at 13:00:00 when phase 2 « Hack » ended; the event finished at 15:45:00")
    }

    @Test func beforeTheStartTheMessageSaysWhenSubmissionOpens() throws {
        var state = try F.demo()
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(10, 0)) ==
                "idea submission opens when phase 2 « Hack » starts (planned at 11:05:00); the event has not started (draft)")
        try F.control(.schedule(at: F.paris(11, 20)), on: &state, at: F.paris(10, 0))
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(10, 30)) ==
                "idea submission opens when phase 2 « Hack » starts (expected at 11:25:00); the event has not started (starts at 11:20:00)")
        // In the millisecond the scheduled start makes the hack begin, it is open.
        #expect(refusal(of: Self.idea, in: state, at: F.paris(11, 25)) == nil)
    }

    @Test func whilePausedIdeasAreSuspended() throws {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        try F.control(.pause, on: &state, at: F.paris(11, 2))
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(11, 10)) ==
                "idea submission opens when phase 2 « Hack » starts (expected at 11:13:00); now: phase 1 « Introduction générale », paused")
        try F.control(.resume, on: &state, at: F.paris(11, 10))
        try Fixtures.run([Self.idea], on: &state, from: F.paris(11, 13))
        try F.control(.pause, on: &state, at: F.paris(12, 0))
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(12, 10)) ==
                "idea submission is suspended while the event is paused (since 12:00:00, now: phase 2 « Hack », paused)")
        #expect(try Self.gate(.updateIdea(id: 1, IdeaPatch(body: "b")), in: state, at: F.paris(12, 10)) ==
                "idea editing is suspended while the event is paused (since 12:00:00, now: phase 2 « Hack », paused)")
        // Setup changes go on during a pause.
        #expect(refusal(of: .updateTeam(id: 1, TeamPatch(name: "Les Omeriens")), in: state, at: F.paris(12, 10)) == nil)
        try F.control(.skip(phaseIndex: 1), on: &state, at: F.paris(12, 20))
        #expect(try Self.gate(Self.idea, in: state, at: F.paris(12, 30)) ==
                "idea submission closed at 12:20:00 when phase 2 « Hack » ended; now: \(Self.synthesis), paused")
    }

    @Test func onceFinishedTheEventItsChallengesAndTeamsAreFrozen() throws {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        let end = F.paris(15, 45)
        // Still running in the last millisecond of the restitution.
        try Fixtures.run([
            .updateTeam(id: 1, TeamPatch(name: "Les Omeriens")),
            .updateChallenge(id: 1, ChallengePatch(title: "La Station")),
            .updateEvent(slug: F.slug, EventPatch(venue: "Paris")),
        ], on: &state, from: end - 3)

        let frozen = "changes to the event closed at 15:45:00 when the event finished"
        for command: Command in [
            .updateTeam(id: 1, TeamPatch(name: "Trop tard")),
            .createTeam(TeamDraft(challengeId: 2, name: "Retardataires")),
            .updateChallenge(id: 1, ChallengePatch(title: "Trop tard")),
            .updateEvent(slug: F.slug, EventPatch(name: "Trop tard")),
        ] {
            #expect(try Self.gate(command, in: state, at: end) == frozen)
        }
        #expect(try Self.gate(.updateEvent(slug: F.slug, EventPatch(agenda: [PhaseDraft(kind: .hack, durationMs: 1)])),
                              in: state, at: end) == "agenda changes closed at 15:45:00 when the event finished")
        // Territories belong to no event: they stay editable.
        #expect(refusal(of: .updateTerritory(slug: "orleans", TerritoryPatch(name: "Orléans")), in: state, at: end) == nil)
    }

    @Test func theAgendaChangesOnlyBeforeTheStart() throws {
        var state = try F.demo()
        let agenda = [PhaseDraft(kind: .intro, durationMs: 5 * F.minute), PhaseDraft(kind: .hack, durationMs: 2 * F.hour)]
        try Fixtures.run([.updateEvent(slug: F.slug, EventPatch(agenda: agenda))], on: &state, from: F.paris(9, 0))
        try F.control(.schedule(at: F.paris(11, 0)), on: &state, at: F.paris(9, 30))
        try Fixtures.run([.updateEvent(slug: F.slug, EventPatch(agenda: agenda.reversed()))], on: &state, from: F.paris(10, 0))
        #expect(F.run(state).caughtUp(at: F.paris(11, 0), durations: [2 * F.hour, 5 * F.minute]).phaseEndsAt == F.paris(13, 0))

        let started = "agenda changes closed at 11:00:00 when the event started; now: phase 1 « Hack »"
        #expect(try Self.gate(.updateEvent(slug: F.slug, EventPatch(agenda: agenda)), in: state, at: F.paris(11, 0)) == started)
        // A patch naming the agenda is an agenda change, whatever else it names; without it, the event is still editable.
        #expect(try Self.gate(.updateEvent(slug: F.slug, EventPatch(name: "N", agenda: agenda)), in: state, at: F.paris(11, 0))
                == started)
        #expect(refusal(of: .updateEvent(slug: F.slug, EventPatch(name: "N")), in: state, at: F.paris(11, 0)) == nil)
    }

    @Test func anAgendaWithoutAHackNeverTakesIdeas() throws {
        var state = try F.demo()
        var draft = Fixtures.validEventDraft(slug: "atelier")
        draft.agenda = [PhaseDraft(kind: .custom, name: "Atelier", durationMs: F.hour)]
        try Fixtures.run([
            .createEvent(draft),
            .createChallenge(ChallengeDraft(eventSlug: "atelier", territorySlug: "orleans", title: "T")),
            .createTeam(TeamDraft(challengeId: 4, name: "Atelier")),
            .controlRun(eventSlug: "atelier", .start, by: "orga"),
        ], on: &state, from: 5_000)
        #expect(try Self.gate(.createIdea(IdeaDraft(teamId: 2, title: "T")), in: state, at: 6_000) ==
                "idea submission is closed: no phase of the agenda allows it; now: phase 1 « Atelier »")
        // The demo's own run is untouched by another event's.
        #expect(F.run(state) == EventRun())
    }
}
