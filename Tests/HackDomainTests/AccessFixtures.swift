import HackDomain
import Testing

/// The demo event with two teams, each with one idea: team 1 on Saint-Omer's
/// challenge (1), team 2 on Orléans' (2), posted in the hack phase
/// (`Fixtures.demoInHack`); plus a second event with a challenge
/// of its own, to check that scopes stop at their event.
enum AccessFixtures {
    static let event = DemoScenario.eventSlug
    static let otherEvent = "hack-2024"
    static let hash = [UInt8](repeating: 7, count: 32)

    struct World {
        var state: HackState
        var omerTeam: Team
        var orleansTeam: Team
        var omerIdea: Idea
        var orleansIdea: Idea
        var omerChallenge: Challenge
        var orleansChallenge: Challenge
        var otherChallenge: Challenge
    }

    static func world() throws -> World {
        var state = try Fixtures.demoInHack()
        try Fixtures.run([
            .createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")),
            .createTeam(TeamDraft(challengeId: 2, name: "Lab'O")),
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
            .createIdea(IdeaDraft(teamId: 2, title: "Industry Lab")),
            .createEvent(Fixtures.validEventDraft(slug: otherEvent)),
            .createChallenge(ChallengeDraft(eventSlug: otherEvent, territorySlug: "orleans", title: "Autre")),
            .createTeam(TeamDraft(challengeId: 4, name: "Ailleurs")),
        ], on: &state, from: 2_000)
        return World(
            state: state,
            omerTeam: try #require(state.team(id: 1)), orleansTeam: try #require(state.team(id: 2)),
            omerIdea: try #require(state.idea(id: 1)), orleansIdea: try #require(state.idea(id: 2)),
            omerChallenge: try #require(state.challenge(id: 1)), orleansChallenge: try #require(state.challenge(id: 2)),
            otherChallenge: try #require(state.challenge(id: 4)))
    }

    static func principal(_ grant: Grant, id: Int64 = 1) -> Principal {
        Principal(token: TokenRecord(id: id, name: "someone", grant: grant, secretHash: hash, createdAt: 0))
    }

    /// One principal per kind of caller the table checks, by a short name.
    static let principals: [String: Principal] = [
        "admin": principal(Grant(role: .admin)),
        "organiser": principal(Grant(role: .organiser, eventSlug: event)),
        "other-organiser": principal(Grant(role: .organiser, eventSlug: otherEvent)),
        "moderator-omer": principal(Grant(role: .moderator, eventSlug: event, territorySlug: "saint-omer")),
        "moderator-orleans": principal(Grant(role: .moderator, eventSlug: event, territorySlug: "orleans")),
        "territory-omer": principal(Grant(role: .territory, eventSlug: event, territorySlug: "saint-omer")),
        "juror-omer": principal(Grant(role: .juror, eventSlug: event, teamId: 2, challengeIds: [1])),
        "team-omer": principal(Grant(role: .team, eventSlug: event, teamId: 1)),
        "team-orleans": principal(Grant(role: .team, eventSlug: event, teamId: 2)),
        "observer": principal(Grant(role: .observer, eventSlug: event)),
    ]
}
