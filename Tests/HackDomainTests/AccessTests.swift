import HackDomain
import Testing

/// Every access rule as a table: for each action, exactly who may; every
/// other principal of `AccessFixtures.principals` must be refused.
@Suite struct AccessTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let action: String
        let allowed: Set<String>
        let check: @Sendable (Principal, AccessFixtures.World) -> Bool
        var testDescription: String { action }
    }

    static let everyone = Set(AccessFixtures.principals.keys)
    static let event = AccessFixtures.event
    static let other = AccessFixtures.otherEvent

    static let table: [Row] = [
        Row(action: "create an event", allowed: ["admin"]) { p, _ in Access.mayCreateEvent(p) },
        Row(action: "manage the demo event", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayManageEvent(p, event: event)
        },
        Row(action: "manage the other event", allowed: ["admin", "other-organiser"]) { p, _ in
            Access.mayManageEvent(p, event: other)
        },
        Row(action: "manage territories", allowed: ["admin", "organiser", "other-organiser"]) { p, _ in
            Access.mayManageTerritories(p)
        },
        Row(action: "read the demo event", allowed: everyone.subtracting(["other-organiser"])) { p, _ in
            Access.mayReadEvent(p, event: event)
        },
        Row(action: "read the other event", allowed: ["admin", "other-organiser"]) { p, _ in
            Access.mayReadEvent(p, event: other)
        },
        Row(action: "update Saint-Omer's challenge", allowed: ["admin", "organiser", "moderator-omer"]) { p, w in
            Access.mayUpdateChallenge(p, w.omerChallenge)
        },
        Row(action: "update Orléans' challenge", allowed: ["admin", "organiser", "moderator-orleans"]) { p, w in
            Access.mayUpdateChallenge(p, w.orleansChallenge)
        },
        Row(action: "update the other event's challenge (Orléans)", allowed: ["admin", "other-organiser"]) { p, w in
            Access.mayUpdateChallenge(p, w.otherChallenge)
        },
        Row(action: "update team 1", allowed: ["admin", "organiser", "team-omer"]) { p, w in
            Access.mayUpdateTeam(p, w.omerTeam)
        },
        Row(action: "create an idea for team 1", allowed: ["admin", "organiser", "team-omer"]) { p, w in
            Access.mayCreateIdea(p, team: w.omerTeam)
        },
        Row(action: "update team 1's idea", allowed: ["admin", "organiser", "team-omer"]) { p, w in
            Access.mayUpdateIdea(p, w.omerIdea, team: w.omerTeam)
        },
        Row(action: "update team 1's idea given the wrong team", allowed: []) { p, w in
            Access.mayUpdateIdea(p, w.omerIdea, team: w.orleansTeam)
        },
        Row(
            action: "read team 1's idea (Saint-Omer)",
            allowed: ["admin", "organiser", "team-omer", "moderator-omer", "territory-omer", "juror-omer"]
        ) { p, w in
            Access.mayReadIdea(p, w.omerIdea, team: w.omerTeam, challenge: w.omerChallenge)
        },
        Row(action: "read team 2's idea (Orléans)", allowed: ["admin", "organiser", "team-orleans", "moderator-orleans"]) { p, w in
            Access.mayReadIdea(p, w.orleansIdea, team: w.orleansTeam, challenge: w.orleansChallenge)
        },
        Row(action: "read team 1's idea given the wrong challenge", allowed: []) { p, w in
            Access.mayReadIdea(p, w.omerIdea, team: w.omerTeam, challenge: w.orleansChallenge)
        },
        Row(action: "issue a team token on the demo event", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayIssueToken(p, grant: Grant(role: .team, eventSlug: event, teamId: 1))
        },
        Row(action: "issue a co-organiser token on the demo event", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayIssueToken(p, grant: Grant(role: .organiser, eventSlug: event))
        },
        Row(action: "issue an admin token", allowed: ["admin"]) { p, _ in
            Access.mayIssueToken(p, grant: Grant(role: .admin))
        },
        Row(action: "revoke a moderator token of the demo event", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayRevokeToken(p, AccessFixtures.principals["moderator-omer"]!.token)
        },
        Row(action: "revoke an admin token", allowed: ["admin"]) { p, _ in
            Access.mayRevokeToken(p, AccessFixtures.principals["admin"]!.token)
        },
        Row(action: "read the demo event's tokens", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayReadTokens(p, event: event)
        },
        Row(action: "read every token", allowed: ["admin"]) { p, _ in Access.mayReadTokens(p, event: nil) },
        Row(action: "read the demo event's audit", allowed: ["admin", "organiser"]) { p, _ in
            Access.mayReadAudit(p, event: event)
        },
        Row(action: "read the whole audit log", allowed: ["admin"]) { p, _ in Access.mayReadAudit(p, event: nil) },
    ]

    @Test(arguments: table)
    func rule(_ row: Row) throws {
        let world = try AccessFixtures.world()
        #expect(row.allowed.isSubset(of: Self.everyone), "the table names only known principals")
        for (name, principal) in AccessFixtures.principals.sorted(by: { $0.key < $1.key }) {
            let expected = row.allowed.contains(name)
            #expect(row.check(principal, world) == expected, "\(name) \(expected ? "may" : "may not") \(row.action)")
        }
    }

    @Test func theCasesTheIssueNames() throws {
        let w = try AccessFixtures.world()
        let p = AccessFixtures.principals
        #expect(!Access.mayUpdateChallenge(p["moderator-omer"]!, w.orleansChallenge), "moderator of saint-omer on orléans' challenge")
        #expect(!Access.mayReadIdea(p["team-omer"]!, w.orleansIdea, team: w.orleansTeam, challenge: w.orleansChallenge))
        #expect(!Access.mayUpdateIdea(p["team-omer"]!, w.orleansIdea, team: w.orleansTeam))
        #expect(!Access.mayReadIdea(p["observer"]!, w.omerIdea, team: w.omerTeam, challenge: w.omerChallenge))
    }

    @Test func conflictOfInterestIsTheJurorsOwnTeam() throws {
        let w = try AccessFixtures.world()
        let juror = try #require(AccessFixtures.principals["juror-omer"])  // assigned challenge 1, member of team 2
        #expect(Access.conflictOfInterest(juror: juror, idea: w.orleansIdea))
        #expect(!Access.conflictOfInterest(juror: juror, idea: w.omerIdea))
        let teamless = AccessFixtures.principal(Grant(role: .juror, eventSlug: Self.event, challengeIds: [1, 2]))
        #expect(!Access.conflictOfInterest(juror: teamless, idea: w.orleansIdea))
        let teamToken = try #require(AccessFixtures.principals["team-orleans"])
        #expect(!Access.conflictOfInterest(juror: teamToken, idea: w.orleansIdea), "only juror grants conflict")
    }

    @Test func activeTokens() {
        let token = TokenRecord(id: 1, name: "x", grant: Grant(role: .admin), secretHash: AccessFixtures.hash, createdAt: 0, expiresAt: 100)
        #expect(token.isActive(at: 99))
        #expect(!token.isActive(at: 100))
        var revoked = token
        revoked.revokedAt = 50
        #expect(!revoked.isActive(at: 60))
        var forever = token
        forever.expiresAt = nil
        #expect(forever.isActive(at: .max))
    }
}
