import HackDomain
import Testing

/// The demo day (see `RunFixtures`) with the demo rubric, started at 11:00 so
/// that synthesis runs 13:00–14:00 (Europe/Paris): two teams on Saint-Omer's
/// challenge (1), one on Orléans' (2), one idea each, posted during the hack.
enum JudgingFixtures {
    typealias F = RunFixtures
    static let slug = DemoScenario.eventSlug
    static let synthesisStart = F.paris(13, 0)
    static let synthesisEnd = F.paris(14, 0)
    static let during = F.paris(13, 30)

    /// idea 1: team 1 (Les Audomarois), idea 2: team 2 (La Gare Numérique), both on challenge 1; idea 3: team 3 on challenge 2.
    static func day() throws -> HackState {
        var state = try F.demo()
        try Fixtures.run([
            .setRubric(DemoScenario.rubric),
            .createTeam(TeamDraft(challengeId: 1, name: "La Gare Numérique")),
            .createTeam(TeamDraft(challengeId: 2, name: "Lab'O")),
        ], on: &state, from: F.paris(10, 0))
        try F.control(.start, on: &state, at: F.paris(11, 0))
        try Fixtures.run([
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
            .createIdea(IdeaDraft(teamId: 2, title: "Fab Lab itinérant")),
            .createIdea(IdeaDraft(teamId: 3, title: "Séries pilotes")),
        ], on: &state, from: F.paris(11, 10))
        return state
    }

    /// A juror token (not stored: decide takes the principal as the server authenticated it).
    static func juror(_ id: Int64, _ name: String, challenges: [Int64] = [1], team: Int64? = nil,
                      event: String = DemoScenario.eventSlug) -> Principal {
        Principal(token: TokenRecord(
            id: id, name: name, grant: Grant(role: .juror, eventSlug: event, teamId: team, challengeIds: challenges),
            secretHash: AccessFixtures.hash, createdAt: 0))
    }

    static let aurelie = juror(100, "Aurélie Jury")
    static let bernard = juror(101, "Bernard Jury", challenges: [1, 2])

    /// Every criterion of the demo rubric at once.
    static func values(impact: Int, faisabilite: Int, innovation: Int, ancrage: Int) -> [CriterionValue] {
        [CriterionValue(criterion: "impact", value: impact), CriterionValue(criterion: "faisabilite", value: faisabilite),
         CriterionValue(criterion: "innovation", value: innovation), CriterionValue(criterion: "ancrage", value: ancrage)]
    }

    static func all(_ value: Int) -> [CriterionValue] {
        values(impact: value, faisabilite: value, innovation: value, ancrage: value)
    }

    /// Decides and applies a score; returns it.
    @discardableResult
    static func score(_ idea: Int64, by juror: Principal, _ values: [CriterionValue], on state: inout HackState,
                      at now: Millis = during) throws -> Score {
        let change = try state.decide(.scoreIdea(ideaId: idea, juror: juror, values: values), at: now)
        state.apply(change)
        guard case .ideaScored(let score) = change else {
            Issue.record("expected ideaScored, got \(change)")
            return try #require(nil as Score?)
        }
        return score
    }
}
