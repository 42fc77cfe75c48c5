import HackDomain
import Testing

/// The count limits of InputLimits, at their edge.
struct CountLimitTests {
    /// The demo, started at 0 and in its hack phase (ideas are posted only then).
    private func demoState() throws -> HackState {
        var state = HackState()
        for command in DemoScenario.parcoursFrance2017 {
            state.apply(try state.decide(command, at: 0))
        }
        try Fixtures.startHack(on: &state, at: 0)
        return state
    }

    @Test func aTeamPostsAtMostTheIdeaLimit() throws {
        var state = try demoState()
        state.apply(try state.decide(.createTeam(TeamDraft(challengeId: 1, name: "Prolifique")), at: 0))
        for index in 1...InputLimits.ideasPerTeamMax {
            state.apply(try state.decide(.createIdea(IdeaDraft(teamId: 1, title: "Idée \(index)")), at: 0))
        }
        #expect(throws: DomainError.self) { try state.decide(.createIdea(IdeaDraft(teamId: 1, title: "Une de trop")), at: 0) }
        do {
            _ = try state.decide(.createIdea(IdeaDraft(teamId: 1, title: "Une de trop")), at: 0)
        } catch {
            #expect(error.kind == .invalidArgument)
            #expect(error.message.hasPrefix("team_id:"))
            #expect(error.message.contains("\(InputLimits.ideasPerTeamMax)"))
        }
    }

    @Test func anEventHoldsAtMostTheTeamLimit() throws {
        var state = try demoState()
        for index in 1...InputLimits.teamsPerEventMax {
            state.apply(try state.decide(.createTeam(TeamDraft(challengeId: 2, name: "Équipe \(index)")), at: 0))
        }
        do {
            _ = try state.decide(.createTeam(TeamDraft(challengeId: 2, name: "Une de trop")), at: 0)
            Issue.record("team \(InputLimits.teamsPerEventMax + 1) was accepted")
        } catch {
            #expect(error.kind == .invalidArgument)
            #expect(error.message.contains("\(InputLimits.teamsPerEventMax) teams"))
        }
    }
}
