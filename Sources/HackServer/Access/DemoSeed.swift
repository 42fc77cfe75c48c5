import HackDomain

/// The demo: the PARCOURS FRANCE 2017 event, a team of hackers on the
/// Saint-Omer challenge, and one token per role so a new user can try each.
/// Demo tokens are issued anew at every `--demo` start (the previous ones
/// are revoked): their secrets are only ever shown when issued.
enum DemoSeed {
    static let tokenNamePrefix = "Démo · "
    static let teamName = "Les hackers de La Station"

    static func run(_ seeding: inout Seeding) throws -> [IssuedSecret] {
        let event = DemoScenario.eventSlug
        if seeding.state.event(slug: event) == nil {
            for command in DemoScenario.parcoursFrance2017 { try seeding.run(command) }
        }
        try seedRubric(&seeding)
        let challenges = seeding.state.challenges(eventSlug: event)
        guard let stationChallenge = challenges.first(where: { $0.territorySlug == "saint-omer" }) else {
            return []
        }
        let team = try seeding.state.teams(eventSlug: event, challengeId: stationChallenge.id)
            .first { $0.name == teamName }
            ?? seeding.run(.createTeam(TeamDraft(challengeId: stationChallenge.id, name: teamName, members: [
                Person(name: "Lyes Ghamissou", role: "consultant en business intelligence"),
            ]))).team!

        for token in seeding.state.tokens(eventSlug: nil)
        where token.issuedBy == nil && token.revokedAt == nil && token.name.hasPrefix(tokenNamePrefix) {
            try seeding.run(.revokeToken(id: token.id))
        }

        var grants: [(String, Grant)] = [
            ("admin", Grant(role: .admin, eventSlug: nil, territorySlug: nil, teamId: nil, challengeIds: [])),
            ("organisation", Grant(role: .organiser, eventSlug: event, territorySlug: nil, teamId: nil, challengeIds: [])),
        ]
        for challenge in challenges {
            grants.append(("modération \(challenge.territorySlug)", Grant(
                role: .moderator, eventSlug: event, territorySlug: challenge.territorySlug, teamId: nil, challengeIds: [])))
        }
        for challenge in challenges {
            grants.append(("territoire \(challenge.territorySlug)", Grant(
                role: .territory, eventSlug: event, territorySlug: challenge.territorySlug, teamId: nil, challengeIds: [])))
        }
        grants.append(("jury", Grant(role: .juror, eventSlug: event, territorySlug: nil, teamId: nil,
                                      challengeIds: challenges.map(\.id))))
        grants.append(("équipe \(team.name)", Grant(role: .team, eventSlug: event, territorySlug: nil,
                                                    teamId: team.id, challengeIds: [])))
        grants.append(("presse", Grant(role: .observer, eventSlug: event, territorySlug: nil, teamId: nil, challengeIds: [])))
        return try grants.map { name, grant in try seeding.issueToken(name: tokenNamePrefix + name, grant: grant) }
    }

    /// The demo rubric, when the event has none yet. A finished event is left
    /// without one: nobody will score there any more.
    private static func seedRubric(_ seeding: inout Seeding) throws {
        guard seeding.state.rubric(eventSlug: DemoScenario.eventSlug) == nil else { return }
        do {
            try seeding.run(.setRubric(DemoScenario.rubric))
        } catch let error as DomainError where error.kind == .failedPrecondition {
            return
        }
    }
}
