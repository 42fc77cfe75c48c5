import HackDomain
import Testing

/// What the audit log says about each kind of change.
@Suite struct AuditTests {
    @Test func targetsSummariesAndEvents() throws {
        var world = try AccessFixtures.world()
        let state = world.state
        let event = try #require(state.event(slug: AccessFixtures.event))
        let territory = try #require(state.territory(slug: "saint-omer"))
        var idea = world.omerIdea
        idea.revision = 3
        let moderator = TokenRecord(
            id: 4, name: "Aurélien", grant: Grant(role: .moderator, eventSlug: AccessFixtures.event, territorySlug: "saint-omer"),
            secretHash: AccessFixtures.hash, createdAt: 1)
        let admin = TokenRecord(id: 5, name: "root", grant: Grant(role: .admin), secretHash: AccessFixtures.hash, createdAt: 1)
        let juror = TokenRecord(
            id: 6, name: "Jury", grant: Grant(role: .juror, eventSlug: AccessFixtures.event, teamId: 2, challengeIds: [1, 3]),
            secretHash: AccessFixtures.hash, createdAt: 1)
        world.omerTeam.name = "Les Audomarois"

        let cases: [(Change, String, String, String?)] = [
            (.eventCreated(event), "event parcours-france-2017", "created \"\(event.name)\"", AccessFixtures.event),
            (.territoryUpdated(territory), "territory saint-omer", "updated \"\(territory.name)\"", nil),
            (.challengeUpdated(world.orleansChallenge), "challenge 2", "updated \"\(world.orleansChallenge.title)\"", AccessFixtures.event),
            (.teamCreated(world.omerTeam), "team 1", "created \"Les Audomarois\"", AccessFixtures.event),
            (.ideaCreated(world.omerIdea), "idea 1", "created \"Rayonnement régional\"", AccessFixtures.event),
            (.ideaUpdated(idea), "idea 1", "revision 3", AccessFixtures.event),
            (.tokenIssued(moderator), "token 4", "issued moderator token \"Aurélien\" for saint-omer", AccessFixtures.event),
            (.tokenIssued(admin), "token 5", "issued admin token \"root\"", nil),
            (.tokenIssued(juror), "token 6", "issued juror token \"Jury\" for challenges 1, 3 (member of team 2)", AccessFixtures.event),
            (.tokenRevoked(moderator), "token 4", "revoked", AccessFixtures.event),
        ]
        for (change, target, summary, eventSlug) in cases {
            #expect(change.auditTarget == target)
            #expect(change.auditSummary == summary)
            #expect(state.eventSlug(of: change) == eventSlug, "\(target)")
        }
    }

    @Test func entryForAChange() throws {
        let world = try AccessFixtures.world()
        let by = TokenRecord(
            id: 9, name: "Lyes", grant: Grant(role: .team, eventSlug: AccessFixtures.event, teamId: 1),
            secretHash: AccessFixtures.hash, createdAt: 1)
        let entry = AuditEntry(for: .ideaCreated(world.omerIdea), in: world.state, at: 77, by: by, method: "hack.v1.Ideas/Create")
        #expect(entry == AuditEntry(
            id: 0, at: 77, tokenId: 9, tokenName: "Lyes", method: "hack.v1.Ideas/Create",
            eventSlug: AccessFixtures.event, target: "idea 1", summary: "created \"Rayonnement régional\""))
        let seeded = AuditEntry(for: .territoryCreated(try #require(world.state.territory(slug: "orleans"))), in: world.state, at: 1, by: nil, method: "init")
        #expect(seeded.tokenId == nil && seeded.tokenName == "" && seeded.eventSlug == nil)
    }
}
